resource "google_container_cluster" "clinical" {
  name            = "clinical"
  logging_service = "logging.googleapis.com/kubernetes"
}
