resource "azurerm_role_definition" "reader" {
  name  = "reader"
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"
  permissions {
    actions = ["Microsoft.Storage/storageAccounts/read"]
  }
}
