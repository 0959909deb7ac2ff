# expect: TF215
resource "azurerm_linux_web_app" "portal" {
  name = "portal"
}
