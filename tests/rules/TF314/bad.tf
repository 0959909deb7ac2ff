# expect: TF314
resource "google_container_cluster" "clinical" {
  name     = "clinical"
  location = "asia-south1"
}
