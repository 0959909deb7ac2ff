# expect: TF217
resource "google_compute_ssl_policy" "default" {
  name = "default"
}
