INSTALLED_APPS = ["django.contrib.auth", "ehr"]
SESSION_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
