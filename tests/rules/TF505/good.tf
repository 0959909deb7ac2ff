resource "azurerm_postgresql_flexible_server" "ehr" {
  name                  = "hms-ehr"
  backup_retention_days = 35
}

resource "azurerm_mysql_flexible_server" "default" {
  name = "hms-default"
}
