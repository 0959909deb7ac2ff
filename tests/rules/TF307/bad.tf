resource "azurerm_storage_container" "reports" {
  name = "reports"
  # expect: TF307
  container_access_type = "blob"
}
