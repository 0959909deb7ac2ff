# expect: TF108
resource "aws_efs_file_system" "scans" {
  creation_token = "scans"
}
