"""Judging single values found in manifests, compose files, Helm values and Dockerfiles:
image references, secret-looking names, placeholders, database ports, health-data URLs.

Pure functions over strings; no value passed in is ever kept or returned.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator, Mapping

from hms_policy.model import Redaction
from hms_policy.targets.document import Document, PathKey

# Ports whose service holds records: relational, document, key-value and search stores.
DATABASE_PORTS = frozenset(
    {
        5432, 5433,  # PostgreSQL
        3306, 33060,  # MySQL / MariaDB (classic, X protocol)
        1433, 1434,  # SQL Server
        1521, 2484,  # Oracle
        50000,  # Db2
        27017, 27018, 27019,  # MongoDB
        6379, 6380, 16379,  # Redis
        11211,  # memcached
        9200, 9300,  # Elasticsearch / OpenSearch
        9042, 9160,  # Cassandra
        5984,  # CouchDB
        8091,  # Couchbase
        7474, 7687,  # Neo4j
        8086,  # InfluxDB
        8123,  # ClickHouse HTTP
        26257,  # CockroachDB
        28015,  # RethinkDB
        8983,  # Solr
        2379,  # etcd
    }
)
DATABASE_NAMES = re.compile(
    r"postgres|postgis|pgsql|timescale|mysql|mariadb|percona|mssql|sqlserver|sql-server|oracle|"
    r"mongo|redis|valkey|keydb|memcache|elasticsearch|opensearch|cassandra|scylla|couchdb|couchbase|"
    r"neo4j|influxdb|clickhouse|cockroach|rethinkdb|solr|etcd|db2",
    re.I,
)

# Names of settings that hold a credential (env vars, ARG/ENV, ConfigMap keys).
_SECRET_NAME = re.compile(
    r"passw(?:or)?d|passwd|(?:^|_)pwd$|secret|token(?!i[sz])|api[-_]?key|apikey|access[-_]?key|private[-_]?key|"
    r"client[-_]?secret|credential|auth[-_]?key|signing[-_]?key|encryption[-_]?key|master[-_]?key|"
    r"conn(?:ection)?[-_]?string|dsn$|database[-_]?url$",
    re.I,
)
# ...unless the name says the value only points at or describes the credential.
_NOT_A_SECRET_NAME = re.compile(
    r"(?:_|-|\.|^)(?:file|path|dir|url|uri|endpoint|host|port|name|user(?:name)?|id|type|length|len|"
    r"min|max|ttl|expiry|expires|expiration|timeout|enabled|enable|disabled|required|header|"
    r"algorithm|alg|policy|ref|key[-_]?ref|version|mode|format|count|rotation|prefix|suffix|"
    r"env|source|provider|kind|location|secret[-_]?name|store|mount|template|hasher|hash|hashing|"
    r"complexity|strength|reset|hint|label)s?$",
    re.I,
)
# Connection strings are secrets only when they embed a password: scheme://user:pass@host.
_URL_WITH_PASSWORD = re.compile(r"^[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@", re.I)


def secret_like_name(name: str) -> bool:
    if name.upper() == "PWD":  # the shell's working directory
        return False
    return bool(_SECRET_NAME.search(name)) and not _NOT_A_SECRET_NAME.search(name)


_PLACEHOLDER_WORDS = frozenset(
    "changeme change_me change-me changeit replaceme replace_me replace-me placeholder example "
    "dummy todo tbd fixme redacted masked none null nil undefined secret password passwd token "
    "default test testing sample xxx yyy zzz foo bar foobar your_password yourpassword mypassword "
    "my-secret mysecret notasecret not-a-secret insert_here".split()
)
_TEMPLATED = re.compile(r"^\$\{[^}]*\}$|^\$\([^)]*\)$|^\$[A-Za-z_][A-Za-z0-9_]*$|^\{\{.*\}\}$|^<[^>]*>$|^%[^%]+%$|^#\{[^}]*\}$|^@[A-Za-z_]+@$")
_SOPS = re.compile(r"^ENC\[[A-Z0-9_]+,data:")
# "your-password", "INSERT_TOKEN", "<changeme>", "put-key-here", "token_here"
_STAND_IN = re.compile(r"^(?:your|insert|enter|replace|change|put|add|set|fill|my)[-_ ]|[-_ ]here$|^changeme|^replace_?with", re.I)
# "GOOGLE_API_KEY_VAL": an upper-case constant name standing where the value should go
_CONSTANT_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")


def is_placeholder(value: Any) -> bool:
    """Empty, a reference to something resolved elsewhere, or an obvious stand-in."""
    if value is None or isinstance(value, bool):
        return True
    if not isinstance(value, (str, int, float)):
        return True  # a mapping or list is not a literal credential
    text = str(value).strip().strip("'\"")
    if not text:
        return True
    if _TEMPLATED.match(text) or _SOPS.match(text) or "${" in text or "{{" in text:
        return True
    lower = text.lower()
    if lower in _PLACEHOLDER_WORDS or lower.strip("_-.*") in _PLACEHOLDER_WORDS:
        return True
    if len(set(lower)) == 1 and lower[0] in "x*#.-_0?":
        return True  # "xxxxxx", "******"
    if _STAND_IN.search(text) or _CONSTANT_NAME.match(text):
        return True
    return False


# Values that describe rather than are a credential: booleans, tiny numbers, file paths.
_NOT_A_CREDENTIAL_VALUE = re.compile(r"^(?:true|false|yes|no|on|off|\d{1,3}|(?:/|\./|~/)[\w./-]*)$", re.I)


def literal_credential(name: str, value: Any) -> bool:
    """A secret-looking setting with a literal, non-placeholder value."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return False
    if is_placeholder(value) or _NOT_A_CREDENTIAL_VALUE.match(str(value).strip()):
        return False
    if secret_like_name(name):
        return True
    return isinstance(value, str) and bool(_URL_WITH_PASSWORD.match(value.strip())) and not _url_password_placeholder(value)


def _url_password_placeholder(url: str) -> bool:
    found = re.match(r"^[a-z][a-z0-9+.-]*://[^/\s:@]+:([^/\s@]+)@", url.strip(), re.I)
    return found is not None and is_placeholder(found.group(1))


# ---- booleans, numbers and load-balancer exposure ------------------------------------


def is_true(value: Any) -> bool:
    return value is True or str(value).strip().lower() == "true"


def is_false(value: Any) -> bool:
    return value is False or str(value).strip().lower() == "false"


def as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


# Annotations that make a cloud load balancer internal (value in the tuple, lower case).
INTERNAL_LB_ANNOTATIONS = {
    "service.beta.kubernetes.io/aws-load-balancer-internal": ("true", "0.0.0.0/0"),
    "service.beta.kubernetes.io/aws-load-balancer-scheme": ("internal",),
    "service.beta.kubernetes.io/azure-load-balancer-internal": ("true",),
    "cloud.google.com/load-balancer-type": ("internal",),
    "networking.gke.io/load-balancer-type": ("internal",),
    "service.beta.kubernetes.io/oci-load-balancer-internal": ("true",),
    "service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type": ("private",),
    "service.beta.kubernetes.io/openstack-internal-load-balancer": ("true",),
}
OPEN_RANGES = {"0.0.0.0/0", "::/0"}


# ---- image references -------------------------------------------------------------------


# `localhost/app` (Podman's name for an image built on the machine), `local/app`,
# `local-only/base:latest`, `localhost:5000/app` (a registry on the build machine): images the
# project's own build produces and its later steps consume; there is no upstream to change them.
_LOCALLY_BUILT = re.compile(r"^(?:localhost(?::\d+)?|127\.0\.0\.1(?::\d+)?|local(?:[-_](?:only|build|builds|images?))?)/", re.I)


def image_problem(ref: Any) -> str | None:
    """"untagged" or "latest" for a mutable image reference; None when pinned or unknowable."""
    if not isinstance(ref, str):
        return None
    ref = ref.strip().strip("'\"")
    if not ref or "$" in ref or "{{" in ref or " " in ref:
        return None  # templated: decided elsewhere
    if "@" in ref:
        return None  # pinned by digest
    if _LOCALLY_BUILT.match(ref):
        return None  # built on the same machine by the same build, never pulled from a registry
    last = ref.rsplit("/", 1)[-1]
    if ":" not in last:
        return None if ref == "scratch" else "untagged"
    tag = last.rsplit(":", 1)[1]
    return "latest" if tag == "latest" else None


# ---- health-data endpoints --------------------------------------------------------------

_HTTP_URL = re.compile(r"http://([^\s/'\"?#]+)([^\s'\"]*)", re.I)
_HEALTH_HINT = re.compile(
    r"(?<![a-z])(?:fhir|hl7|ehr|emr|dicom(?:web)?|wado|qido|stow|openmrs|openemr|hapi|mirth|orthanc|pacs|"
    r"cda|ccda|xds|ihe|abdm|ndhm|abha|healthid|phr|patients?|medical[-_]?records?|health[-_]?records?|"
    r"clinical|r4|stu3|dstu2)(?![a-z])",
    re.I,
)
_SAFE_HOST = re.compile(
    r"^(?:localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|0\.0\.0\.0)(?::\d+)?$|"
    r"(?:^|\.)127\.\d+\.\d+\.\d+\.(?:nip\.io|sslip\.io|xip\.io)(?::\d+)?$|(?:^|\.)localhost(?::\d+)?$|"
    r"(?:^|\.)(?:hl7\.org|fhir\.org|example\.(?:com|org|net)|example|invalid|test|loinc\.org|snomed\.info|"
    r"w3\.org|unitsofmeasure\.org|ihe\.net)(?::\d+)?$",
    re.I,
)


def insecure_health_urls(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, host) of each `http://` URL in `text` that points at a health-data API."""
    for found in _HTTP_URL.finditer(text):
        host, rest = found.group(1), found.group(2)
        host_only = host.rsplit("@", 1)[-1]
        if _SAFE_HOST.search(host_only):
            continue
        if _HEALTH_HINT.search(host_only) or _HEALTH_HINT.search(rest):
            yield found.start(), found.end(), host_only.split(":")[0]


# ---- walking plain data with its lines --------------------------------------------------


def walk(value: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, Any]]:
    """Every (path, value) below `value`, parents first, without recursion."""
    stack: list[tuple[PathKey, Any]] = [(path, value)]
    while stack:
        here, item = stack.pop()
        yield here, item
        if isinstance(item, Mapping):
            stack.extend(((*here, k), v) for k, v in reversed(list(item.items())))
        elif isinstance(item, list):
            stack.extend(((*here, i), v) for i, v in reversed(list(enumerate(item))))


def value_redactions(doc: Document, line: int, values: Iterable[Any], label: str = "secret") -> tuple[Redaction, ...]:
    """Masks for `values` written on `line`; the whole line after the key when a value cannot
    be found verbatim there (a quoted, folded or escaped form)."""
    text = doc.line(line)
    out: list[Redaction] = []
    for value in values:
        raw = str(value)
        if not raw:
            continue
        at = text.find(raw)
        if at >= 0 and "\n" not in raw:
            # Every occurrence: on `{name: db_password, value: password}` the first one is
            # inside the key, and masking only that would print the value.
            while at >= 0:
                out.append(Redaction(line, at, at + len(raw), label))
                at = text.find(raw, at + len(raw))
        else:
            colon = text.find(":")
            start = colon + 1 if colon >= 0 else 0
            out.append(Redaction(line, start, max(start, len(text)), label))
    return tuple(out)


def block_redactions(doc: Document, first: int, last: int, label: str = "secret") -> tuple[Redaction, ...]:
    """Whole-line masks for the lines of a multi-line value."""
    return tuple(Redaction(n, 0, max(1, len(doc.line(n))), label) for n in range(first, last + 1))
