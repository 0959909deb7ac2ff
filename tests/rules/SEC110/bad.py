"""Synthetic settings for hms-policy's fixtures."""
# expect: SEC110
FIELD_ENCRYPTION_KEY = "hV8pQz3LmW7rTn2KsX5bYc9dFg4Jk6Na0Ue1Ri8OtPw="
# expect: SEC110
FERNET_KEYS = ["Q9nX2vL7pR4mT8kW3bYs6dHc1FgJ5eNa0ZuRi7OtPwM="]
