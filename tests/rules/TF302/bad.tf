resource "aws_db_instance" "patients" {
  engine = "postgres"
  # expect: TF302
  publicly_accessible = true
}

resource "aws_rds_cluster_instance" "member" {
  cluster_identifier = aws_rds_cluster.main.id
  # expect: TF302
  publicly_accessible = "true"
}
