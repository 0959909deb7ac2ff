resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "hms-trail"
  is_multi_region_trail = true
  # expect: TF403
  enable_log_file_validation = false
}
