resource "aws_iam_policy" "admin" {
  name = "admin"
  # expect: TF601
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_user_policy" "heredoc" {
  name = "heredoc"
  user = "ops"
  # expect: TF601
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": "*"}]
}
EOF
}

data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::hms/*"]
  }
  # expect: TF601
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}
