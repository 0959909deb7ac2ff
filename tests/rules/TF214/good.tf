resource "azurerm_postgresql_server" "pg" {
  name                             = "hms-pg"
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
}
