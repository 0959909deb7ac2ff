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

resource "aws_s3_bucket_acl" "unresolved" {
  bucket = "y"
  acl    = var.acl_from_pipeline
}

resource "aws_s3_bucket_acl" "grant" {
  bucket = "hms-grants"
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "WRITE"
    }
  }
}
