variable "db_password" {
  type = string
  # expect: TF802
  default = "Hosp1tal-Records!"
}

variable "admin_password" {
  type      = string
  sensitive = true
  # expect: TF802
  default   = "changeme"
}

variable "api_token" {
  # expect: TF802
  default = "k7Qw9ZpL2mXv"
}
