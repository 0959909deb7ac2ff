# expect: TF404
resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "hms-trail"
}
