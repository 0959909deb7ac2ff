# expect: TF131
resource "google_sql_database_instance" "ehr" {
  name             = "ehr"
  database_version = "POSTGRES_15"
  region           = "asia-south1"
}
