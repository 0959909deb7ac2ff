resource "azurerm_kubernetes_cluster" "clinical" {
  name = "clinical"
}

resource "azurerm_kubernetes_cluster" "explicit" {
  name                              = "explicit"
  role_based_access_control_enabled = true
}
