resource "aws_iam_role_policy" "app" {
  name = "app"
  role = "app"
  # expect: TF604
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:*", "ec2:Describe*"], Resource = "*" }]
  })
}
