INSTALLED_APPS = ["corsheaders", "patients"]
CORS_ALLOW_ALL_ORIGINS = env.bool("CORS_ALLOW_ALL_ORIGINS", default=False)
CORS_ALLOWED_ORIGINS = ["https://portal.hospital.org"]
CORS_ORIGIN_ALLOW_ALL = DEBUG
if DEBUG:
    CORS_ALLOW_ALL_ORIGINS = True
