# expect: TF420
resource "azurerm_kubernetes_cluster" "clinical" {
  name = "clinical"
  addon_profile {
    oms_agent {
      enabled = false
    }
  }
}
