import jwt
import jwt as pyjwt
from jose import jwt as jose_jwt


def current_user(token, key):
    # expect: PY041
    claims = jwt.decode(token, options={"verify_signature": False})
    # expect: PY041
    legacy = pyjwt.decode(token, key, verify=False)
    # expect: PY041
    none_alg = jwt.decode(token, key, algorithms=["none"])
    # expect: PY041
    any_alg = jwt.decode(token, key)
    # expect: PY041
    jose_claims = jose_jwt.decode(token, key, options={"verify_signature": False})
    return claims, legacy, none_alg, any_alg, jose_claims


def patient_scope(token):
    # The claims decide access: the expiry exemption does not apply.
    # expect: PY041
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["patient"], claims["exp"]
