INSTALLED_APPS = ["corsheaders", "patients"]
# expect: PY033
CORS_ORIGIN_ALLOW_ALL = True
# expect: PY033
CORS_ALLOW_ALL_ORIGINS = env.bool("CORS_ALLOW_ALL_ORIGINS", default=True)
