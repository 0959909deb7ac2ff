resource "google_sql_database_instance" "ehr" {
  name             = "ehr"
  database_version = "POSTGRES_15"
  settings {
    tier = "db-custom-2-7680"
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}

resource "google_sql_database_instance" "replica" {
  name                 = "ehr-replica"
  master_instance_name = google_sql_database_instance.ehr.name
}
