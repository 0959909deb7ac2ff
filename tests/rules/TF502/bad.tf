# expect: TF502
resource "aws_db_instance" "patients" {
  engine = "postgres"
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  # expect: TF502
  deletion_protection = false
}
