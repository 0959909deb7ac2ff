# The key policy AWS itself writes by default: the account may manage this key ("*" is the key).
data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "audit_key" {
  statement {
    sid     = "EnableIAMUserPermissions"
    effect  = "Allow"
    actions = ["kms:*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
    resources = ["*"]
  }
}

resource "aws_kms_key" "audit" {
  description         = "audit trail encryption"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.audit_key.json
}
