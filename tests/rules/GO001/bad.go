package client

import "crypto/tls"

func config() *tls.Config {
	// expect: GO001
	return &tls.Config{InsecureSkipVerify: true}
}

func patch(cfg *tls.Config) {
	// expect: GO001
	cfg.InsecureSkipVerify = true
}
