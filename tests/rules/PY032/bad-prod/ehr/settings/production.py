from .base import *  # noqa

# expect: PY032
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
# expect: PY032
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = True
# expect: PY032
SECURE_HSTS_SECONDS = 0
