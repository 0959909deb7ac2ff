resource "azurerm_key_vault" "phi" {
  name = "hms-phi"
}

resource "azurerm_monitor_diagnostic_setting" "phi" {
  name                       = "phi-audit"
  target_resource_id         = azurerm_key_vault.phi.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
  enabled_log {
    category = "AuditEvent"
  }
}
