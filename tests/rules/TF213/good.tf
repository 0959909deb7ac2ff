resource "azurerm_storage_account" "docs" {
  name            = "hmsdocs"
  min_tls_version = "TLS1_2"
}

resource "azurerm_mssql_server" "main" {
  name                = "hms-sql"
  minimum_tls_version = "1.2"
}

resource "azurerm_linux_web_app" "portal" {
  name = "portal"
  site_config {
    minimum_tls_version = "1.3"
  }
}
