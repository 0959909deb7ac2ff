"""detect-secrets filters for values that are not secrets.

Each is a detect-secrets filter: a function whose parameter names (`secret`, `line`,
`filename`, `plugin`, `context`) say what detect-secrets injects. hms-policy applies them to
every plugin's candidates; in a plain detect-secrets setup add them with
`detect-secrets scan --filter hms_policy.secrets.filters.is_placeholder_secret ...`.
"""

from __future__ import annotations

import re
from typing import Any

from hms_policy.secrets import placeholders

# Plugins that judge shape or wording rather than a vendor's token format.
GENERIC_TYPES = frozenset(("Secret Keyword", "Base64 High Entropy String", "Hex High Entropy String", "Public IP (ipv4)"))
KEY_HEADER_TYPES = frozenset(("Private Key", "Private Key Material"))

LOCK_FILES = frozenset(
    "package-lock.json npm-shrinkwrap.json yarn.lock pnpm-lock.yaml bun.lock Pipfile.lock poetry.lock "
    "uv.lock pdm.lock Cargo.lock Gemfile.lock composer.lock go.sum packages.lock.json Podfile.lock "
    "Package.resolved Cartfile.resolved flake.lock mix.lock pubspec.lock gradle.lockfile conda-lock.yml "
    # project.lock.json: the NuGet lock file of .NET projects before packages.lock.json
    "Brewfile.lock.json project.lock.json".split()
)

_BODY_CHARS = re.compile(r"[A-Za-z0-9+/=]{16,}")
_INLINE_BODY = re.compile(r"PRIVATE KEY(?: BLOCK)?-----(?:\\r|\\n|\s|\")*[A-Za-z0-9+/=]{40,}")
_END = re.compile(r"-----END [A-Z0-9 ]*PRIVATE KEY")


def is_placeholder_secret(secret: str) -> bool:
    """changeme, <password>, xxx, ${VAR}, {{ var }}, %(var)s, your-api-key-here, ..."""
    return placeholders.is_placeholder(secret)


def is_reference_secret(secret: str) -> bool:
    """vault:, aws-secretsmanager:, op://, os.environ[...], process.env.X, ..."""
    return placeholders.is_reference(secret)


def is_vendor_example_secret(secret: str) -> bool:
    """Keys vendors publish in their documentation (AKIAIOSFODNN7EXAMPLE, Azurite's key, ...)."""
    return placeholders.is_vendor_example(secret)


def is_expired_token_secret(secret: str) -> bool:
    """A JWT whose `exp` has passed: no verifier accepts it."""
    return placeholders.is_expired_jwt(secret)


def is_hash_secret(secret: str, line: str) -> bool:
    """Digests: sha512-... integrity strings, $2b$ crypt hashes, hex digests beside `sha256`."""
    return placeholders.is_hash(secret, line)


def is_image_data_secret(secret: str, line: str) -> bool:
    """base64 images and fonts inlined as data: URIs."""
    return placeholders.is_image_data(secret, line)


def _squeeze(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


_KEY_BEFORE = re.compile(r"([A-Za-z_][\w.\-]*)[\"'\]]{0,2}\s*(?:=>|:=|===?|!==?|=|:|,|\()\s*[@rbuf]?[\"'`]?$")
# Names that describe a credential rather than hold one: `secret_type = 'ceph'`.
_METADATA_SUFFIXES = frozenset(
    "type types name names id ids path paths file files dir url uri endpoint host hostname port user username "
    "field fields label key_name length len size count mode policy format encoding algorithm alg version "
    "header param prefix suffix pattern regex template prompt message msg hint arn arns ref sql query stmt "
    "statement passwords secrets tokens credentials salt salts hash hashes hashed digest "
    # a cipher's initialization vector or nonce travels with the ciphertext: `$secret_iv = '...'`
    "iv nonce "
    # a setting that names code: Django's `OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "app.Model"`
    "model class generator backend backends module handler serializer method methods".split()
)
# `passwordKey: admin-password`, `userKey: admin-user`: the key a value sits under in a
# referenced Kubernetes Secret (Helm charts); `secretKey` stays a credential (AWS).
_KEY_OF = frozenset("password passwd user username login".split())


# Words that make a constant the name of a setting: `USER_PROPERTY_CHANGE_PASSWORD = "forcePassword"`,
# `GP_PARAM_SECRET = "auth.secret"`. Its value is the setting's name, shaped like an identifier.
_NAMES_A_SETTING = frozenset("property properties prop props attribute attr param parameter setting option field column header".split())
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


def names_a_setting(words: list[str], secret: str) -> bool:
    """The key says it holds the name of a property or parameter, and the value is a name."""
    return bool(_NAMES_A_SETTING.intersection(words[:-1])) and _IDENTIFIER.match(secret) is not None


def is_key_echo(secret: str, line: str) -> bool:
    """The value repeats the name it is assigned to, or the user it belongs to:
    `CHANGE_PASSWORD = 'changePassword'`, `admin_password='admin_password'`, `guest:guest@`."""
    at = line.rfind(secret)
    squeezed = _squeeze(secret)
    if at <= 0 or len(squeezed) < 4:
        return False
    if squeezed in _squeeze(line[:at]):
        return True
    # `API_KEY = "x-api-key"`: the name of the HTTP header that carries the key (`X-` marks an
    # extension header), not the key
    if secret[:2].lower() == "x-" and len(squeezed) > 5 and squeezed[1:] in _squeeze(line[:at]):
        return True
    # `TOKEN_ENDPOINT_V2_KEY = 'token-v2'`: every word of the value is a word of its name
    found = _KEY_BEFORE.search(line[:at])
    if found is not None and len(_words(secret)) > 1 and _words(secret) <= _words(found.group(1)):
        return True
    return line[:at].endswith(f"{secret}:") and "://" in line[:at]


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.split(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])", name) if w}


_TEST_WORDS = frozenset(("test", "tests", "testing", "testcontainer", "testcontainers"))


def names_a_test(secret: str, line: str) -> bool:
    """The value is assigned to a setting named for the tests (`TEST_DB_PASSWORD`,
    `testContainerPassword`, `password.test`): the test suite's own service."""
    at = line.rfind(secret)
    found = _KEY_BEFORE.search(line[:at]) if at > 0 else None
    if found is None:
        return False
    return bool(_words(found.group(1)) & _TEST_WORDS)


_DATABASE_WORDS = frozenset("db database postgres postgresql pg psql mysql mariadb mongo mongodb mssql sqlserver sa redis".split())
_DATABASE_PREFIXES = ("pg", "db", "mysql", "postgres", "mongo", "mssql", "redis", "mariadb")


def names_a_database(secret: str, line: str) -> bool:
    """The value is assigned to a setting that names a database (`POSTGRES_PASSWORD: ...`,
    `DB_PASS=...`, `PGPASSWORD: ...`). In a compose file this is the password of a database the
    stack itself creates, or of that database as its neighbours reach it on the stack's network."""
    at = line.rfind(secret)
    found = _KEY_BEFORE.search(line[:at]) if at > 0 else None
    if found is None:
        return False
    words = _words(found.group(1))
    squeezed = re.sub(r"[^a-z]", "", found.group(1).lower())
    return bool(words & _DATABASE_WORDS) or (len(words) == 1 and squeezed.startswith(_DATABASE_PREFIXES) and "pass" in squeezed)


def is_metadata_name(secret: str, line: str, plugin: Any, filename: str = "") -> bool:
    """A keyword plugin's find whose name ends like a description of a credential
    (`secret_type`, `password_field`, `api_key_name`, `secret_arn`, `passwordSQL`), or names a
    Secret rather than holding one (`existingSecret`, `passwordKey`), not a credential."""
    if getattr(plugin, "secret_type", "") != "Secret Keyword":
        return False
    at = line.rfind(secret)
    found = _KEY_BEFORE.search(line[:at]) if at > 0 else None
    if found is None:
        return False
    words = [w.lower() for w in re.split(r"[-_.]|(?<=[a-z0-9])(?=[A-Z])", found.group(1)) if w]
    if not words:
        return False
    if words[0] == "existing" or (len(words) >= 2 and words[-1] == "key" and words[-2] in _KEY_OF):
        return True  # Helm's `existingSecret: name`, `passwordKey: key-in-that-secret`
    if _names_a_secret_resource(words, secret, filename.replace("\\", "/")):
        return True
    if "truststore" in words or ("trust" in words and "store" in words):
        return True  # a truststore holds public certificates: its password guards no secret
    return words[-1] in _METADATA_SUFFIXES or names_a_setting(words, secret)


# A Kubernetes object's name (DNS-1123: lower-case words and numbers joined by hyphens).
_RESOURCE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
_RESOURCE_WORDS = frozenset("secrets credentials creds users urls keys tls certs certificates".split())
# Helm values and Kubernetes manifests, where a `*_secret` value conventionally names a Secret.
_KUBERNETES_FILE = re.compile(r"(?:^|/)values[\w.-]*\.ya?ml$|(?:^|/)(?:charts|templates|helm|k8s|kubernetes|manifests)/")


def _names_a_secret_resource(words: list[str], secret: str, filename: str) -> bool:
    """`users_secret: elasticsearch-opencrvs-users`, `backup_encryption_secret: restore-encryption-secret`:
    a value naming the Secret that holds the credential. The value is a resource name made of
    words (a random token mixes letters and digits inside its parts) that ends like one
    (`-credentials`, `-users`, `-tls`); one ending in `-secret` counts only in Helm values and
    Kubernetes manifests, since elsewhere `jwt_secret: my-jwt-secret` is a weak secret."""
    if words[-1] not in ("secret", "secrets") or _RESOURCE_NAME.match(secret) is None:
        return False
    parts = secret.split("-")
    if not all(part.isalpha() or part.isdigit() for part in parts):
        return False
    if parts[-1] in _RESOURCE_WORDS:
        return True
    return parts[-1] == "secret" and len(words) >= 2 and _KUBERNETES_FILE.search(filename) is not None


def is_lock_file(filename: str) -> bool:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return name in LOCK_FILES or name.endswith(".lock")


def is_generic_secret_in_lock_file(secret: str, filename: str, plugin: Any) -> bool:
    """Lock files are integrity hashes and resolved URLs: only vendor-token and credential-URL
    plugins are meaningful there, not keyword or entropy guesses."""
    return getattr(plugin, "secret_type", "") in GENERIC_TYPES and is_lock_file(filename)


# Firebase's client configuration, compiled into every copy of the app: its API key identifies
# the project to Google and is public by design (access is governed by security rules and the
# key's restrictions), as Firebase's documentation says. A Google key anywhere else is judged.
_FIREBASE_CLIENT_CONFIG = frozenset(("google-services.json", "googleservice-info.plist"))


def is_firebase_client_key(secret: str, filename: str, plugin: Any) -> bool:
    """The key, or any entropy or keyword guess at the same public client settings."""
    kind = getattr(plugin, "secret_type", "")
    return (kind == "Google API Key" or kind in GENERIC_TYPES) and filename.rsplit("/", 1)[-1].lower() in _FIREBASE_CLIENT_CONFIG


def is_key_header_without_body(secret: str, plugin: Any, context: Any) -> bool:
    """A PEM (or PuTTY) private key header with no key after it: code and docs that name,
    build or parse the format (`PEM_HEADER = "-----BEGIN PRIVATE KEY-----"`) rather than hold
    a key."""
    if getattr(plugin, "secret_type", "") not in KEY_HEADER_TYPES or not secret.startswith(("BEGIN", "-----BEGIN", "PuTTY-User-Key-File")):
        return False
    lines = list(getattr(context, "lines", None) or [])
    target = getattr(context, "target_index", 0)
    if not lines:
        return False
    if _INLINE_BODY.search(lines[target]):
        return False
    body = 0
    for following in lines[target + 1 :]:
        stripped = following.strip().strip("\"',\\n")
        if _END.search(following):
            break
        # Only base64 lines count: `Proc-Type:`/`DEK-Info:` headers are what code that
        # assembles a PEM around a generated key writes too.
        if _BODY_CHARS.fullmatch(stripped):
            body += 2 if len(stripped) >= 64 else 1
    return body < 2


# The filters hms-policy adds to detect-secrets' own defaults, as import paths (the form
# detect-secrets' `filters_used` and `--filter` take).
FILTER_PATHS = tuple(
    f"{__name__}.{name}"
    for name in (
        "is_placeholder_secret",
        "is_reference_secret",
        "is_vendor_example_secret",
        "is_expired_token_secret",
        "is_hash_secret",
        "is_image_data_secret",
        "is_key_echo",
        "is_metadata_name",
        "is_generic_secret_in_lock_file",
        "is_key_header_without_body",
    )
)
