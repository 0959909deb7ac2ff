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

variable "encrypt" {
  default = false
}

# Resolved from the variable's default.
resource "aws_db_instance" "from_variable" {
  # expect: TF101
  storage_encrypted = var.encrypt
}
