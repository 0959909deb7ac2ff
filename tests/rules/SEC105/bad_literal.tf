module "token_validator" {
  source    = "./modules/token-validator"
  client_id = "ehr-dashboard"
  # expect: SEC105
  client_secret = "q8Zr2LxV0tNw7PbK4sYd9HmJ3cFe6GaU"
}
