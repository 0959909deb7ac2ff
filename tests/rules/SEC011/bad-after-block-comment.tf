# Synthetic: a block comment closed before the value, and a glob that only looks like one.
resource "google_sql_user" "app" {
  /* the reporting user */ name = "reports"
  # expect: SEC011
  password = "Kq8vR3zLp2WnHx7t"
}

locals {
  watch = "src/**/*.sql"
  # expect: SEC011
  replica_password = "Hz4nW8sQe1TyPv6m"
}
