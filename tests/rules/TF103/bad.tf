# expect: TF103
resource "aws_s3_bucket" "plain" {
  bucket = "hms-exports"
}

# The configuration names another bucket.
# expect: TF103
resource "aws_s3_bucket" "covered_elsewhere" {
  bucket = "hms-reports"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "other" {
  bucket = aws_s3_bucket.unrelated.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
