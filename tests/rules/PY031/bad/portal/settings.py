import json
import os

INSTALLED_APPS = ["django.contrib.auth", "claims"]
if "ALLOWED_HOSTS" in os.environ:
    ALLOWED_HOSTS = json.loads(os.environ["ALLOWED_HOSTS"])
else:
    # expect: PY031
    ALLOWED_HOSTS = ["*"]
