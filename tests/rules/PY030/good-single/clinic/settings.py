import os
from decouple import config

INSTALLED_APPS = ["django.contrib.auth", "records"]
MODE = os.environ.get("MODE", "PROD")
DEBUG = os.environ.get("MODE", "PROD") == "DEV"
DEBUG = config("DEBUG", default=False, cast=bool)
DEBUG = os.getenv("DJANGO_DEBUG", "False")
DEBUG = env("DJANGO_DEBUG")  # no default: not judged
if MODE == "DEV":
    DEBUG = True
if os.environ.get("ENVIRONMENT") != "production":
    DEBUG = True
else:
    DEBUG = False
# DEBUG = True
DEBUG = True
if os.environ.get("DJANGO_ENV") == "production":
    DEBUG = False
