resource "google_sql_database_instance" "ehr" {
  name = "ehr"
  settings {
    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.private.id
      authorized_networks {
        name  = "office"
        value = "203.0.113.0/24"
      }
    }
  }
}
