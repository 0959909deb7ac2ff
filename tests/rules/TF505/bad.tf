resource "azurerm_postgresql_flexible_server" "ehr" {
  name = "hms-ehr"
  # expect: TF505
  backup_retention_days = 3
}
