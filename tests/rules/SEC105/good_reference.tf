# The Lambda reads the Cognito client's secret through a resource reference, not a literal.
resource "aws_lambda_function" "token_validator" {
  function_name = "token-validator"
  role          = "arn:aws:iam::123456789012:role/token-validator"
  handler       = "lambda_function.lambda_handler"
  runtime       = "python3.11"

  environment {
    variables = {
      CLIENT_ID     = aws_cognito_user_pool_client.smart.id
      CLIENT_SECRET = aws_cognito_user_pool_client.smart.client_secret
    }
  }
}
