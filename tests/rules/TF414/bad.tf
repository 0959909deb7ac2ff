# expect: TF414
resource "aws_eks_cluster" "clinical" {
  name = "clinical"
}
