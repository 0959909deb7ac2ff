resource "aws_s3_bucket" "site" {
  bucket = "static-site"
  # expect: META001
  // hms-policy: ignore reason="public website"
  acl = "private"
}

/*
 * expect: META001
 * hms-policy: ignore[TF102]
 */
