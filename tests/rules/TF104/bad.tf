resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 40
  # expect: TF104
  encrypted = false
}

# expect: TF104
resource "aws_ebs_volume" "missing" {
  availability_zone = "eu-west-1a"
  size              = 40
}
