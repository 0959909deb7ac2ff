resource "google_sql_database_instance" "ehr" {
  name = "ehr"
  settings {
    ip_configuration {
      authorized_networks {
        name = "everyone"
        # expect: TF310
        value = "0.0.0.0/0"
      }
    }
  }
}
