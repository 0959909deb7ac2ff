# expect: TF509
resource "azurerm_storage_account" "docs" {
  name = "hmsdocs"
}
