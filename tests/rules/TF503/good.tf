resource "aws_dynamodb_table" "patients" {
  name     = "patients"
  hash_key = "id"
  point_in_time_recovery {
    enabled = true
  }
}
