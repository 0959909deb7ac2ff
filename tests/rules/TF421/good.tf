resource "azurerm_monitor_log_profile" "main" {
  name       = "main"
  categories = ["Action", "Delete", "Write"]
  locations  = ["centralindia"]
  retention_policy {
    enabled = true
    days    = 365
  }
}
