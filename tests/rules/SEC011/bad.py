"""Synthetic passwords for hms-policy's fixtures."""
# expect: SEC011
DB_PASSWORD = "2gKNTn%Bt9CnSVoJ"
# expect: SEC011
smtp_pwd = "Winter-Rounds-2031"


def connect(client):
    # expect: SEC011
    return client.login(user="reports", password="Kx9!mq2Lr7Tz")


# A whole literal stays a password even when the line goes on with `+` elsewhere.
# expect: SEC011
ADMIN_PASSWORD = "Kq8vR3zLp2WnHx7t"; banner = "user: " + "admin"
