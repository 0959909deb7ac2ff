INSTALLED_APPS = ["django.contrib.auth", "notify"]
EMAIL_HOST = "smtp.mailprovider.com"
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = False
