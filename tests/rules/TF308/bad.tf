resource "google_storage_bucket_iam_binding" "public" {
  bucket = google_storage_bucket.scans.name
  role   = "roles/storage.objectViewer"
  # expect: TF308
  members = ["allUsers"]
}

resource "google_storage_bucket_iam_member" "any_google" {
  bucket = google_storage_bucket.scans.name
  role   = "roles/storage.objectViewer"
  # expect: TF308
  member = "allAuthenticatedUsers"
}

resource "google_bigquery_dataset" "analytics" {
  dataset_id = "analytics"
  access {
    role = "READER"
    # expect: TF308
    special_group = "allAuthenticatedUsers"
  }
}
