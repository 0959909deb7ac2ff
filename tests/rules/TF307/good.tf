resource "azurerm_storage_container" "reports" {
  name                  = "reports"
  container_access_type = "private"
}

resource "azurerm_storage_container" "default" {
  name = "default"
}
