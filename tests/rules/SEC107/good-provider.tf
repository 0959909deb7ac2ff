# An emulator's dummy key chosen by an expression is not a framework signing secret.
provider "aws" {
  access_key = var.use_emulator ? "test" : null
  secret_key = var.use_emulator ? "test" : null
}
