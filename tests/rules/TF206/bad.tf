# expect: TF206
resource "aws_db_instance" "mysql_default_group" {
  engine         = "mysql"
  engine_version = "8.0"
}

resource "aws_db_parameter_group" "pg14" {
  name   = "pg14"
  family = "postgres14"
  parameter {
    name  = "log_statement"
    value = "ddl"
  }
}

# expect: TF206
resource "aws_db_instance" "pg14" {
  engine               = "postgres"
  engine_version       = "14.9"
  parameter_group_name = aws_db_parameter_group.pg14.name
}
