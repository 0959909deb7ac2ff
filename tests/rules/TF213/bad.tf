resource "azurerm_storage_account" "docs" {
  name = "hmsdocs"
  # expect: TF213
  min_tls_version = "TLS1_0"
}

resource "azurerm_mssql_server" "main" {
  name = "hms-sql"
  # expect: TF213
  minimum_tls_version = "1.1"
}

resource "azurerm_postgresql_server" "pg" {
  name = "hms-pg"
  # expect: TF213
  ssl_minimal_tls_version_enforced = "TLSEnforcementDisabled"
}

resource "azurerm_linux_web_app" "portal" {
  name = "portal"
  site_config {
    # expect: TF213
    minimum_tls_version = "1.0"
  }
}
