resource "google_storage_bucket" "scans" {
  name     = "hms-scans"
  location = "asia-south1"
  encryption {
    default_kms_key_name = google_kms_crypto_key.phi.id
  }
}
