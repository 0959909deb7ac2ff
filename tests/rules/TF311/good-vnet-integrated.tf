# VNet integration: a delegated subnet and a private DNS zone; the server has no public endpoint.
resource "azurerm_postgresql_flexible_server" "phi" {
  name                = "hms-phi-db"
  resource_group_name = "hms"
  location            = "West Europe"
  version             = "14"
  delegated_subnet_id = azurerm_subnet.db.id
  private_dns_zone_id = azurerm_private_dns_zone.db.id
  sku_name            = "GP_Standard_D2s_v3"
}
