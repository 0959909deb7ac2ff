resource "azurerm_managed_disk" "data" {
  name                 = "data"
  storage_account_type = "Standard_LRS"
  create_option        = "Empty"
  encryption_settings {
    # expect: TF121
    enabled = false
  }
}
