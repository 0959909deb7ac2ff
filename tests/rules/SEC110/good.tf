resource "aws_db_instance" "emr" {
  storage_encrypted = true
  kms_key_id        = aws_kms_key.phi.arn
}

resource "google_compute_disk" "pacs" {
  disk_encryption_key {
    kms_key_self_link = google_kms_crypto_key.pacs.id
  }
}
