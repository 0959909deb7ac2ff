resource "aws_eks_cluster" "clinical" {
  name                      = "clinical"
  enabled_cluster_log_types = ["api", "audit", "authenticator"]
}
