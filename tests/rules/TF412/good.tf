resource "google_storage_bucket" "scans" {
  name     = "hms-scans"
  location = "asia-south1"
  logging {
    log_bucket = "hms-logs"
  }
}
