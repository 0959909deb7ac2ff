resource "azurerm_role_definition" "ops" {
  name  = "ops"
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"
  permissions {
    # expect: TF605
    actions = ["*"]
  }
}
