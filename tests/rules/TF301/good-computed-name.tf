# Synthetic: a shared bucket module whose bucket name defaults to null (AWS names the bucket);
# the public access block refers to the bucket's computed name, not its id.
variable "bucket_name" {
  type    = string
  default = null
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket_name
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.bucket
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
