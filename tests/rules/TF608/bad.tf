resource "aws_cognito_user_pool_client" "portal" {
  name                                 = "patient-portal"
  user_pool_id                         = aws_cognito_user_pool.patients.id
  allowed_oauth_flows_user_pool_client = true
  # expect: TF608
  allowed_oauth_flows                  = ["code", "implicit"]
  allowed_oauth_scopes                 = ["openid", "email"]
}
