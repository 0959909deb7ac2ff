from .base import *  # noqa
CORS_ALLOW_ALL_ORIGINS = True
