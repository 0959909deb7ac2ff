# expect: TF504
resource "aws_s3_bucket" "records" {
  bucket = "hms-records"
}

resource "aws_s3_bucket" "suspended" {
  bucket = "hms-suspended"
}

resource "aws_s3_bucket_versioning" "suspended" {
  bucket = aws_s3_bucket.suspended.id
  versioning_configuration {
    # expect: TF504
    status = "Suspended"
  }
}
