# expect: TF316
resource "azurerm_key_vault" "phi" {
  name = "hms-phi"
}
