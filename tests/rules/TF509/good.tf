resource "azurerm_storage_account" "docs" {
  name = "hmsdocs"
  blob_properties {
    versioning_enabled = true
    delete_retention_policy {
      days = 30
    }
  }
}
