# expect: TF123
resource "azurerm_storage_account" "docs" {
  name                     = "hmsdocs"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
