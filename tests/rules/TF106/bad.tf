resource "aws_ebs_encryption_by_default" "off" {
  # expect: TF106
  enabled = false
}
