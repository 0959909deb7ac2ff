resource "azurerm_storage_account" "private" {
  name                            = "hmsprivate"
  allow_nested_items_to_be_public = false
}
