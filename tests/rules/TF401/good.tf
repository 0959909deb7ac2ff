provider "aws" {
  region = "ap-south-1"
}

resource "aws_s3_bucket" "records" {
  bucket = "hms-records"
}

resource "aws_cloudtrail" "main" {
  name                          = "main"
  s3_bucket_name                = "hms-trail"
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.trail.arn
}
