resource "aws_dynamodb_table" "patients" {
  name     = "patients"
  hash_key = "id"
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.phi.arn
  }
}
