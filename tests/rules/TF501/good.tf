resource "aws_db_instance" "patients" {
  engine                  = "postgres"
  backup_retention_period = 14
}

resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.patients.identifier
}

resource "aws_rds_cluster" "aurora" {
  engine                  = "aurora-postgresql"
  backup_retention_period = "7"
}
