resource "aws_db_instance" "patients" {
  engine = "postgres"
  # expect: TF501
  backup_retention_period = 3
}

# expect: TF501
resource "aws_rds_cluster" "aurora" {
  engine = "aurora-postgresql"
}
