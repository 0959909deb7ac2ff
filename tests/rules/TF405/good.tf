resource "aws_s3_bucket" "records" {
  bucket = "hms-records"
}

resource "aws_s3_bucket_logging" "records" {
  bucket        = aws_s3_bucket.records.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "records/"
}

# The log bucket itself is not judged.
resource "aws_s3_bucket" "logs" {
  bucket = "hms-logs"
}

resource "aws_s3_bucket" "inline" {
  bucket = "hms-inline"
  logging {
    target_bucket = aws_s3_bucket.logs.id
  }
}

resource "aws_s3_bucket" "trail" {
  bucket = "hms-trail"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}
