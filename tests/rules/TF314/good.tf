resource "google_container_cluster" "clinical" {
  name     = "clinical"
  location = "asia-south1"
  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "203.0.113.0/24"
      display_name = "admins"
    }
  }
}

resource "google_container_cluster" "private" {
  name     = "private"
  location = "asia-south1"
  private_cluster_config {
    enable_private_endpoint = true
    enable_private_nodes    = true
  }
}
