import base64
import json

import jwt
from jose import jwt as jose_jwt


def current_user(token, public_keys, settings):
    # Reading the header only to pick the verifying key is how key rotation works.
    header = jwt.get_unverified_header(token)
    key = public_keys[header["kid"]]
    claims = jwt.decode(token, key=key, algorithms=["RS256"], audience="ehr-api")
    legacy = jwt.decode(token, key, "HS256")
    jose_claims = jose_jwt.decode(token, key, algorithms=["RS256"])
    jose_default = jose_jwt.decode(token, key)
    configured = jwt.decode(token, key, **settings.JWT_OPTIONS)
    return header, claims, legacy, jose_claims, jose_default, configured


# Hard negatives: other decode calls.
def parse(payload: bytes):
    text = payload.decode("utf-8")
    return json.loads(base64.b64decode(text).decode())


# Hard negatives: the token's own holder reads when it expires, trusting nothing in it.
def token_expired(access_token, now):
    claims = jwt.decode(access_token, options={"verify_signature": False})
    return claims["exp"] < now


def seconds_left(access_token, now):
    return jwt.decode(access_token, options={"verify_signature": False})["exp"] - now


# authlib's jwt always verifies.
def authlib_claims(token, key):
    from authlib.jose import jwt as authlib_jwt

    return authlib_jwt.decode(token, key)
