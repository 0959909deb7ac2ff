resource "azurerm_monitor_log_profile" "main" {
  name       = "main"
  categories = ["Action"]
  locations  = ["centralindia"]
  # expect: TF421
  retention_policy {
    enabled = true
    days    = 30
  }
}
