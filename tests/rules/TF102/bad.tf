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

variable "acl" {
  default = "authenticated-read"
}

resource "aws_s3_bucket_acl" "from_variable" {
  bucket = "hms-other"
  # expect: TF102
  acl = var.acl
}

resource "aws_s3_bucket_acl" "grant" {
  bucket = "hms-grants"
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        # expect: TF102
        uri = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
  }
}
