resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "hms-trail"
  kms_key_id     = aws_kms_key.trail.arn
}
