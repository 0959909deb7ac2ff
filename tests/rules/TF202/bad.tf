resource "aws_elb" "web" {
  name = "web"
  listener {
    instance_port     = 8000
    instance_protocol = "http"
    lb_port           = 80
    # expect: TF202
    lb_protocol = "http"
  }
}
