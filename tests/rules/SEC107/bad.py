"""Synthetic Django settings for hms-policy's fixtures."""
# expect: SEC107
SECRET_KEY = "django-insecure-8f#k2!m9z@q1x$w7v&n3b^c5"
SIMPLE_JWT = {
    "ALGORITHM": "HS256",
    # expect: SEC107
    "SIGNING_KEY": "BC4oAv0DzAUguBuQqx9jR7Eef1ffBgVVxZiJdL9JJvQhAw3Q",
}


def legacy_signing_key():
    # expect: SEC107
    secret_key = "v8Kq2LmZ7rTx4Wn9Pb6Hc3Jd0Fs5Ga1Y"
    return secret_key
