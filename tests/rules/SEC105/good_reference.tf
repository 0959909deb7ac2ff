# The token validator gets the Cognito client's secret through a resource reference, not a literal
# (an indexed reference, as a counted resource is written, is still an expression).
module "token_validator" {
  source        = "./modules/token-validator"
  client_id     = aws_cognito_user_pool_client.smart[0].id
  client_secret = aws_cognito_user_pool_client.smart[0].client_secret
}

# The name of a secret in a secret manager, mapped to an environment variable name.
locals {
  SLSX_CLIENT_SECRET = "DJANGO_SLSX_CLIENT_SECRET"
}
