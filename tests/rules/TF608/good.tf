resource "aws_cognito_user_pool_client" "portal" {
  name                                 = "patient-portal"
  user_pool_id                         = aws_cognito_user_pool.patients.id
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email"]
}

resource "aws_cognito_user_pool_client" "backend" {
  name                = "claims-backend"
  user_pool_id        = aws_cognito_user_pool.patients.id
  allowed_oauth_flows = ["client_credentials"]
}
