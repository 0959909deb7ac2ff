# Test targets: the values belong to the test run's own throwaway database.
test:
	IS_TESTING=true DB_USER="postgres" DB_PASS="Xk29dLq7Zp" go test -v ./...

integration:
	DB_PASS="Xk29dLq7Zp" pytest -m integration
