from .base import *  # noqa
DEBUG = env.bool("DJANGO_DEBUG", default=False)
