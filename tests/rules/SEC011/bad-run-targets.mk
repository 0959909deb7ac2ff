# A deploy target is no test run: its password is reported.
deploy:
	# expect: SEC011
	DB_PASS="Xk29dLq7Zp" ./bin/migrate --host db.prod.example.org
	# expect: SEC011
	LATEST_PASSWORD="Xk29dLq7Zp" ./bin/rotate
