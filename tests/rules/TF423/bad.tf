resource "google_container_cluster" "clinical" {
  name = "clinical"
  # expect: TF423
  logging_service = "none"
}
