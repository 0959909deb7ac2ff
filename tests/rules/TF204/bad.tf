resource "aws_cloudfront_distribution" "portal" {
  enabled = true
  default_cache_behavior {
    target_origin_id = "portal"
    # expect: TF204
    viewer_protocol_policy = "allow-all"
  }
}
