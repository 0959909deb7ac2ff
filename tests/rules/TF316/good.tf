resource "azurerm_key_vault" "phi" {
  name = "hms-phi"
  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}

resource "azurerm_key_vault" "private" {
  name                          = "hms-private"
  public_network_access_enabled = false
}
