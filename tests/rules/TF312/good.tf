resource "aws_eks_cluster" "private" {
  name = "private"
  vpc_config {
    subnet_ids              = var.subnets
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}

resource "aws_eks_cluster" "narrow" {
  name = "narrow"
  vpc_config {
    subnet_ids          = var.subnets
    public_access_cidrs = ["203.0.113.0/24"]
  }
}
