resource "google_sql_database_instance" "ehr" {
  name             = "ehr"
  database_version = "POSTGRES_15"
  # expect: TF416
  settings {
    tier = "db-custom-2-7680"
  }
}
