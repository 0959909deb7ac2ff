resource "aws_s3_bucket" "public" {
  bucket = "hms-exports"
  # expect: TF102
  acl = "public-read"
}

resource "aws_s3_bucket_acl" "rw" {
  bucket = aws_s3_bucket.public.id
  # expect: TF102
  acl = "public-read-write"
}
