# expect: TF133
resource "google_compute_disk" "data" {
  name = "data"
  zone = "asia-south1-a"
}

# expect: TF133
resource "google_compute_instance" "app" {
  name         = "app"
  machine_type = "e2-medium"
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
}
