provider "google" {
  project = "hms-prod"
  region  = "asia-south1"
}

resource "google_storage_bucket" "scans" {
  name     = "hms-scans"
  location = "asia-south1"
}

resource "google_project_iam_audit_config" "all" {
  project = "hms-prod"
  service = "allServices"
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}
