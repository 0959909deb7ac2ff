# expect: TF405
resource "aws_s3_bucket" "records" {
  bucket = "hms-records"
}
