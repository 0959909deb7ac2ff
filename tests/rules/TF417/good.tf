resource "aws_elb" "legacy" {
  name = "legacy"
  access_logs {
    bucket = aws_s3_bucket.lb_logs.id
  }
}
