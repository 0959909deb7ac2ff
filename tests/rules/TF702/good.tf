provider "aws" {
  region = "ap-south-1"
}

provider "aws" {
  alias  = "dr"
  region = "ap-south-2"
}

resource "aws_s3_bucket" "records" {
  bucket = "hms-records"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.dr
  bucket   = "hms-records-dr"
}

resource "aws_s3_bucket_replication_configuration" "records" {
  bucket = aws_s3_bucket.records.id
  role   = aws_iam_role.replication.arn
  rule {
    id     = "all"
    status = "Enabled"
    destination {
      bucket = aws_s3_bucket.replica.arn
    }
  }
}

resource "aws_dynamodb_table" "patients" {
  name     = "patients"
  hash_key = "id"
  replica {
    region_name = "ap-south-2"
  }
}
