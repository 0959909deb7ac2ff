resource "azurerm_kubernetes_cluster" "clinical" {
  name = "clinical"
}

resource "azurerm_monitor_diagnostic_setting" "clinical" {
  name                       = "clinical-audit"
  target_resource_id         = azurerm_kubernetes_cluster.clinical.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
  enabled_log {
    category = "kube-audit"
  }
}

resource "azurerm_kubernetes_cluster" "insights" {
  name = "insights"
  oms_agent {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id
  }
}
