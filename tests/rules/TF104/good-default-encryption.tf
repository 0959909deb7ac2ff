resource "aws_ebs_encryption_by_default" "on" {
  enabled = true
}

resource "aws_ebs_volume" "covered" {
  availability_zone = "eu-west-1a"
  size              = 40
}
