# expect: TF315
resource "azurerm_kubernetes_cluster" "clinical" {
  name = "clinical"
}
