# expect: TF210
resource "aws_elasticsearch_domain" "logs" {
  domain_name = "logs"
}
