"""Is a candidate value a real secret, or something that only stands where one would go?

Pure functions over one value (and sometimes its line). The plugins call them so they stay
quiet in a plain detect-secrets setup too; `filters.py` exposes them as detect-secrets
filters for the built-in plugins.
"""

from __future__ import annotations

import base64
import json
import re
import time
from functools import lru_cache
from typing import Any

# Template and interpolation syntaxes: ${VAR}, {{ var }}, %(var)s, <password>, $(VAR), #{var},
# @var@ (Maven filtering), %VAR% (Windows), {0}/{name} (format strings), __VAR__.
_TEMPLATE_WHOLE = re.compile(
    r"""^(?:
        \$\{[^}]*\}? | \$\{\{.*\}\}? | \{\{.*\}\}? | \{%.*%\} | <%.*%> | <[^<>]*> | \[[^\[\]]*\]
      | %\([\w.-]+\)[sdrf] | %[sdr] | \{[\w.:-]*\} | \$\(?[A-Za-z_][\w.]*\)? | %[A-Za-z_]\w*%
      | @[A-Za-z_][\w.-]*@ | \#\{[^}]*\}\#? | __[A-Z0-9_]+__
    )$""",
    re.X,
)
_TEMPLATE_PART = ("${", "{{", "}}", "%(", "#{", "$(", "<%", "{%")

# Words that only ever stand in for a value. A value made of nothing else is a placeholder:
# "your-api-key-here", "CHANGE_ME", "<insert token>", "my_secret_password".
_FILLER = frozenset(
    """
    your my the a an our some this that here goes put insert enter add set fill provide type
    replace replaceme with change changeme changeit me later todo tbd fixme xxx
    example examples sample dummy fake mock test testing placeholder redacted removed hidden
    masked omitted none null nil undefined empty blank default value string str text
    secret secrets password passwd pass pwd passphrase token tokens key keys apikey api access
    auth credential credentials client app application private public id user username login
    account acct db database service svc shared signing jwt oauth webhook bearer
    hash salt here's goes_here foo bar baz qux foobar abc abcd xyz 123 1234 12345 123456
    insecure unsafe notsecure notsecret pw missing unset notset
    wrong incorrect invalid bogus
    """.split()
)
_INTENSIFIERS = frozenset("super very top ultra really most more even".split())
# Substrings that only a stand-in carries (long enough not to occur in a random token by chance).
_MARKERS = re.compile(
    r"changeme|change[-_ ]?me|changeit|replace[-_ ]?(?:me|with|this)|placeholder|redacted|"
    r"example|dummy|notasecret|not[-_ ]?a[-_ ]?(?:real|valid|secret)|insert[-_ ]?(?:your|here)|"
    r"your[-_ ]?(?:own[-_ ]?)?(?:api|access|secret|token|key|password|pass|client|private|app)|"
    r"(?:goes|put)[-_ ]?here|fake|sample|lorem|ipsum|xxxx|\*\*\*|\.\.\.|•|[-_]test$",
    re.I,
)
# References to where the secret really lives: secret managers, environment, mounted files.
_REFERENCE_PREFIXES = (
    "vault:", "vault://", "ref+", "aws-secretsmanager:", "secretsmanager:", "arn:aws:secretsmanager:",
    "arn:aws:ssm:", "ssm:", "ssm://", "{{resolve:", "gcp-secret:", "gcpsm:", "sm://", "gsm:",
    "azure-keyvault:", "akv:", "keyvault:", "@microsoft.keyvault(", "op://", "env:", "secret:",
    "secretref:", "k8s-secret:", "doppler:", "infisical:", "sops:", "file:", "/run/secrets/",
    "/var/run/secrets/", "enc[", "encrypted:", "!vault", "$ansible_vault",
)
_CODE_LOOKUP = re.compile(
    r"os\.environ|getenv\s*\(|process\.env|import\.meta\.env|Deno\.env|System\.getenv|"
    r"Environment\.GetEnvironmentVariable|ENV\[|ENV\.fetch|\benv\s*\(|\bconfig\s*\(|\bsecrets\.|"
    r"get_?secret|getSecret|SecretManager|SecretClient|keyring\.|credentials\.|vault\.read",
    re.I,
)
# Hash and digest notations: integrity strings, prefixed digests, crypt(3) formats, go.sum lines.
_HASH_VALUE = re.compile(
    r"^(?:sha(?:1|224|256|384|512)|md5|blake2[bs]?|xxh\d*|h1|crc32)[-:=][A-Za-z0-9+/=_-]+$|"
    r"^\$(?:2[abxy]?|5|6|argon2(?:id|i|d)|pbkdf2[\w-]*|scrypt|y|7)\$|^\{(?:SSHA|SHA|SMD5|MD5|CRYPT|SSHA256|SSHA512)\}|"
    r"^(?:pbkdf2_sha\d+|bcrypt_sha256|argon2)\$",
    re.I,
)
_HASH_CONTEXT = re.compile(
    r"(?<![a-z])(?:sha\d*|md5|hash(?:es|ed)?|digest|checksum|integrity|etag|fingerprint|(?:git)?commit|hmspolicy/v\d+|"
    r"revision(?:id)?|rev|crc|blake2\w*|shasum|thumbprints?|salt(?:ed)?)(?![a-z])",
    re.I,
)
_HEX = re.compile(r"^[0-9a-fA-F]+$")
_HASH_HEX_LENGTHS = frozenset((32, 40, 56, 64, 96, 128))
_IMAGE_DATA = re.compile(r"data:(?:image|font|audio|video)/[\w.+-]+;base64,|data:application/(?:x-)?font", re.I)
# Base64 of the magic numbers of PNG, JPEG, GIF, WebP, ICO, WOFF, WOFF2, PDF, SVG, ZIP and gzip.
_IMAGE_MAGIC = ("iVBORw0KGgo", "/9j/", "R0lGOD", "UklGR", "AAABAA", "d09GRg", "d09GMg", "JVBERi", "PHN2Zy", "UEsDB", "H4sI")


@lru_cache(maxsize=4096)
def is_placeholder(value: str) -> bool:
    """A stand-in, a template, a mask or an empty value; not a literal secret."""
    v = value.strip().strip("'\"`").strip()
    if len(v) < 3:
        return True
    if _TEMPLATE_WHOLE.match(v) or any(part in v for part in _TEMPLATE_PART):
        return True
    if len(set(v.lower())) <= 2:  # "xxxxxxxx", "********", "00000000", "abababab"
        return True
    if len(v) >= 12 and len(set(v[4:].lower())) <= 2:
        return True  # a key id's prefix padded out (`AKIA` + sixteen `Z`s): the shape, not a key
    if _is_run_of_consecutive_characters(v):  # alphabets: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
        return True
    if _MARKERS.search(v):
        return True
    if _NAMED_STAND_IN.match(v):
        return True  # `URL_ENCODED_PASSWORD`, `DB_PASSWORD`: the name of what goes there
    if _FORMAT_FIELD.search(v):
        return True  # `nhsd-{env}-config`: built at run time from a template
    prefixed = _PROVIDER_PREFIX.match(v)
    if prefixed and (_is_word_body(prefixed.group(1)) or len(set(prefixed.group(1).lower())) <= 2):
        return True  # `ghp_testing`, `sk_test_yourkey`: a token's prefix with a word for its body
    # `MISSING}`, `super-secret-api-key}`: the default of a `${VAR:default}` the value was read
    # from. A fallback for an unset variable, spelled as a description of a secret, is a stand-in
    # there (outside one, `SuperSecretPassword` is a password someone chose).
    default = v.endswith("}") and "{" not in v
    words = [w for w in re.split(r"[-_.\s:/+]+|(?<=[a-z])(?=[A-Z])", v.rstrip("}") if default else v) if w]
    return bool(words) and all(_is_filler(w.lower()) or (default and w.lower() in _INTENSIFIERS) for w in words)


# Upper-case words naming a credential (`USERNAME:URL_ENCODED_PASSWORD@host` in help text).
_NAMED_STAND_IN = re.compile(r"^(?:[A-Z]+_)+(?:PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|KEY|APIKEY)S?$")
# A format field inside a value (f-strings, str.format; `%(name)s` is a _TEMPLATE_PART): lower-case
# names only, which random secrets do not spell between braces.
_FORMAT_FIELD = re.compile(r"\{[a-z_][a-z0-9_.]*\}")
# Prefixes of provider tokens, whose real bodies are long random strings (`ghp_` + 36).
_PROVIDER_PREFIX = re.compile(r"^(?:gh[pousr]_|github_pat_|glpat-|(?:sk|pk|rk)_(?:live|test)_|xox[abprs]-|npm_|pypi-)(.*)$")


def _is_word_body(body: str) -> bool:
    """What follows a token prefix is a lower-case word or two (`testing`, `my-token`), or empty."""
    parts = [p for p in re.split(r"[-_]", body) if p]
    return not parts or (len(body) <= 20 and all(p.isalpha() and p.islower() for p in parts))


def _is_filler(word: str) -> bool:
    """A filler word, or two run together (`mypass`, `mypwd`, `yourtoken`, `secretpass`)."""
    if word in _FILLER:
        return True
    # Letters only: `password123` is a weak real password, not two stand-ins.
    return word.isalpha() and any(word[:i] in _FILLER and word[i:] in _FILLER for i in range(1, len(word)))


def _is_run_of_consecutive_characters(value: str) -> bool:
    steps = sum(1 for a, b in zip(value, value[1:]) if ord(b) - ord(a) == 1)
    return len(value) >= 8 and steps >= 0.7 * (len(value) - 1)


@lru_cache(maxsize=4096)
def is_reference(value: str) -> bool:
    """A pointer to a secret store or the environment, not the secret itself."""
    v = value.strip().strip("'\"`").strip()
    low = v.lower()
    return low.startswith(_REFERENCE_PREFIXES) or bool(_CODE_LOOKUP.search(v))


# Keys and tokens vendors publish in their documentation, and well-known development defaults.
VENDOR_EXAMPLES = frozenset(
    (
        # AWS documentation
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AKIAI44QH8DHBEXAMPLE",
        "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        "ASIAIOSFODNN7EXAMPLE",
        # Azurite / Azure Storage Emulator well-known account key (devstoreaccount1)
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        # Azure Cosmos DB emulator's published well-known key (the same on every machine)
        "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
        # jwt.io's debugger token and its signature
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        # Slack's documented webhook shape
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
        # RFC 8410 section 10.3 example Ed25519 private key
        "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC",
    )
)
# ...EXAMPLE keys, and Slack's documented webhook shape with zeroed ids (`/T00/B00/xxx`).
_VENDOR_SUFFIX = re.compile(r"EXAMPLE(?:KEY)?$|^AKIA[0-9A-Z]{0,12}EXAMPLE|hooks\.slack\.com/services/T0+/B0+/")


def is_vendor_example(value: str) -> bool:
    v = value.strip().strip("'\"`")
    if v in VENDOR_EXAMPLES or _VENDOR_SUFFIX.search(v) or "devstoreaccount1" in v:
        return True
    if v.startswith("eyJ") and _jwt_io_sample(v):
        return True
    # A plugin's match may carry a prefix (`AccountKey=...`) or be part of the example (a JWT
    # without its signature).
    return len(v) > 20 and any(example in v or v in example for example in VENDOR_EXAMPLES)


def _jwt_claims(token: str) -> dict[str, Any] | None:
    parts = token.split(".")
    if len(parts) < 2:
        return None
    try:
        claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, UnicodeDecodeError):
        return None
    return claims if isinstance(claims, dict) else None


def _jwt_io_sample(token: str) -> bool:
    """jwt.io's sample claims (`sub` 1234567890 issued at 1516239022), under any header, name
    or signature: the token every JWT tutorial starts from."""
    claims = _jwt_claims(token)
    return claims is not None and claims.get("sub") == "1234567890" and claims.get("iat") == 1516239022


def is_expired_jwt(value: str, now: float | None = None) -> bool:
    """A JWT whose `exp` claim has passed: every verifier refuses it (RFC 7519 4.1.4), so it
    opens nothing. A sample in an API's documentation, a recorded test response, a Postman
    global from years ago. A token with no `exp`, or one still valid, stays a finding; so does
    the key that signs them, wherever it is configured."""
    v = value.strip().strip("'\"`")
    if not v.startswith("eyJ"):
        return False
    claims = _jwt_claims(v)
    expiry = claims.get("exp") if claims else None
    if not isinstance(expiry, (int, float)) or isinstance(expiry, bool):
        return False
    return expiry < (time.time() if now is None else now)


# how far from the value its salt may sit: the same small object, not anywhere on a minified line
_SALT_REACH = 120
_SALT_BESIDE = re.compile(r"""(?i)(?:^|[\\"'\s{,;])salt[\\"']{0,2}\s*[:=]""")


def is_hash(value: str, line: str = "") -> bool:
    """A digest: a prefixed hash notation, or a hex string of a digest's length next to a word
    that names one (`sha256 = "..."`, `"integrity": ...`, `commit: ...`)."""
    v = value.strip().strip("'\"`")
    if _HASH_VALUE.search(v):
        return True
    if _HEX.match(v) and len(v) in _HASH_HEX_LENGTHS:
        return bool(_HASH_CONTEXT.search(line))
    # a stored password hash beside its salt (`{"value": "...", "salt": "..."}`, Keycloak's
    # credential export): what a login is checked against, not what opens it
    at = line.find(v)
    if at < 0:
        return False
    return _SALT_BESIDE.search(line, max(0, at - _SALT_REACH), at + len(v) + _SALT_REACH) is not None


def is_image_data(value: str, line: str = "") -> bool:
    """Inline base64 images and fonts (data: URIs, or a value starting with a file magic)."""
    v = value.strip().strip("'\"`")
    return bool(_IMAGE_DATA.search(line)) or v.startswith(_IMAGE_MAGIC)


def is_not_secret(value: str, line: str = "") -> bool:
    """Everything above in one call, for plugins judging their own candidates."""
    return (
        is_placeholder(value)
        or is_reference(value)
        or is_vendor_example(value)
        or is_hash(value, line)
        or is_image_data(value, line)
    )


def looks_random(value: str, min_length: int = 8) -> bool:
    """Long enough and mixed enough to be a generated credential rather than a word."""
    if len(value) < min_length:
        return False
    classes = sum(
        (
            any(c.islower() for c in value),
            any(c.isupper() for c in value),
            any(c.isdigit() for c in value),
            any(not c.isalnum() for c in value),
        )
    )
    return classes >= 2 or len(value) >= 20
