resource "aws_s3_bucket_policy" "open" {
  bucket = aws_s3_bucket.records.id
  # expect: TF602
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.records.arn}/*"
    }]
  })
}

resource "aws_iam_role" "assumable" {
  name = "assumable"
  # expect: TF602
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_lambda_permission" "any" {
  function_name = "export"
  action        = "lambda:InvokeFunction"
  # expect: TF602
  principal = "*"
}
