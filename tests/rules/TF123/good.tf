resource "azurerm_storage_account" "docs" {
  name                     = "hmsdocs"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account_customer_managed_key" "docs" {
  storage_account_id = azurerm_storage_account.docs.id
  key_vault_id       = azurerm_key_vault.phi.id
  key_name           = "docs"
}

resource "azurerm_storage_account" "inline" {
  name                     = "hmsinline"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  customer_managed_key {
    key_vault_key_id          = azurerm_key_vault_key.docs.id
    user_assigned_identity_id = azurerm_user_assigned_identity.docs.id
  }
}
