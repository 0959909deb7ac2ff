# expect: TF408
resource "azurerm_mssql_server" "main" {
  name = "hms-sql"
}
