resource "azurerm_linux_web_app" "portal" {
  name = "portal"
  logs {
    http_logs {
      file_system {
        retention_in_days = 30
        retention_in_mb   = 35
      }
    }
  }
}
