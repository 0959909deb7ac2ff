# expect: TF401
provider "aws" {
  region = "ap-south-1"
}

resource "aws_s3_bucket" "records" {
  bucket = "hms-records"
}
