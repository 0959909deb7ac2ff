"""detect-secrets plugins for the credentials its built-ins miss.

Each class is an ordinary detect-secrets plugin: `analyze_string` yields raw candidate values,
`analyze_line` gets the file name and the surrounding lines where a decision needs them. They
run inside hms-policy (`hms_policy.adapters.detect_secrets`) and in a plain detect-secrets
setup, e.g. `detect-secrets scan --plugin "$(python -c 'import hms_policy.secrets.plugins as m;
print(m.__file__)')"`. Each judges its own candidates with `placeholders`, so it stays quiet on
templates, references and documentation examples without hms-policy's filters.

Only modules are imported here, never plugin classes: detect-secrets registers every plugin
class it finds in a plugin file, so an imported built-in would be registered twice.
"""

from __future__ import annotations

import re
from typing import Any, Generator, Iterable, Set

from detect_secrets.core import potential_secret as _potential_secret
from detect_secrets.plugins import base as _base

from hms_policy.secrets import files as _files
from hms_policy.secrets import placeholders as _values
from hms_policy.secrets.values import impossible_port, is_not_credential, name_shaped

_CODE_SUFFIXES = frozenset(
    ".py .pyi .js .jsx .mjs .cjs .ts .tsx .java .kt .kts .scala .groovy .go .rb .php .cs .vb "
    ".swift .m .mm .c .cc .cpp .h .hpp .rs .dart .lua .pl .r .ex .exs .clj .vue .svelte .rake"
    # HCL: a bare value is an expression (`aws_cognito_user_pool_client.c.client_secret`), a literal is quoted
    " .tf .hcl .tfvars".split()
)

# `key <assignment> value`, after the key: an optional closing quote/bracket, the assignment
# (=, :, :=, =>, ==, or a comma between call arguments) and a quoted or bare value.
# A fallback after a lookup counts as an assignment: `ENV["X"] ||= "v"`, `ENV.fetch("X") { "v" }`,
# `os.environ.get("X") or "v"`, `env("X", default="v")`.
_ASSIGN_TAIL = (
    r"""["'\]]{0,2}\s*(?:=>|:=|\|\|=?|\?\?=?|===?|!==?|=|:|,|\)\s*(?:or\b|\|\||\?\?|\{))\s*(?:default\s*=\s*)?"""
    # a quoted value runs to its closing quote (`"a,b;c"`); a bare one stops at `,` and `;`
    r"""(?:[@rbuf](?=["'`]))?(?P<q>["'`])?(?P<value>(?(q)[^\s"'`<>]+|[^\s"'`,;<>]+))(?(q)(?P=q))"""
)
# A bare value that is an expression over names (`var.use_emulator`, `local.key`): a reference.
_NAME_EXPRESSION = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$")
_BOOLEANS = frozenset("true false yes no on off none null nil 0 1".split())
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_TOKEN_SPLIT = re.compile(r"[-_.\s\[\]'\"]+")


def _is_code(filename: str) -> bool:
    return _files.file_suffix(filename) in _CODE_SUFFIXES


def _tokens(key: str) -> list[str]:
    return [t.lower() for t in _TOKEN_SPLIT.split(_CAMEL.sub("_", key)) if t]


def _context_lines(context: Any) -> list[str]:
    lines = getattr(context, "lines", None)
    return list(lines) if lines else []


def _assignments(pattern: re.Pattern[str], string: str, *, quotes_required: bool) -> Iterable[re.Match[str]]:
    for found in pattern.finditer(string):
        if not found.group("q") and (quotes_required or _NAME_EXPRESSION.match(found.group("value"))):
            continue
        if not found.group("q") and found.group("value").endswith("("):
            continue  # `credentials("jenkins-id")`, `vault.read(...)`: a call fetches it at run time
        if _list_neighbours(string, found):
            continue
        yield found


def _list_neighbours(string: str, found: re.Match[str]) -> bool:
    """`["client_id", "client_secret", "auth_base_url"]`: the credential's name is one item of
    a list of field names, and what follows the comma is the next name, not its value. A call's
    arguments (`get("CLIENT_SECRET", "x7...")`, a default) stay assignments."""
    separator = string[found.start() : found.start("value")]
    if "," not in separator or "=" in separator or ":" in separator:
        return False
    depth = 0
    before = string[: found.start()]
    for index in range(len(before) - 1, -1, -1):
        char = before[index]
        if char in ")]}":
            depth += 1
        elif char in "([{":
            if depth == 0:
                if char in "[{":
                    return True
                # `for attr in ('client_id', 'client_secret', 'user_id')`: a tuple of three or
                # more names; `f("CLIENT_SECRET", "x7...")` is a call and a pair may be a setting.
                word = _LAST_WORD.search(before[:index].rstrip())
                called = word is not None and word.group(0) not in _KEYWORDS_BEFORE_TUPLE
                return not called and string[index + 1 :].split(")", 1)[0].count(",") >= 2
            depth -= 1
    # A continuation line of a list opened above: nothing on it but quoted names.
    return bool(_NAME_ITEMS_LINE.match(string))


_LAST_WORD = re.compile(r"[\w$]+$")
_KEYWORDS_BEFORE_TUPLE = frozenset("in return yield and or not await else".split())


# `'client_id', 'client_secret', '_redirect_uris',`: quoted names and commas, nothing else.
_NAME_ITEMS_LINE = re.compile(r"""^\s*(?:[rbu]?(["'])[\w.-]+\1\s*,\s*)+(?:[rbu]?(["'])[\w.-]+\2)?\s*[)\]}]?\s*[,;:]?\s*$""")


class _ContextPlugin(_base.RegexBasedDetector):
    """A plugin whose decision needs the file name or the neighbouring lines: `analyze_line`
    passes them to `analyze_string` as keyword arguments."""

    # No `secret_type` here: the class stays abstract, so detect-secrets does not register it.

    def analyze_line(
        self, filename: str, line: str, line_number: int = 0, context: Any = None, **kwargs: Any
    ) -> Set[_potential_secret.PotentialSecret]:
        return super().analyze_line(
            filename=filename,
            line=line,
            line_number=line_number,
            context=context,
            filename_hint=filename,
            context_lines=_context_lines(context),
            context_index=getattr(context, "target_index", -1),
        )


class DatabaseUrlPasswordDetector(_base.RegexBasedDetector):
    """Passwords inside database and message-broker connection strings: URLs with user info
    (postgres, mysql, mongodb, redis, amqp, jdbc, ...), password query parameters, Oracle's
    `user/password@`, libpq `host=... password=...` strings and ADO.NET/ODBC `Password=` pairs."""

    secret_type = "Database Connection Password"

    _URL = re.compile(
        r"(?i)(?<![\w+.-])(?:jdbc:)?(?:postgres(?:ql)?|pgsql|mysql[x2]?|mariadb|mongodb(?:\+srv)?|rediss?|"
        r"amqps?|mssql|sqlserver|oracle|cockroachdb|couchdbs?|clickhouse|neo4j(?:\+s(?:sc)?)?|bolt|"
        r"cassandra|memcached|nats|kafka|rabbitmq|db2|sybase|timescaledb|influxdb)"
        r"(?:\+[\w]+)?(?::[\w]+)?://(?P<user>[^\s:/@'\"`<>{}]*):(?P<password>[^\s@/'\"`<>]+)@"
    )
    _PARAM = re.compile(
        r"(?i)(?:jdbc:[\w:]+|(?:postgres(?:ql)?|mysql|mongodb(?:\+srv)?|rediss?|amqps?|sqlserver|mssql|oracle)://)"
        r"[^\s'\"`]*?[?&;](?:password|pwd|pass)=(?P<password>[^&;\s'\"`]+)"
    )
    _ORACLE = re.compile(r"(?i)jdbc:oracle:[a-z]+:(?P<user>[\w$#]+)/(?P<password>[^@\s/'\"`]+)@")
    _DSN = re.compile(r"(?i)(?<![\w])host=[^\s'\"`]+\s+(?:[a-z_]+=[^\s'\"`]+\s+)*?password=(?P<q>['\"]?)(?P<password>[^\s'\"`]+)(?P=q)")
    _ADO = re.compile(
        r"(?i)(?:server|data source|host|hostname|addr|address|dsn|driver)\s*=\s*[^;'\"]+;"
        r"(?:[^;'\"]*;)*?\s*(?:password|pwd)\s*=\s*(?P<q>['\"]?)(?P<password>[^;'\"\s]+)(?P=q)"
    )

    denylist = (_URL, _PARAM, _ORACLE, _DSN, _ADO)

    def analyze_string(self, string: str) -> Generator[str, None, None]:
        for pattern in self.denylist:
            for found in pattern.finditer(string):
                password = found.group("password")
                user = found.groupdict().get("user") or ""
                if password == user or _values.is_not_secret(password, string):
                    continue
                if pattern is self._URL and impossible_port(string, found.end()):
                    continue  # `@ds099999.example.com:99999/db`: a made-up address, so a made-up login
                yield password


class AzureConnectionStringDetector(_base.RegexBasedDetector):
    """Account and shared-access keys inside Azure connection strings (Storage, Service Bus,
    Event Hubs, IoT Hub, Cosmos DB, SignalR)."""

    secret_type = "Azure Connection String"

    _KEY = re.compile(r"(?i)(?<![\w])(?:AccountKey|SharedAccessKey|PrimaryKey|SecondaryKey|AccessKey)\s*=\s*(?P<value>[A-Za-z0-9+/]{20,}={0,2})")
    _CONTEXT = re.compile(r"(?i)AccountName=|Endpoint=|AccountEndpoint=|HostName=|SharedAccessKeyName=|DefaultEndpointsProtocol=|EntityPath=|\.windows\.net|\.azure\.")

    denylist = (_KEY,)

    def analyze_string(self, string: str) -> Generator[str, None, None]:
        if not self._CONTEXT.search(string):
            return
        for found in self._KEY.finditer(string):
            value = found.group("value")
            if not _values.is_not_secret(value, string):
                yield value


class AzureSasTokenDetector(_base.RegexBasedDetector):
    """Shared access signatures: the `sig=` of a SAS URL or token that carries its version,
    permissions or expiry (`sv=`, `sp=`, `se=`)."""

    secret_type = "Azure SAS Token"

    _SIG = re.compile(r"(?i)(?:^|[?&;\"'\s=])sig=(?P<value>(?:[A-Za-z0-9+/]|%2[bBfF]){30,}(?:%3[dD]|=){0,2})")
    _SAS_FIELDS = re.compile(r"(?i)[?&;\"'\s=](?:sv|sp|se|spr|srt|ss)=")

    denylist = (_SIG,)

    def analyze_string(self, string: str) -> Generator[str, None, None]:
        if len(self._SAS_FIELDS.findall(string)) < 2:
            return
        for found in self._SIG.finditer(string):
            value = found.group("value")
            if not _values.is_not_secret(value, string):
                yield value


class GoogleServiceAccountKeyDetector(_ContextPlugin):
    """The `private_key` of a Google Cloud service-account JSON key file (one line of JSON,
    recognised by the file's other fields nearby)."""

    secret_type = "Google Service Account Key"

    _KEY = re.compile(
        r"\"private_key\"\s*:\s*\"(?P<value>-----BEGIN (?:RSA )?PRIVATE KEY-----(?:\\r)?\\n"
        r"(?:[A-Za-z0-9+/=]|\\r|\\n){64,}-----END (?:RSA )?PRIVATE KEY-----(?:\\r)?(?:\\n)?)\""
    )
    _EVIDENCE = re.compile(r"service_account|gserviceaccount\.com|\"private_key_id\"|\"client_email\"|\"token_uri\"")

    denylist = (_KEY,)

    def analyze_string(self, string: str, context_lines: Iterable[str] = (), **kwargs: Any) -> Generator[str, None, None]:
        found = self._KEY.search(string)
        if found is None:
            return
        if not (self._EVIDENCE.search(string) or any(self._EVIDENCE.search(line) for line in context_lines)):
            return
        yield found.group("value")


class GoogleApiKeyDetector(_base.RegexBasedDetector):
    """Google Cloud / Firebase / Maps API keys (`AIza` + 35 characters)."""

    secret_type = "Google API Key"

    _KEY = re.compile(r"(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])")

    denylist = (_KEY,)

    def analyze_string(self, string: str) -> Generator[str, None, None]:
        for found in self._KEY.finditer(string):
            value = found.group(0)
            if not _values.is_not_secret(value, string):
                yield value


class OAuthClientSecretDetector(_ContextPlugin):
    """OAuth 2.0 client secrets, as SMART on FHIR and EHR (Epic, Cerner) app registrations use:
    `client_secret`, `clientSecret`, `consumer_secret`, `app_secret` assignments with a literal
    value. In source code the value must be a string literal; in configuration it may be bare."""

    secret_type = "OAuth Client Secret"

    _ASSIGN = re.compile(
        r"(?i)(?<![A-Za-z0-9])(?:client|consumer|app|application|oauth2?|smart)[-_.]?secret"
        r"(?:[-_.]?(?:value|key|string))?(?![A-Za-z0-9_-])" + _ASSIGN_TAIL
    )

    denylist = (_ASSIGN,)

    def analyze_string(self, string: str, filename_hint: str = "", **kwargs: Any) -> Generator[str, None, None]:
        for found in _assignments(self._ASSIGN, string, quotes_required=_is_code(filename_hint)):
            value = found.group("value")
            if _values.looks_random(value, 8) and not name_shaped(value) and not _WORDS_NAME.match(value) and not _values.is_not_secret(value, string):
                if not is_not_credential(value, string):  # `kenyaemr.registry.oauth2.client.secret`: a setting's name
                    yield value


# Lower-case words joined by `_`, `.` or `-`, or run together in camelCase: a name, as storage
# keys and cookie names are (`hms.sid`, `reportProperties`, `data_upload_import_error_report`,
# `instrumentationKey`).
_WORDS_NAME = re.compile(r"^[a-z]{2,16}(?:[._-][a-z]{2,16}){1,5}$|^[a-z]{3,16}(?:[A-Z][a-z]{2,16}){1,3}$")


class JwtSigningSecretDetector(_ContextPlugin):
    """Secrets that sign tokens and sessions in application settings: JWT_SECRET, jwt.secret,
    SECRET_KEY (Django, Flask), SIMPLE_JWT's SIGNING_KEY, Rails' secret_key_base, NEXTAUTH_SECRET,
    the keys that sign session cookies (`sessionKey`, `COOKIE_SIGNING_KEY`),
    Laravel's APP_KEY, and `secret:` nested under a `jwt:` block."""

    secret_type = "JWT Signing Secret"

    _KEY = (
        r"(?:(?:jwt|jws|jose)[-_.]?(?:secret(?:[-_.]?key)?|signing[-_.]?(?:key|secret)|sign[-_.]?key|"
        r"hmac[-_.]?(?:key|secret)|token[-_.]?secret|shared[-_.]?secret|key)"
        r"|secret[-_.]?key[-_.]?base|(?:token|session|cookie|nextauth|auth)[-_.]?(?:signing[-_.]?)?secret"
        r"|(?:session|cookie)[-_.]?(?:signing[-_.]?)?keys?"
        r"|signing[-_.]?key|(?<![\w-])(?:(?:django|flask|rails|app|site|web)[-_])?secret[-_]?key|(?<![\w.-])app[-_.]?key)"
    )
    _ASSIGN = re.compile(r"(?i)(?<![A-Za-z0-9])" + _KEY + r"(?![A-Za-z0-9_-])" + _ASSIGN_TAIL)
    _NESTED = re.compile(r"(?i)^\s*[\"']?(?:secret|secret[-_]?key|signing[-_]?key|key)(?![A-Za-z0-9_-])" + _ASSIGN_TAIL)
    _JWT_BLOCK = re.compile(r"(?i)^\s*[\"']?(?:jwt|simple_jwt|jwt_auth|jwt_settings|jwt-auth)[\"']?\s*[:=]")
    # A lookup written over several lines: `env(\n    "DJANGO_SECRET_KEY",\n    default="...",\n)`.
    _DEFAULT_LINE = re.compile(r"""^\s*default\s*=\s*[rbuf]?(?P<q>["'])(?P<value>[^\s"'`,;<>]+)(?P=q)""")
    _NAME_LINE = re.compile(r"""(?i)^\s*[rbuf]?["']""" + _KEY + r"""["']\s*,\s*$""")

    denylist = (_ASSIGN, _NESTED)
    _GIT_SIGNING_KEY = re.compile(r"(?i)(?:^\s*|\buser\.)signingkey\s*[= ]\s*[\"']?(?:[0-9a-f]{8}|[0-9a-f]{16}|[0-9a-f]{40}|[0-9a-f]{64})!?[\"']?\s*$")

    def analyze_string(
        self, string: str, filename_hint: str = "", context_lines: Iterable[str] = (), context_index: int = -1, **kwargs: Any
    ) -> Generator[str, None, None]:
        quotes_required = _is_code(filename_hint)
        if self._GIT_SIGNING_KEY.search(string) and (".signingkey" in string.lower() or _in_ini_section(context_lines, context_index, "user")):
            return  # git's `user.signingkey`: the id of a GPG or SSH key, not the key
        found_any = False
        for found in _assignments(self._ASSIGN, string, quotes_required=quotes_required):
            found_any = True
            yield from self._judge(found.group("value"), string)
        if found_any:
            return
        lines = list(context_lines)
        default = self._DEFAULT_LINE.match(string)
        if default and self._default_of_signing_setting(lines, context_index):
            yield from self._judge(default.group("value"), string)
            return
        nested = self._NESTED.match(string)
        if nested and not (quotes_required and not nested.group("q")) and self._under_jwt_block(string, lines, context_index):
            yield from self._judge(nested.group("value"), string)

    def _default_of_signing_setting(self, context_lines: list[str], index: int) -> bool:
        """The line before `default=...` names a signing secret as the lookup's first argument."""
        if not 0 < index < len(context_lines) + 1:
            return False
        code = (line for line in reversed(context_lines[:index]) if line.strip() and not line.lstrip().startswith(("#", "//")))
        previous = next(code, "")
        return self._NAME_LINE.match(previous) is not None

    def _under_jwt_block(self, line: str, context_lines: list[str], index: int) -> bool:
        indent = len(line) - len(line.lstrip())
        if indent == 0 or not 0 <= index < len(context_lines):
            return False
        for previous in reversed(context_lines[:index]):
            if not previous.strip():
                continue
            if len(previous) - len(previous.lstrip()) < indent:
                return bool(self._JWT_BLOCK.match(previous))
        return False

    @staticmethod
    def _judge(value: str, line: str) -> Iterable[str]:
        if value.lower().startswith("base64:"):
            value = value[len("base64:"):]
        if _WORDS_NAME.match(value):
            return  # `user_session`, `hms.sid`: the name of a session entry or cookie
        if _values.looks_random(value, 8) and not _values.is_not_secret(value, line):
            yield value


def _in_ini_section(context_lines: Iterable[str], index: int, section: str) -> bool:
    """The line at `index` sits in the `[section]` of an INI-style file (a `.gitconfig`)."""
    lines = list(context_lines)
    for line in reversed(lines[: max(0, index)]):
        text = line.strip()
        if text.startswith("[") and text.endswith("]"):
            return text[1:-1].strip().lower() == section
    return False


class DataEncryptionKeyDetector(_ContextPlugin):
    """Keys that encrypt stored data, committed in settings: OpenMRS' `encryption.key`, Django's
    `FIELD_ENCRYPTION_KEY`, `FERNET_KEYS`, `AES_KEY`, `cipher.key`, a `DATA_ENCRYPTION_KEY`. Data
    encrypted with a key that sits beside it in the repository is readable by whoever reads the
    repository. References (`*_key_id`, ARNs, KMS resource names) and placeholders are not keys."""

    secret_type = "Data Encryption Key"

    _KEY = r"(?:[a-z0-9]+[-_.])?encryption[-_.]?key|aes[-_.]?(?:secret[-_.]?)?key|cipher[-_.]?key|fernet[-_.]?keys?"
    _ASSIGN = re.compile(r"(?i)(?<![A-Za-z0-9])(?:" + _KEY + r")(?![A-Za-z0-9_-])" + _ASSIGN_TAIL)
    _LIST = re.compile(r"(?i)(?<![A-Za-z0-9])(?:fernet|encryption)[-_.]?keys[\"']?\s*[:=]\s*[\[(]\s*(?P<q>[\"'])(?P<value>[^\s\"'`,;<>]+)(?P=q)")
    _REFERENCE = re.compile(r"(?i)^(?:arn:|projects/|alias/|kms:|gcpkms://|azure-kv://|vault:)|://")

    denylist = (_ASSIGN, _LIST)

    def analyze_string(self, string: str, filename_hint: str = "", **kwargs: Any) -> Generator[str, None, None]:
        found_all = [*_assignments(self._ASSIGN, string, quotes_required=_is_code(filename_hint)), *self._LIST.finditer(string)]
        for found in found_all:
            value = found.group("value")
            key = value.replace("\\", "")  # `.properties` escapes: `Lpo...\=\=`
            if self._REFERENCE.search(key) or not _values.looks_random(key, 16) or _values.is_not_secret(value, string):
                continue
            yield value


_ENGINE_TOKENS = frozenset(
    "hl7 hl7v2 fhir mllp mirth rhapsody cloverleaf healthshare ensemble intersystems iris corepoint "
    "qvera iguana redox smart ehr emr epic cerner athena allscripts meditech hie dicom pacs x12 cda "
    "ccd interfaceengine keystore truststore jks pkcs12".split()
)
_CRED_TOKENS = frozenset("pass password passwd passphrase pwd secret token apikey storepass keypass credential credentials".split())


# Keys that describe a credential rather than hold one: `fhir.auth.token.url`, `hl7.password.file`.
_METADATA_TOKENS = frozenset(
    "url uri endpoint host hostname port path file dir location type name id user username alias "
    "algorithm alg expiry expires expiration ttl timeout enabled enable header prefix length policy".split()
)


def _is_plain_setting(value: str) -> bool:
    """A URL without credentials, a file path, a boolean or a short number: not a secret."""
    low = value.lower()
    if low in _BOOLEANS or (value.isdigit() and len(value) < 12):
        return True
    return bool(re.match(r"(?i)^(?:https?|wss?|s3|gs|file)://[^@]*$|^[./~]", value))


def _is_engine_credential_key(key: str, engine_nearby: bool = True) -> bool:
    """`engine_nearby`: the file names an engine elsewhere; without it a keystore's password
    (`keystorePass` of a Tomcat connector) is a plain secret, not an engine's credential."""
    tokens = _tokens(key)
    if not tokens or tokens[-1] in _METADATA_TOKENS:
        return False
    has_cred = any(t in _CRED_TOKENS for t in tokens) or any(a == "api" and b == "key" for a, b in zip(tokens, tokens[1:]))
    engine = {t for t in tokens if t in _ENGINE_TOKENS}
    has_engine = bool(engine) or "interface" in tokens and "engine" in tokens
    if engine and engine <= _KEYSTORE_TOKENS and not engine_nearby:
        return False
    if has_engine and _DATABASE_TOKENS.intersection(tokens):
        return False  # `PACS_DB_PASSWORD`: the database of a PACS or EHR, a keyword or .env secret
    return has_cred and has_engine


_KEYSTORE_TOKENS = frozenset("keystore truststore jks pkcs12".split())
_ENGINE_NAMED = re.compile(r"(?i)hl7|fhir|mllp|mirth|rhapsody|cloverleaf|healthshare|iguana|corepoint|qvera")


_DATABASE_TOKENS = frozenset("db database postgres postgresql pg mysql mariadb mssql sql jdbc mongo mongodb redis couchdb".split())


class IntegrationEngineCredentialDetector(_ContextPlugin):
    """Credentials of HL7 v2 / FHIR integration engines and their keystores in configuration:
    keys naming an engine or endpoint (hl7, fhir, mllp, mirth, rhapsody, cloverleaf, healthshare,
    epic, cerner, ...) together with a credential (password, secret, token, storepass), a
    keystore's password where the file names an engine (Mirth's `keystore.storepass`; not a
    web server's connector), and `<password>` elements of engine channel exports."""

    secret_type = "Integration Engine Credential"

    _ASSIGN = re.compile(r"(?<![\w.-])[\"']?(?P<key>[A-Za-z_][\w.-]*)" + _ASSIGN_TAIL)
    _XML = re.compile(
        r"(?i)<(?P<tag>[\w:.-]*(?:password|passwd|pwd|passphrase|secret|storepass|keypass|token|api[-_]?key))>"
        r"(?P<value>[^<\s]{4,})</(?P=tag)>"
    )
    _ENGINE_WORDS = re.compile(r"(?i)hl7|fhir|mllp|mirth|rhapsody|cloverleaf|healthshare|channel|connector|interface")

    denylist = (_ASSIGN, _XML)

    def analyze_string(
        self, string: str, filename_hint: str = "", context_lines: Iterable[str] = (), **kwargs: Any
    ) -> Generator[str, None, None]:
        quotes_required = _is_code(filename_hint)
        engine_nearby: bool | None = None
        for found in _assignments(self._ASSIGN, string, quotes_required=quotes_required):
            value = found.group("value")
            if engine_nearby is None:
                lines = list(context_lines)
                engine_nearby = bool(_ENGINE_NAMED.search(filename_hint) or any(_ENGINE_NAMED.search(line) for line in lines))
            if (
                _is_engine_credential_key(found.group("key"), engine_nearby)
                and len(value) >= 6
                and not _is_plain_setting(value)
                and not _values.is_not_secret(value, string)
            ):
                yield value
        if "<" in string and filename_hint.lower().endswith(".xml"):
            around = "\n".join([filename_hint, *context_lines])
            if self._ENGINE_WORDS.search(around):
                for found in self._XML.finditer(string):
                    value = found.group("value")
                    if len(value) >= 6 and not _values.is_not_secret(value, string):
                        yield value


_DOTENV_KEY = re.compile(r"(?i)pass|pwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|auth|credential|signing|encryption[-_]?key|master[-_]?key|_key$|^key$|dsn")
_DOTENV_NOT_SECRET_KEY = re.compile(
    r"(?i)(?:_|^)(?:url|uri|endpoint|host|hostname|port|path|file|dir|ttl|expiry|expires|expiration|timeout|"
    r"lifetime|enabled|enable|disabled|algorithm|alg|type|mode|region|user|username|name|id|issuer|audience|"
    r"scope|scopes|provider|length|header|prefix|version|domain|strategy|claim|query|realm|method|format)$|public|publishable"
    # a setting that names or queries rather than holds: ..._AUTHENTICATIONQUERY, OKTA_TOKEN_ROLE_CLAIM
    r"|(?:query|strategy|claim)$"
    # a user or role name written as one word with its qualifier: SECURITY_AUTHADMINUSER, OAUTH2USERROLE
    r"|(?:user|username|login|role|roles)$"
)


class DotenvSecretDetector(_ContextPlugin):
    """Credentials in `.env` files (`.env`, `.env.production`, `prod.env`, `.envrc`): variables
    named like a credential with a literal, bare or quoted value."""

    secret_type = "Dotenv Secret"

    _LINE = re.compile(r"^\s*(?:export\s+)?(?P<key>[A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(?P<q>[\"']?)(?P<value>.*?)(?P=q)\s*(?:\s#.*)?$")

    denylist = (_LINE,)

    def analyze_string(self, string: str, filename_hint: str = "", **kwargs: Any) -> Generator[str, None, None]:
        if not _files.is_dotenv_file(filename_hint):
            return
        found = self._LINE.match(string)
        if found is None:
            return
        key, value = found.group("key"), found.group("value").strip()
        if not _DOTENV_KEY.search(key) or _DOTENV_NOT_SECRET_KEY.search(key):
            return
        if len(value) < 6 or _is_plain_setting(value):
            return
        if not _values.is_not_secret(value, string):
            yield value


_REGISTRY_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "npm": (
        re.compile(r"(?:^|:)_(?:authToken|auth|password)\s*=\s*(?P<q>[\"']?)(?P<value>[^\s\"']+)(?P=q)"),
        re.compile(r"^\s*npmAuth(?:Token|Ident)\s*:\s*(?P<q>[\"']?)(?P<value>[^\s\"']+)(?P=q)"),
    ),
    "pypirc": (re.compile(r"(?i)^\s*password\s*[=:]\s*(?P<value>\S+)"),),
    "url": (re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://(?P<user>[^\s:/@]*):(?P<value>[^\s@/]+)@"),),
    "netrc": (re.compile(r"(?i)(?:^|\s)password\s+(?P<value>\S+)"),),
    "docker": (re.compile(r"\"(?:auth|identitytoken|password)\"\s*:\s*\"(?P<value>[^\"]{8,})\""),),
    "gem": (re.compile(r"^\s*:?[\w]*api_key:\s*(?P<value>\S+)"),),
    "gradle": (re.compile(r"(?i)^\s*[\w.]*(?:password|token|secret|apikey|api_key)\s*[=:]\s*(?P<value>\S+)"),),
}


class RegistryCredentialFileDetector(_ContextPlugin):
    """Tokens and passwords in package-registry and credential dotfiles: `.npmrc` / `.yarnrc`
    auth tokens, `.pypirc` passwords, `pip.conf` index URLs with credentials, `.netrc`,
    `.git-credentials`, Docker `config.json` auths, RubyGems and Gradle credentials."""

    secret_type = "Registry Credential File"

    denylist = tuple(p for group in _REGISTRY_PATTERNS.values() for p in group)

    def analyze_string(self, string: str, filename_hint: str = "", **kwargs: Any) -> Generator[str, None, None]:
        for kind in _files.registry_file_kind(filename_hint):
            for pattern in _REGISTRY_PATTERNS[kind]:
                for found in pattern.finditer(string):
                    value = found.group("value")
                    user = found.groupdict().get("user") or ""
                    if value != user and len(value) >= 4 and not _values.is_not_secret(value, string):
                        yield value


class PrivateKeyMaterialDetector(_ContextPlugin):
    """Private key material the built-in `Private Key` plugin does not name: PKCS#8 encrypted
    and other PEM private key labels, base64-encoded PKCS#12 (.p12 / .pfx) keystores, and the
    private exponent (`"d"`) of a JSON Web Key, reported once per key (its other members are
    not reported as random strings one by one)."""

    secret_type = "Private Key Material"

    _PEM = re.compile(r"-----BEGIN (?:ENCRYPTED|ANY|[A-Z0-9]+ ENCRYPTED|X25519|X448|ED25519|ED448|SM2) PRIVATE KEY-----")
    # DER PFX: SEQUENCE { INTEGER 3, ContentInfo { OID pkcs7-data ... } }, base64-encoded.
    _PKCS12 = re.compile(r"MII[A-Za-z0-9+/]{3}IBAzCC[A-Za-z0-9+/]{4}CSqGSIb3DQEHA[A-Za-z0-9+/]{16,}={0,2}")
    _JWK_D = re.compile(r"""["']d["']\s*:\s*["'](?P<value>[A-Za-z0-9_-]{32,})["']""")
    _KTY = re.compile(r"""["']?kty["']?\s*:""")

    denylist = (_PEM, _PKCS12, _JWK_D)

    def analyze_string(self, string: str, context_lines: Iterable[str] = (), **kwargs: Any) -> Generator[str, None, None]:
        for found in self._PEM.finditer(string):
            yield found.group(0)
        for found in self._PKCS12.finditer(string):
            yield found.group(0)
        found_d = self._JWK_D.search(string)
        if found_d and (self._KTY.search(string) or any(self._KTY.search(line) for line in context_lines)):
            yield found_d.group("value")
