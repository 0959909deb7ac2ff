from .base import *  # noqa

# expect: PY030
DEBUG = os.environ.get("DJANGO_DEBUG", "True") == "True"
if os.environ.get("DEPLOY_TARGET") == "production":
    # expect: PY030
    DEBUG = True
