# expect: TF503
resource "aws_dynamodb_table" "patients" {
  name     = "patients"
  hash_key = "id"
}
