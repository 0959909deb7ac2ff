resource "azurerm_key_vault" "phi" {
  name                     = "hms-phi"
  purge_protection_enabled = true
}
