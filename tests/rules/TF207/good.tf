resource "aws_db_parameter_group" "pg" {
  name   = "pg"
  family = "postgres16"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_parameter_group" "mysql" {
  name   = "mysql"
  family = "mysql8.0"
  parameter {
    name  = "rds.force_ssl"
    value = "0"
  }
}
