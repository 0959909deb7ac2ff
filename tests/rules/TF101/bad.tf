resource "aws_db_instance" "explicit_false" {
  engine = "postgres"
  # expect: TF101
  storage_encrypted = false
}

# expect: TF101
resource "aws_rds_cluster" "missing" {
  engine = "aurora-postgresql"
}

resource "aws_db_instance" "string_false" {
  # expect: TF101
  storage_encrypted = "false"
}
