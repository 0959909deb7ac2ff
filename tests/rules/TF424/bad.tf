resource "aws_db_parameter_group" "records" {
  name   = "records"
  family = "postgres16"

  parameter {
    name  = "log_statement"
    value = "ddl"
  }
  # expect: TF424
  parameter {
    name  = "log_connections"
    value = "0"
  }
  # expect: TF424
  parameter {
    name  = "log_disconnections"
    value = "off"
  }
}

resource "aws_rds_cluster_parameter_group" "aurora" {
  name   = "aurora"
  family = "aurora-postgresql16"
  # expect: TF424
  parameter {
    name  = "log_statement"
    value = "none"
  }
  # expect: TF424
  parameter {
    name  = "pgaudit.log"
    value = "none"
  }
}
