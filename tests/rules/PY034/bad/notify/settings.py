import os

INSTALLED_APPS = ["django.contrib.auth", "notify"]
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# expect: PY034
EMAIL_HOST = os.environ.get("EMAIL_HOST", "smtp.mailprovider.com")
EMAIL_PORT = 25
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = False
