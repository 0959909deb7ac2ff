"""Settings that load their signing secrets."""
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SIMPLE_JWT = {"ALGORITHM": "RS256", "SIGNING_KEY": os.environ.get("JWT_PRIVATE_KEY")}
JWT_SECRET = "change-me-in-production"
AWS_SECRET_KEY_NAME = "ehr/prod/aws"
SECRET_KEY_FALLBACKS = []


def environment_config(env, secrets_manager):
    # the name of the secret in the store, built for the environment: not the secret
    secret_key = f"nhsd-records--{env}--env-config"
    return secrets_manager.get_secret_value(SecretId=secret_key)
