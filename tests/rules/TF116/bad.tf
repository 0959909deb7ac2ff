# expect: TF116
resource "aws_ebs_snapshot_copy" "backup" {
  source_snapshot_id = "snap-0123456789abcdef0"
  source_region      = "ap-south-1"
}
