# Synthetic: buckets that receive logs are not judged for their own access logging.
resource "aws_s3_bucket" "waf_logs" {
  count  = var.enable_waf ? 1 : 0
  bucket = "aws-waf-logs-hms"
}

resource "aws_wafv2_web_acl_logging_configuration" "main" {
  count                   = var.enable_waf ? 1 : 0
  resource_arn            = aws_wafv2_web_acl.main[0].arn
  log_destination_configs = [aws_s3_bucket.waf_logs[0].arn]
}

# ALB access logs switched on outside Terraform (an ingress controller annotation): the
# bucket policy shows the log-delivery service writes to it.
resource "aws_s3_bucket" "alb_logs" {
  bucket = "hms-alb-logs"
}

data "aws_iam_policy_document" "alb_logs" {
  statement {
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.alb_logs.arn}/AWSLogs/*"]
    principals {
      type        = "Service"
      identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]
    }
  }
}

resource "aws_s3_bucket_policy" "alb_logs" {
  bucket = aws_s3_bucket.alb_logs.id
  policy = data.aws_iam_policy_document.alb_logs.json
}

resource "aws_s3_bucket" "stream_logs" {
  bucket = "hms-stream-logs"
}

resource "aws_kinesis_firehose_delivery_stream" "logs" {
  name        = "hms-logs"
  destination = "extended_s3"
  extended_s3_configuration {
    role_arn   = aws_iam_role.firehose.arn
    bucket_arn = aws_s3_bucket.stream_logs.arn
  }
}
