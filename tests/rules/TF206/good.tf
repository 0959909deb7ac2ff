resource "aws_db_parameter_group" "tls" {
  name   = "mysql-tls"
  family = "mysql8.0"
  parameter {
    name  = "require_secure_transport"
    value = "1"
  }
}

resource "aws_db_instance" "mysql" {
  engine               = "mysql"
  parameter_group_name = aws_db_parameter_group.tls.name
}

resource "aws_db_instance" "pg16" {
  engine         = "postgres"
  engine_version = "16.3"
}

# By name, through a variable's default.
variable "pg_group" {
  default = "pg13-tls"
}

resource "aws_db_parameter_group" "pg13" {
  name   = "pg13-tls"
  family = "postgres13"
  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "pending-reboot"
  }
}

resource "aws_db_instance" "pg13" {
  engine               = "postgres"
  engine_version       = "13.12"
  parameter_group_name = var.pg_group
}

# A group managed elsewhere: not judged.
resource "aws_db_instance" "external" {
  engine               = "mysql"
  parameter_group_name = var.group_from_pipeline
}
