# Inline (AWS provider v3).
resource "aws_s3_bucket" "inline" {
  bucket = "hms-inline"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}

# Separate resource by reference (v4+).
resource "aws_s3_bucket" "by_reference" {
  bucket = "hms-by-reference"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "by_reference" {
  bucket = aws_s3_bucket.by_reference.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.phi.arn
    }
  }
}

# Separate resource by bucket name, through a variable.
variable "name" {
  default = "hms-by-name"
}

resource "aws_s3_bucket" "by_name" {
  bucket = var.name
}

resource "aws_s3_bucket_server_side_encryption_configuration" "by_name" {
  bucket = "hms-by-name"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

# Coverage that depends on an unresolved value is not judged.
resource "aws_s3_bucket" "maybe" {
  bucket = "hms-maybe"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "maybe" {
  bucket = var.bucket_id_from_pipeline
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
