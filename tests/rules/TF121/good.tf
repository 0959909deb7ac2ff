resource "azurerm_managed_disk" "data" {
  name                   = "data"
  storage_account_type   = "Premium_LRS"
  create_option          = "Empty"
  disk_encryption_set_id = azurerm_disk_encryption_set.phi.id
}
