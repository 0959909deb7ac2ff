resource "aws_cloudfront_distribution" "portal" {
  enabled = true
  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.portal.arn
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
