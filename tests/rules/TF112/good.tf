resource "aws_sqs_queue" "kms" {
  name              = "referrals"
  kms_master_key_id = aws_kms_key.phi.id
}

resource "aws_sqs_queue" "managed" {
  name                    = "results"
  sqs_managed_sse_enabled = true
}
