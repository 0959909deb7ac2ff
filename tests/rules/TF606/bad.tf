resource "azurerm_kubernetes_cluster" "clinical" {
  name = "clinical"
  # expect: TF606
  role_based_access_control_enabled = false
}

resource "azurerm_kubernetes_cluster" "legacy" {
  name = "legacy"
  role_based_access_control {
    # expect: TF606
    enabled = false
  }
}
