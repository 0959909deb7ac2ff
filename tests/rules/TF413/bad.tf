resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  # expect: TF413
  log_publishing_options {
    log_type                 = "INDEX_SLOW_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
  }
}
