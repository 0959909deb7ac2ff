resource "google_sql_database_instance" "ehr" {
  name                = "ehr"
  database_version    = "POSTGRES_15"
  region              = "asia-south1"
  encryption_key_name = google_kms_crypto_key.sql.id
}
