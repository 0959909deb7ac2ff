variable "db_password" {
  type      = string
  sensitive = true
}

variable "smtp_password" {
  type    = string
  default = ""
}

variable "oauth_client_secret" {
  type    = string
  default = null
}

variable "password_min_length" {
  type    = number
  default = 12
}

variable "db_secret_name" {
  default = "prod/emr/db"
}

variable "token_ttl" {
  default = "3600"
}

variable "secrets_kms_key_arn" {
  default = "arn:aws:kms:eu-west-1:111122223333:key/abcd"
}

variable "oidc_token_issuer" {
  default = "https://issuer.example.org/realms/emr"
}

variable "token_audience" {
  default = "sts.amazonaws.com"
}
