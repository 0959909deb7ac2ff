resource "aws_s3_bucket" "private" {
  bucket = "hms-exports"
  acl    = "private"
}

resource "aws_s3_bucket" "no_acl" {
  bucket = "hms-archive"
}

resource "aws_s3_bucket_acl" "log_delivery" {
  bucket = "x"
  acl    = "log-delivery-write"
}
