resource "azurerm_mssql_database" "ehr" {
  name      = "ehr"
  server_id = azurerm_mssql_server.main.id
}

resource "azurerm_mssql_database" "explicit" {
  name                                = "explicit"
  server_id                           = azurerm_mssql_server.main.id
  transparent_data_encryption_enabled = true
}
