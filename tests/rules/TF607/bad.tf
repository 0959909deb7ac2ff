# expect: TF607
resource "aws_cognito_user_pool" "clinicians" {
  name = "clinicians"
}

resource "aws_cognito_user_pool" "patients" {
  name              = "patients"
  # expect: TF607
  mfa_configuration = "OFF"
}
