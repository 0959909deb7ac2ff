resource "azurerm_kubernetes_cluster" "private" {
  name                    = "private"
  private_cluster_enabled = true
}

resource "azurerm_kubernetes_cluster" "narrow" {
  name = "narrow"
  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
  }
}
