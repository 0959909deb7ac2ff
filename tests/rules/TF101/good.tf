resource "aws_db_instance" "encrypted" {
  engine            = "postgres"
  storage_encrypted = true
  kms_key_id        = "arn:aws:kms:us-east-1:111122223333:key/demo"
}

resource "aws_rds_cluster" "encrypted" {
  storage_encrypted = "true"
}

# Unresolved: never reported as compliant, never as a finding by default (not evaluated).
resource "aws_db_instance" "unresolved" {
  storage_encrypted = var.encrypt
}

resource "aws_s3_bucket" "other_type" {
  bucket = "x"
}
