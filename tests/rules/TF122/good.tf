resource "azurerm_cosmosdb_account" "records" {
  name             = "records"
  offer_type       = "Standard"
  key_vault_key_id = azurerm_key_vault_key.cosmos.versionless_id
}
