provider "aws" {
  # expect: TF701
  region = "us-east-1"
}

variable "location" {
  default = "West Europe"
}

resource "azurerm_resource_group" "main" {
  name = "hms"
  # expect: TF701
  location = var.location
}

# Copied from the resource group: judged there, not again here.
resource "azurerm_storage_account" "docs" {
  name     = "hmsdocs"
  location = azurerm_resource_group.main.location
}

resource "google_storage_bucket" "scans" {
  name = "hms-scans"
  # expect: TF701
  location = "US"
}
