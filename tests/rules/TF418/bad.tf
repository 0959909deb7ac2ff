# expect: TF418
resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
}

resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
  # expect: TF418
  enabled_cloudwatch_logs_exports = ["profiler"]
}
