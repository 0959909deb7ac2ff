# expect: TF113
resource "aws_sns_topic" "results" {
  name = "results"
}
