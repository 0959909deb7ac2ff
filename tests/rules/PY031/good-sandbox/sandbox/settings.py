INSTALLED_APPS = ["django.contrib.auth", "records"]
ALLOWED_HOSTS = ["*"]
