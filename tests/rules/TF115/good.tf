resource "aws_kinesis_stream" "vitals" {
  name            = "vitals"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = "alias/aws/kinesis"
}

resource "aws_kinesis_firehose_delivery_stream" "archive" {
  name        = "archive"
  destination = "extended_s3"
  server_side_encryption {
    enabled = true
  }
}
