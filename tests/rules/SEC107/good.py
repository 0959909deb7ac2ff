"""Settings that load their signing secrets."""
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SIMPLE_JWT = {"ALGORITHM": "RS256", "SIGNING_KEY": os.environ.get("JWT_PRIVATE_KEY")}
JWT_SECRET = "change-me-in-production"
AWS_SECRET_KEY_NAME = "ehr/prod/aws"
SECRET_KEY_FALLBACKS = []
