resource "azurerm_mssql_server" "main" {
  name                          = "hms-sql"
  public_network_access_enabled = false
}
