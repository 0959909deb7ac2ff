resource "azurerm_network_watcher_flow_log" "nsg" {
  name                      = "nsg"
  network_security_group_id = azurerm_network_security_group.app.id
  enabled                   = true
  retention_policy {
    enabled = true
    days    = 365
  }
}
