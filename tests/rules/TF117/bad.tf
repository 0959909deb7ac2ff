# expect: TF117
resource "aws_eks_cluster" "clinical" {
  name     = "clinical"
  role_arn = aws_iam_role.eks.arn
}
