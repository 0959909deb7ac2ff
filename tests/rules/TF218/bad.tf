resource "azurerm_application_gateway" "web" {
  name = "web"
  # expect: TF218
  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "80"
    protocol                       = "Http"
  }
}
