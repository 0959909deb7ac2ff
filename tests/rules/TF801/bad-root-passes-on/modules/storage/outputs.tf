# Synthetic. A nested module's outputs reach only its caller, with the provider's sensitive mark;
# Terraform prints and stores only the root module's outputs.
output "primary_access_key" {
  value = azurerm_storage_account.records.primary_access_key
}
