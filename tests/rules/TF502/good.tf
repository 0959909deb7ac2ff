resource "aws_db_instance" "patients" {
  engine              = "postgres"
  deletion_protection = true
}
