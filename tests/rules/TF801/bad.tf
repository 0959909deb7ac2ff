output "db_password" {
  # expect: TF801
  value = aws_db_instance.records.password
}

output "admin_password" {
  # expect: TF801
  value = random_password.admin.result
}

output "deploy_secret" {
  # expect: TF801
  value = aws_iam_access_key.deploy.secret
}

output "tls_key" {
  # expect: TF801
  value     = tls_private_key.api.private_key_pem
  sensitive = false
}

output "storage_connection" {
  # expect: TF801
  value = nonsensitive(azurerm_storage_account.records.primary_connection_string)
}

output "api_token" {
  # expect: TF801
  value = var.api_token
}
