resource "aws_db_parameter_group" "pg" {
  name   = "pg"
  family = "postgres16"
  # expect: TF207
  parameter {
    name  = "rds.force_ssl"
    value = "0"
  }
}
