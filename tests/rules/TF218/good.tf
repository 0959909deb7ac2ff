resource "azurerm_application_gateway" "web" {
  name = "web"
  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "443"
    protocol                       = "Https"
    ssl_certificate_name           = "portal"
  }
  http_listener {
    name                           = "http"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "80"
    protocol                       = "Http"
  }
  redirect_configuration {
    name                 = "to-https"
    redirect_type        = "Permanent"
    target_listener_name = "https"
  }
}
