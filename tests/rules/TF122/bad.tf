# expect: TF122
resource "azurerm_cosmosdb_account" "records" {
  name       = "records"
  offer_type = "Standard"
}
