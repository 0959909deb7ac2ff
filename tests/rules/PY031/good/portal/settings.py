import os

INSTALLED_APPS = ["django.contrib.auth", "claims"]
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["portal.hospital.org"])
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
ALLOWED_HOSTS = [".hospital.org"]
if DEBUG:
    ALLOWED_HOSTS = ["*"]
# ALLOWED_HOSTS = ["*"]
HELP = "never set ALLOWED_HOSTS = ['*']"
ALLOWED_HOSTS = ["*"]
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
