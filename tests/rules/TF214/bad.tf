resource "azurerm_postgresql_server" "pg" {
  name = "hms-pg"
  # expect: TF214
  ssl_enforcement_enabled = false
}
