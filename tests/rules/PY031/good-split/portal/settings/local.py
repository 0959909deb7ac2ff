from .base import *  # noqa
ALLOWED_HOSTS = ["*"]
