resource "aws_sns_topic" "results" {
  name              = "results"
  kms_master_key_id = "alias/aws/sns"
}
