resource "aws_db_instance" "patients" {
  engine              = "postgres"
  publicly_accessible = false
}

resource "aws_rds_cluster_instance" "member" {
  cluster_identifier = aws_rds_cluster.main.id
}
