# expect: TF301
resource "aws_s3_bucket" "none" {
  bucket = "hms-none"
}

# expect: TF301
resource "aws_s3_bucket" "partial" {
  bucket = "hms-partial"
}

resource "aws_s3_bucket_public_access_block" "partial" {
  bucket                  = aws_s3_bucket.partial.id
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}
