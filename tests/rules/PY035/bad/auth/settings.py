INSTALLED_APPS = ["django.contrib.auth"]
# expect: PY035
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# expect: PY035
PASSWORD_HASHERS = ("django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher",)
