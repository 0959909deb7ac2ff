# expect: TF415
resource "aws_lb" "web" {
  name = "web"
}

resource "aws_lb" "off" {
  name = "off"
  access_logs {
    bucket = aws_s3_bucket.lb_logs.id
    # expect: TF415
    enabled = false
  }
}
