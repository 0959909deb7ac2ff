package client

import "crypto/tls"

func config() *tls.Config {
	// InsecureSkipVerify: true is never acceptable for FHIR traffic
	return &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: false}
}
