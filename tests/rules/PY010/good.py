import os

# Credentials come from the environment or a secret manager, never from the source.
EHR_PASSWORD = os.environ["EHR_PASSWORD"]
password_field = "password"
PASSWORD_MIN_LENGTH = 12


def connect(user, password=None):
    token = os.environ.get("EHR_TOKEN")
    return user, password or os.environ.get("EHR_PASSWORD"), token


def check(password):
    return password == os.environ["EXPECTED"]
