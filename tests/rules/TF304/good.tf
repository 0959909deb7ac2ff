resource "azurerm_network_security_rule" "https" {
  name                   = "https"
  direction              = "Inbound"
  access                 = "Allow"
  protocol               = "Tcp"
  source_address_prefix  = "*"
  destination_port_range = "443"
}

resource "azurerm_network_security_rule" "deny" {
  name                   = "deny-ssh"
  direction              = "Inbound"
  access                 = "Deny"
  protocol               = "Tcp"
  source_address_prefix  = "*"
  destination_port_range = "22"
}

resource "azurerm_network_security_group" "db" {
  name = "db"
  security_rule {
    name                    = "sql"
    direction               = "Inbound"
    access                  = "Allow"
    protocol                = "Tcp"
    source_address_prefix   = "10.0.0.0/8"
    destination_port_ranges = ["1433"]
  }
}
