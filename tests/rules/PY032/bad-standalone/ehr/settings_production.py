INSTALLED_APPS = ["django.contrib.auth", "ehr"]
SECURE_SSL_REDIRECT = True
