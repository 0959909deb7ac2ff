# expect: TF419
resource "azurerm_linux_web_app" "portal" {
  name = "portal"
}
