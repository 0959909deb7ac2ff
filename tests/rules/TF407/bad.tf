# expect: TF407
resource "aws_db_instance" "patients" {
  engine = "postgres"
}

resource "aws_db_parameter_group" "quiet" {
  name   = "quiet"
  family = "postgres16"
  parameter {
    name  = "log_statement"
    value = "none"
  }
}

# expect: TF407
resource "aws_db_instance" "quiet" {
  engine               = "postgres"
  parameter_group_name = aws_db_parameter_group.quiet.name
}
