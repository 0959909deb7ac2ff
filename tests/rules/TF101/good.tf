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
  storage_encrypted = var.encrypt_from_pipeline
}

# A read replica inherits the source's encryption.
resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.encrypted.identifier
}

resource "aws_rds_cluster" "serverless_v1" {
  engine_mode = "serverless"
}

# count = 0: never created, never evaluated.
resource "aws_db_instance" "disabled" {
  count             = 0
  storage_encrypted = false
}

resource "aws_s3_bucket" "other_type" {
  bucket = "x"
}
