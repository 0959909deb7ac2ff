resource "google_sql_user" "app" {
  name = "app"
  /* Uncomment once the secret exists:
  password = "Kq8vR3zLp2WnHx7t"
  */
}

/*
 * locals {
 *   admin_password = "Vq7rT2pLx9KwBn3c"
 * }
 */
