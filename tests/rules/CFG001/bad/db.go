package db

// A branch that is not about tests turns TLS off for a deployed database.
func connectionString(host, user, password string, legacy bool) string {
	sslmode := "require"
	if legacy {
		// expect: CFG001
		sslmode = "disable"
	}
	// expect: CFG001
	return fmt.Sprintf("host=%s user=%s password=%s sslmode=disable", host, user, password)
}
