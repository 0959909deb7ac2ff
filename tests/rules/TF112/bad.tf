# expect: TF112
resource "aws_sqs_queue" "referrals" {
  name = "referrals"
}

# expect: TF112
resource "aws_sqs_queue" "off" {
  name                    = "off"
  sqs_managed_sse_enabled = false
}
