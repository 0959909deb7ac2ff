"""Whether an identifier names a credential (`password`, `apiKey`, `reset_code`), for the weak-hash
rules of every language: MD5 or SHA-1 is a finding on a credential, not on an ETag, a cache key,
a file checksum or an avatar URL."""

from __future__ import annotations

from hms_policy.detectors.code.phi_names import words

_CREDENTIAL_WORDS = frozenset("password passwords passwd pwd passcode passphrase token tokens secret secrets otp credential credentials salt pin apikey".split())
_CREDENTIAL_PAIRS = (("api", "key"), ("pass", "word"), ("access", "key"), ("reset", "code"), ("verification", "code"))
# `password_length`, `token_type`, `secret_name`: about a credential, not one
_NOT_CREDENTIAL_AFTER = frozenset("count length size type name names id ids url field label expired expiry expires valid validator".split())


def credential_name(name: str) -> bool:
    ws = words(name)
    for i, w in enumerate(ws):
        hit = w in _CREDENTIAL_WORDS or tuple(ws[i : i + 2]) in _CREDENTIAL_PAIRS
        if hit and not (ws[i + 1 : i + 2] and ws[i + 1] in _NOT_CREDENTIAL_AFTER):
            return True
    return False
