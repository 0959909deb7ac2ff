import environ

env = environ.Env()
INSTALLED_APPS = ["django.contrib.auth", "claims"]
# expect: PY031
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["*"])
# expect: PY031
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "*").split(",")
# expect: PY031
ALLOWED_HOSTS = ["api.hospital.org", "*"]
