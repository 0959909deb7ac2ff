resource "aws_iam_policy" "reader" {
  name = "reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "${aws_s3_bucket.records.arn}/*"
    }]
  })
}

resource "aws_iam_policy" "deny_all" {
  name = "deny"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "from_document" {
  name   = "doc"
  role   = "app"
  policy = data.aws_iam_policy_document.reader.json
}
