# expect: TF314
resource "google_container_cluster" "clinical" {
  name     = "clinical"
  location = "asia-south1"
}

# expect: TF314
resource "google_container_cluster" "everyone" {
  name     = "everyone"
  location = "asia-south1"
  master_authorized_networks_config {
    cidr_blocks {
      cidr_block = "0.0.0.0/0"
    }
  }
}
