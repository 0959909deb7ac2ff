resource "aws_s3_bucket" "records" {
  bucket = "hms-records"
}

resource "aws_s3_bucket_versioning" "records" {
  bucket = aws_s3_bucket.records.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "inline" {
  bucket = "hms-inline"
  versioning {
    enabled = true
  }
}
