# expect: TF410
provider "google" {
  project = "hms-prod"
  region  = "asia-south1"
}

resource "google_storage_bucket" "scans" {
  name     = "hms-scans"
  location = "asia-south1"
}
