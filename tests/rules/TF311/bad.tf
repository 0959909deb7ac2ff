# expect: TF311
resource "azurerm_mssql_server" "main" {
  name = "hms-sql"
}

resource "azurerm_postgresql_server" "pg" {
  name = "hms-pg"
  # expect: TF311
  public_network_access_enabled = true
}
