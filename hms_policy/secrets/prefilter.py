"""Pick the lines worth a detect-secrets plugin, in one pass over a file's text.

Every plugin has triggers: patterns that any line it could fire on must match (a necessary
condition, never the plugin's full test). They are kept short on purpose: a counted run such as
`[a-z0-9]{32}` that can start anywhere multiplies the states of the combined automaton, so a
trigger counts only as far as it must to stay rare. All triggers of a file's profile are alternated into
one pattern and run once over the whole text; only the lines it hits are looked at again, with
a pattern set that says which triggers (so which plugins) matched on each. The rest of the file
never reaches Python-level code.

google-re2 runs both steps in linear time (`pip install google-re2`, a dependency where wheels
exist); without it Python's `re` does the same work, correct but several times slower.
Triggers keep to the syntax both engines share, and never match across a line break.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, Sequence

try:  # google-re2: linear-time, multi-pattern
    import re2 as _re2
except ImportError:  # pragma: no cover - exercised where no wheel exists
    _re2 = None

ENGINE = "re2" if _re2 is not None else "re"
# re2's budget per compiled pattern (most of it is its DFA cache): two per profile and process.
MAX_MEM = 16 << 20
SET_MAX_LINE = 4_000

_KEYWORDS = (
    "api_?key|auth_?key|service_?key|account_?key|db_?key|database_?key|priv_?key|private_?key|client_?key|"
    "db_?pass|database_?pass|key_?pass|password|passwd|pwd|secret|contraseña|contrasena"
)
_ENGINE_WORDS = (
    "hl7|fhir|mllp|mirth|rhapsody|cloverleaf|healthshare|ensemble|intersystems|iris|corepoint|qvera|iguana|redox|"
    "smart|ehr|emr|epic|cerner|athena|allscripts|meditech|hie|dicom|pacs|x12|cda|ccd|interface|keystore|truststore|jks|pkcs12"
)
_CRED_WORDS = "pass|pwd|secret|token|api[-_.]?key|apikey|credential"
_ASSIGN = r"[\"'\]]{0,2}[ ]*(?:=>|:=|::|=|:|[ ]+)[ ]*[\"']?"

# secret type -> triggers. Built-in detect-secrets plugins first, then hms-policy's own.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "AWS Access Key": (r"(?:A3T[A-Z0-9]|ABIA|ACCA|AKIA|ASIA)[0-9A-Z]{8}", r"(?i:aws[^\n]*(?:key|pwd|pw|pass|token))"),
    "Artifactory Credentials": (r"AKC[a-zA-Z0-9]{6}", r"AP[0-9ABCDEF][a-zA-Z0-9]{6}"),
    "Azure Storage Account access key": (r"AccountKey=",),
    "Base64 High Entropy String": (r"[\"'][A-Za-z0-9+/\\_=-]{23,}[\"']",),
    "Hex High Entropy String": (r"[\"'][0-9a-fA-F]{9,}[\"']",),
    "Basic Auth Credentials": (r"://[^\s:/?#\[\]@]+:[^\s:/?#\[\]@]+@",),
    "Cloudant Credentials": (r"(?i:cl(?:oudant|ou)?[-_]?(?:api)?(?:key|pwd|pw|pass|token))", r"(?i:cloudant\.com)"),
    "Discord Bot Token": (r"\.[a-zA-Z0-9_-]{6}\.[a-zA-Z0-9_-]{27}",),
    "GitHub Token": (r"(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{8}",),
    "GitLab Token": (r"(?:glpat|gldt|glft|glsoat|glrt|glcbt|glimt|glptt|glagent|gloas)-", r"GR1348941"),
    "IBM Cloud IAM Key": (r"(?i:(?:key|pwd|password|pass|token)" + _ASSIGN + r"[a-z0-9_-]{12})",),
    "IBM COS HMAC Credentials": (r"(?i:secret[-_]?(?:access)?[-_]?key" + _ASSIGN + r"[a-f0-9]{12})",),
    "Public IP (ipv4)": (r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}",),
    "JSON Web Token": (r"eyJ[A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]",),
    "Secret Keyword": (f"(?i:{_KEYWORDS})",),
    "Mailchimp Access Key": (r"[0-9a-z]-us[0-9]",),
    "NPM tokens": (r"/:_authToken=",),
    "OpenAI Token": (r"T3BlbkFJ",),
    "Private Key": (
        r"BEGIN (?:DSA |EC |OPENSSH |RSA |SSH2 ENCRYPTED )?PRIVATE KEY|BEGIN PGP PRIVATE KEY BLOCK|PuTTY-User-Key-File-2",
    ),
    "PyPI Token": (r"pypi-AgE",),
    "SendGrid API Key": (r"SG\.[a-zA-Z0-9_-]{8}",),
    "Slack Token": (r"(?i:xox[aboprs]-)", r"(?i:hooks\.slack\.com/services/)"),
    "SoftLayer Credentials": (r"(?i:(?:softlayer|sl)[-_]?(?:api)?[-_]?(?:key|pwd|pass|token))", r"(?i:api.softlayer.com)"),
    "Square OAuth Secret": (r"sq0csp-",),
    "Stripe Access Key": (r"[rs]k_live_",),
    "Telegram Bot Token": (r"[0-9]{6}:[0-9A-Za-z_-]{6}",),
    "Twilio API Key": (r"AC[a-z0-9]{12}", r"SK[a-z0-9]{12}"),
    # hms-policy's plugins (hms_policy.secrets.plugins)
    "Database Connection Password": (
        (
            r"(?i:(?:postgres|pgsql|mysql|mariadb|mongodb|redis|amqp|mssql|sqlserver|oracle|cockroachdb|couchdb|clickhouse|"
            r"neo4j|bolt|cassandra|memcached|nats|kafka|rabbitmq|db2|sybase|timescaledb|influxdb)[a-z0-9+:]*://[^\s@]*@)"
        ),
        r"(?i:[?&;](?:password|pwd|pass)=)",
        r"(?i:jdbc:oracle:[a-z]+:[^\s@/]+/[^\s@]+@)",
        r"(?i:host=[^\n]*password=)",
        r"(?i:(?:server|data source|host|hostname|addr|address|dsn|driver)[ \t]*=[^\n]*(?:password|pwd)[ \t]*=)",
    ),
    "Azure Connection String": (r"(?i:(?:AccountKey|SharedAccessKey|PrimaryKey|SecondaryKey|AccessKey)[ \t]*=)",),
    "Azure SAS Token": (r"(?i:sig=)",),
    "Google Service Account Key": (r"\"private_key\"[ \t]*:[ \t]*\"-----BEGIN",),
    "Google API Key": (r"AIza[0-9A-Za-z_-]{12}",),
    "OAuth Client Secret": (r"(?i:(?:client|consumer|app|application|oauth2?|smart)[-_.]?secret)",),
    "JWT Signing Secret": (
        (
            r"(?i:(?:jwt|jws|jose)[-_.]?(?:secret|sign|hmac|token|shared|key)|secret[-_.]?key|"
            r"(?:token|session|cookie|nextauth|auth)[-_.]?(?:signing[-_.]?)?secret|signing[-_.]?key|app[-_.]?key|"
            r"(?:session|cookie)[-_.]?(?:signing[-_.]?)?keys?)"
        ),
        r"(?im:^[ \t]+[\"']?(?:secret|secret[-_]?key|signing[-_]?key|key)[\"']?[ \t]*[:=])",
        r"(?m:^[ \t]+default[ \t]*=[ \t]*[rbuf]?[\"'])",  # env(\n "SECRET_KEY",\n default="...")
    ),
    "Data Encryption Key": (r"(?i:encryption[-_.]?keys?|aes[-_.]?(?:secret[-_.]?)?key|cipher[-_.]?key|fernet[-_.]?keys?)",),
    "Integration Engine Credential": (
        f"(?i:(?:{_ENGINE_WORDS})[a-z0-9_.-]*(?:{_CRED_WORDS})|(?:{_CRED_WORDS})[a-z0-9_.-]*(?:{_ENGINE_WORDS}))",
        r"(?i:<[a-z0-9_:.-]*(?:password|passwd|pwd|passphrase|secret|storepass|keypass|token|api[-_]?key)>)",
    ),
    "Private Key Material": (
        r"-----BEGIN (?:ENCRYPTED|ANY|[A-Z0-9]+ ENCRYPTED|X25519|X448|ED25519|ED448|SM2) PRIVATE KEY-----",
        r"MII[A-Za-z0-9+/]{3}IBAzCC",
        r"[\"']d[\"'][ \t]*:[ \t]*[\"'][A-Za-z0-9_-]{32}",  # a JSON Web Key's private exponent
    ),
    # Profile-only triggers: the files these plugins read are small, so every assignment is a candidate.
    "Dotenv Secret": (r"(?m:^[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.-]*[ \t]*=)",),
    "Registry Credential File": (r"(?i:auth|password|token|secret|api_key|apikey|://)",),
}

# Configuration files hold bare values (`key: value`): detect-secrets quotes them through its
# file transformers, so the entropy plugins must be woken by bare values there too.
# (Any long enough run: the quotes detect-secrets adds around a value can pair with one inside it.)
CONFIG_TRIGGERS: dict[str, tuple[str, ...]] = {
    "Base64 High Entropy String": (r"[A-Za-z0-9+/\\_=-]{23}",),
    "Hex High Entropy String": (r"[0-9a-fA-F]{9}",),
}

PROFILE_ONLY = frozenset(("Dotenv Secret", "Registry Credential File"))

# The first, whole-text pass needs only *anchors*: cheap patterns that every line a type's
# triggers match must contain (literal prefixes, keywords), free of the counted runs and
# line-long contexts that make a combined automaton large. The second pass, on the candidate
# lines only, runs the full triggers to pick the plugins.
_ENGINE_ANCHOR = f"(?i:{_ENGINE_WORDS})"
ANCHORS: dict[str, tuple[str, ...]] = {
    "AWS Access Key": (r"A3T[A-Z0-9]|ABIA|ACCA|AKIA|ASIA", r"(?i:aws)"),
    "Azure Storage Account access key": (r"AccountKey=",),
    "Base64 High Entropy String": (r"[\"'][A-Za-z0-9+/\\_=-]{23}",),
    "Hex High Entropy String": (r"[\"'][0-9a-fA-F]{9}",),
    "Basic Auth Credentials": (r"://[^\s/@]*@",),  # user info holds no "/", "@" or space
    "GitHub Token": (r"gh[pousr]_",),
    "GitLab Token": (r"gl(?:pat|dt|ft|soat|rt|cbt|imt|ptt|agent|oas)-", r"GR1348941"),
    "IBM COS HMAC Credentials": (r"(?i:secret)",),
    "JSON Web Token": (r"eyJ",),
    "Mailchimp Access Key": (r"-us[0-9]",),
    "NPM tokens": (r"_authToken=",),
    "Private Key": (r"PRIVATE KEY", r"PuTTY-User-Key-File-2"),
    "SendGrid API Key": (r"SG\.",),
    "Database Connection Password": (r"://[^\s/@]*@", r"(?i:(?:password|pwd|pass)[ \t]*=)", r"(?i:jdbc:oracle)"),
    "Azure Connection String": (r"(?i:(?:account|sharedaccess|primary|secondary|access)key[ \t]*=)",),
    "Google Service Account Key": (r"\"private_key\"",),
    "Google API Key": (r"AIza",),
    "OAuth Client Secret": (r"(?i:secret)",),
    "JWT Signing Secret": (
        r"(?i:jw[ts]|jose|secret|signing[-_.]?key|app[-_.]?key|(?:session|cookie)[-_.]?(?:signing[-_.]?)?key)",
        r"(?im:^[ \t]+[\"']?key[\"']?[ \t]*[:=])", r"(?m:^[ \t]+default[ \t]*=)"
    ),
    "Data Encryption Key": TRIGGERS["Data Encryption Key"],
    "Integration Engine Credential": (_ENGINE_ANCHOR, TRIGGERS["Integration Engine Credential"][1]),
    "Private Key Material": (r"PRIVATE KEY-----", r"MII[A-Za-z0-9+/]{3}IBAzCC", r"[\"']d[\"'][ \t]*:"),
    "Dotenv Secret": (r"=",),
}
CONFIG_ANCHORS = CONFIG_TRIGGERS


@dataclass(frozen=True, slots=True)
class Candidate:
    """A line worth the plugins: its 0-based index and the secret types whose triggers hit it."""

    index: int
    types: frozenset[str]


class Prefilter:
    """The triggers of one profile, compiled for the whole-text pass and the per-line pass."""

    def __init__(self, triggers: Sequence[tuple[str, str]], anchors: Sequence[str] = (), use_re2: bool = _re2 is not None) -> None:
        self.types = tuple(t for t, _ in triggers)
        self.patterns = tuple(p for _, p in triggers)
        patterns = list(self.patterns)
        combined = "|".join(f"(?:{p})" for p in (anchors or patterns))
        if use_re2:
            options = _re2.Options()
            options.max_mem = MAX_MEM
            self._combined: Any = _re2.compile(combined, options)
            set_options = _re2.Options()
            set_options.max_mem = 4 * MAX_MEM  # it only ever sees the candidate lines
            pattern_set = _re2.Set.SearchSet(set_options)
            for p in patterns:
                pattern_set.Add(p)
            pattern_set.Compile()
            self._set: Any = pattern_set
            self._singles: tuple[Any, ...] = ()
        else:
            self._combined = re.compile(combined)
            self._set = None
            self._singles = tuple(re.compile(p) for p in patterns)

    def matching_types(self, line: str) -> frozenset[str]:
        if self._set is not None and len(line) <= SET_MAX_LINE:
            return frozenset(self.types[i] for i in self._set.Match(line) or ())
        if self._set is not None:
            # RE2::Set has no slower fallback should its automaton outgrow the memory budget
            # (it would report no match), so a very long line meets each trigger on its own.
            return frozenset(t for t, p in zip(self.types, self.patterns) if _compiled_single(p).search(line))
        return frozenset(self.types[i] for i, p in enumerate(self._singles) if p.search(line))

    def candidates(self, lines: Sequence[str]) -> Iterator[Candidate]:
        """Candidate lines of `lines` (a file's lines, without their line breaks)."""
        if not lines:
            return
        hit: set[int] = set()
        if self._set is not None:
            # re2 on bytes: its Python wrapper turns every str offset back into characters,
            # which costs more than the search. Lines are counted between hits instead.
            data = "\n".join(lines).encode("utf-8", "surrogatepass")
            index, position = 0, 0
            for found in self._combined.finditer(data):
                start = found.start()
                index += data.count(b"\n", position, start)
                position = start
                hit.add(index)
        else:
            text = "\n".join(lines)
            starts: list[int] = []
            for found in self._combined.finditer(text):
                if not starts:
                    starts = _line_starts(lines)
                hit.add(bisect.bisect_right(starts, found.start()) - 1)
        for index in sorted(hit):
            types = self.matching_types(lines[index])
            if types:
                yield Candidate(index, types)

    def trigger_spans(self, line: str, types: frozenset[str]) -> list[tuple[int, int]]:
        """Where in `line` the triggers of `types` match: the windows of a very long line."""
        spans: list[tuple[int, int]] = []
        for secret_type, pattern in zip(self.types, self.patterns):
            if secret_type in types:
                spans.extend(m.span() for m in _compiled_single(pattern).finditer(line))
        return sorted(spans)


@lru_cache(maxsize=256)
def _compiled_single(pattern: str) -> Any:
    return _re2.compile(pattern) if _re2 is not None else re.compile(pattern)


def _line_starts(lines: Sequence[str]) -> list[int]:
    starts, position = [], 0
    for line in lines:
        starts.append(position)
        position += len(line) + 1
    return starts


@lru_cache(maxsize=16)
def prefilter_for(profile: frozenset[str], use_re2: bool = _re2 is not None) -> Prefilter:
    """The prefilter for a profile: `base`, plus `config`, `dotenv`, `registry`, or `lockfile`
    (which drops the keyword, entropy and IP plugins)."""
    from hms_policy.secrets.filters import GENERIC_TYPES

    triggers: list[tuple[str, str]] = []
    anchors: dict[str, None] = {}  # ordered, without repeats
    config = "config" in profile and "lockfile" not in profile
    for secret_type, patterns in TRIGGERS.items():
        if secret_type == "Dotenv Secret" and "dotenv" not in profile:
            continue
        if secret_type == "Registry Credential File" and "registry" not in profile:
            continue
        if "lockfile" in profile and secret_type in GENERIC_TYPES:
            continue
        triggers.extend((secret_type, p) for p in patterns)
        anchors.update(dict.fromkeys(ANCHORS.get(secret_type, patterns)))
        if config and secret_type in CONFIG_ANCHORS:
            anchors.update(dict.fromkeys(CONFIG_ANCHORS[secret_type]))
    if config:
        for secret_type, patterns in CONFIG_TRIGGERS.items():
            triggers.extend((secret_type, p) for p in patterns)
    return Prefilter(triggers, list(anchors), use_re2)
