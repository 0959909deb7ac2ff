resource "google_bigquery_dataset" "analytics" {
  dataset_id = "analytics"
  location   = "asia-south1"
  default_encryption_configuration {
    kms_key_name = google_kms_crypto_key.bq.id
  }
}
