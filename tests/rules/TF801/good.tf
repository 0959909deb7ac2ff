output "db_password" {
  value     = aws_db_instance.records.password
  sensitive = true
}

output "admin_password" {
  value     = random_password.admin.result
  sensitive = true
}

output "db_secret_arn" {
  value = aws_secretsmanager_secret.db.arn
}

output "db_secret_name" {
  value = aws_secretsmanager_secret.db.name
}

output "kms_key_id" {
  value = aws_kms_key.records.key_id
}

output "password_policy" {
  value = var.password_min_length
}

output "endpoint" {
  value = aws_db_instance.records.endpoint
}
