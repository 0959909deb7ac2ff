# expect: TF402
resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "hms-trail"
  enable_log_file_validation = true
}
