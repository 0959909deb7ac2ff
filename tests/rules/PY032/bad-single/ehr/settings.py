INSTALLED_APPS = ["django.contrib.auth", "ehr"]
SECURE_SSL_REDIRECT = True
# expect: PY032
CSRF_COOKIE_SECURE = False
