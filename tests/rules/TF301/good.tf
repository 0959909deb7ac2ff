resource "aws_s3_bucket" "blocked" {
  bucket = "hms-blocked"
}

resource "aws_s3_bucket_public_access_block" "blocked" {
  bucket                  = aws_s3_bucket.blocked.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "counted" {
  count  = 2
  bucket = "hms-counted-${count.index}"
}

resource "aws_s3_bucket_public_access_block" "counted" {
  count                   = 2
  bucket                  = aws_s3_bucket.counted[count.index].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
