# expect: TF115
resource "aws_kinesis_stream" "vitals" {
  name        = "vitals"
  shard_count = 1
}

# expect: TF115
resource "aws_kinesis_firehose_delivery_stream" "archive" {
  name        = "archive"
  destination = "extended_s3"
}
