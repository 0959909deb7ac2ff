resource "google_sql_database_instance" "ehr" {
  name             = "ehr"
  database_version = "POSTGRES_15"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ssl_mode = "ENCRYPTED_ONLY"
    }
  }
}

resource "google_sql_database_instance" "legacy" {
  name             = "legacy"
  database_version = "MYSQL_8_0"
  settings {
    tier = "db-n1-standard-1"
    ip_configuration {
      require_ssl = true
    }
  }
}
