# expect: TF317
resource "google_storage_bucket" "scans" {
  name     = "hms-scans"
  location = "asia-south1"
}
