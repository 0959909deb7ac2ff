resource "google_sql_database_instance" "ehr" {
  name             = "ehr"
  database_version = "POSTGRES_15"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = "on"
    }
    database_flags {
      name  = "log_connections"
      value = "on"
    }
  }
}

resource "google_sql_database_instance" "mysql" {
  name             = "other"
  database_version = "MYSQL_8_0"
}
