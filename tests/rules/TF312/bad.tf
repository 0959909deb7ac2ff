resource "aws_eks_cluster" "clinical" {
  name = "clinical"
  # expect: TF312
  vpc_config {
    subnet_ids = var.subnets
  }
}
