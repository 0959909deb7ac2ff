# expect: TF114
resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
}

resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
  # expect: TF114
  storage_encrypted = false
}
