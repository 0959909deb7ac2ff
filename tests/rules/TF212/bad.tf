resource "azurerm_storage_account" "docs" {
  name = "hmsdocs"
  # expect: TF212
  https_traffic_only_enabled = false
}

resource "azurerm_storage_account" "legacy" {
  name = "hmslegacy"
  # expect: TF212
  enable_https_traffic_only = false
}
