# expect: TF107
resource "aws_dynamodb_table" "patients" {
  name     = "patients"
  hash_key = "id"
}

resource "aws_dynamodb_table" "disabled" {
  name     = "visits"
  hash_key = "id"
  server_side_encryption {
    # expect: TF107
    enabled = false
  }
}
