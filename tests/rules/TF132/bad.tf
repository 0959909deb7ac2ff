# expect: TF132
resource "google_bigquery_dataset" "analytics" {
  dataset_id = "analytics"
  location   = "asia-south1"
}
