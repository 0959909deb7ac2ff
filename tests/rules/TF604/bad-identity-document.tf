# An identity policy document (no principal): kms:* on every key in the account.
data "aws_iam_policy_document" "app_kms" {
  # expect: TF604
  statement {
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "app_kms" {
  name   = "app-kms"
  role   = "app"
  policy = data.aws_iam_policy_document.app_kms.json
}
