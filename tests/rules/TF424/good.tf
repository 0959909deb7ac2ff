resource "aws_db_parameter_group" "records" {
  name   = "records"
  family = "postgres16"

  parameter {
    name  = "log_connections"
    value = "1"
  }
  parameter {
    name  = "log_disconnections"
    value = "1"
  }
  parameter {
    name  = "log_min_duration_statement"
    value = "0"
  }
}

resource "aws_rds_cluster_parameter_group" "aurora" {
  name   = "aurora"
  family = "aurora-postgresql16"
  # statements are logged by pgaudit instead
  parameter {
    name  = "log_statement"
    value = "none"
  }
  parameter {
    name  = "pgaudit.log"
    value = "ddl,write,role"
  }
}
