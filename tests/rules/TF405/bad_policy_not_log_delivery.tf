# Synthetic: a bucket policy for an application role does not make a log bucket.
# expect: TF405
resource "aws_s3_bucket" "reports" {
  bucket = "hms-reports"
}

data "aws_iam_policy_document" "reports" {
  statement {
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.reports.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.app.arn]
    }
  }
}
