resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  vpc_options {
    subnet_ids         = var.subnets
    security_group_ids = [aws_security_group.search.id]
  }
}
