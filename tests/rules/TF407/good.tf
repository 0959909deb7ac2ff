resource "aws_db_instance" "exported" {
  engine                          = "postgres"
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
}

resource "aws_db_parameter_group" "audit" {
  name   = "audit"
  family = "postgres16"
  parameter {
    name  = "pgaudit.log"
    value = "read,write"
  }
}

resource "aws_db_instance" "audited" {
  engine               = "postgres"
  parameter_group_name = aws_db_parameter_group.audit.name
}

resource "aws_rds_cluster" "aurora" {
  engine                          = "aurora-mysql"
  enabled_cloudwatch_logs_exports = ["audit"]
}
