# The account serves the web front end's build output ($web); every deploy uploads it again.
resource "azurerm_storage_account" "frontend" {
  name                     = "hmsfrontend"
  resource_group_name      = "hms"
  location                 = "West Europe"
  account_tier             = "Standard"
  account_replication_type = "GRS"

  static_website {
    index_document     = "index.html"
    error_404_document = "index.html"
  }
}
