resource "aws_lambda_function" "token_validator" {
  function_name = "token-validator"
  environment {
    variables = {
      # expect: SEC105
      CLIENT_SECRET = "q8Zr2LxV0tNw7PbK4sYd9HmJ3cFe6GaU"
    }
  }
}
