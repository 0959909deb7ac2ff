resource "aws_lb" "web" {
  name = "web"
  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    enabled = true
  }
}
