"""Synthetic: literals beside token and password names that are not credentials."""
import re

token_prefix = "Bearer"
token_type = "refresh"
PATTERNS = {
    "password": r"\$pass\s*=\s*'([^']*)'",
}
secret_arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ehr-db"
password_message = "Please enter your password"


def parse(text):
    return re.search(PATTERNS["password"], text)

# Settings that name code or a URL route, not credentials.
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"
CLIENT_SECRET_GENERATOR_CLASS = "oauth2_provider.generators.ClientSecretGenerator"
TOKEN_ENDPOINT_V2_KEY = "token_endpoint_v2"

# URL names of token endpoints: the value's words are the name's own
TOKEN_ENDPOINT_V2_KEY = "token-v2"
TOKEN_ENDPOINT_V3_KEY = "token_v3"
