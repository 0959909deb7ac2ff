provider "aws" {
  region = "ap-south-1"
}

provider "aws" {
  alias  = "hyderabad"
  region = "ap-south-2"
}

resource "azurerm_resource_group" "main" {
  name     = "hms"
  location = "Central India"
}

resource "google_storage_bucket" "scans" {
  name     = "hms-scans"
  location = "asia-south1"
}

resource "google_compute_instance" "app" {
  name = "app"
  zone = "asia-south2-a"
}

# Unresolved: not evaluated.
provider "google" {
  region = var.region_from_pipeline
}
