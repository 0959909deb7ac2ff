import os
import environ

env = environ.Env()
BASE_DIR = os.path.dirname(os.path.abspath(__file__))
# expect: PY030
DEBUG = env.bool("DJANGO_DEBUG", default=True)
INSTALLED_APPS = ["django.contrib.auth", "records"]
ROOT_URLCONF = "clinic.urls"


def envbool(key, default):
    return os.getenv(key, default).lower() in ("true", "1")


# expect: PY030
DEBUG = envbool("DEBUG", "True")
