resource "azurerm_storage_account" "docs" {
  name = "hmsdocs"
}

resource "azurerm_storage_account" "explicit" {
  name                       = "hmsexplicit"
  https_traffic_only_enabled = true
}
