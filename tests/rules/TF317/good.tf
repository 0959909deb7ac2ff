resource "google_storage_bucket" "scans" {
  name                        = "hms-scans"
  location                    = "asia-south1"
  public_access_prevention    = "enforced"
  uniform_bucket_level_access = true
}
