"""Multi-line lookups whose defaults are not signing secrets, or are placeholders."""
import environ

env = environ.Env()

SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="change-me",
)
CACHE_PREFIX = env(
    "CACHE_KEY_PREFIX",
    default="ehr-cache-v2",
)
