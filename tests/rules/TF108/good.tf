resource "aws_efs_file_system" "scans" {
  creation_token = "scans"
  encrypted      = true
  kms_key_id     = aws_kms_key.phi.arn
}
