# expect: TF417
resource "aws_elb" "legacy" {
  name = "legacy"
}
