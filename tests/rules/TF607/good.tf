resource "aws_cognito_user_pool" "clinicians" {
  name              = "clinicians"
  mfa_configuration = "ON"
  software_token_mfa_configuration {
    enabled = true
  }
}

resource "aws_cognito_user_pool" "patients" {
  name              = "patients"
  mfa_configuration = "OPTIONAL"
}
