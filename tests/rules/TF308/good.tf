resource "google_storage_bucket_iam_binding" "team" {
  bucket  = google_storage_bucket.scans.name
  role    = "roles/storage.objectViewer"
  members = ["group:radiology@example.org"]
}

resource "google_bigquery_dataset" "analytics" {
  dataset_id = "analytics"
  access {
    role          = "OWNER"
    special_group = "projectOwners"
  }
}
