provider "aws" {
  region = "us-east-1"
}

resource "aws_db_instance" "patients" {
  identifier          = "hms-patients"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 50
  storage_encrypted   = false
  publicly_accessible = true
  username            = "hms"
  manage_master_user_password = true
}

resource "aws_s3_bucket" "reports" {
  bucket = "hms-discharge-reports"
  acl    = "public-read"
}
