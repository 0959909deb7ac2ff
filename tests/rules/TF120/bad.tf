resource "azurerm_mssql_database" "ehr" {
  name      = "ehr"
  server_id = azurerm_mssql_server.main.id
  # expect: TF120
  transparent_data_encryption_enabled = false
}
