resource "google_compute_disk" "data" {
  name = "data"
  zone = "asia-south1-a"
  disk_encryption_key {
    kms_key_self_link = google_kms_crypto_key.disk.id
  }
}

resource "google_compute_instance" "app" {
  name         = "app"
  machine_type = "e2-medium"
  boot_disk {
    kms_key_self_link = google_kms_crypto_key.disk.id
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
}
