"""Could a value found beside a credential's name be the credential? Shapes that never are.

The keyword detector (SEC011) sees `password: <anything>`; most of what follows such a name in
real code is a label, a reference or a marker, not a password. Pure functions over the value
and its line; no value is kept or logged.
"""

from __future__ import annotations

import re
from typing import Sequence

from hms_policy.secrets.files import file_name

# `user.login.error.password.required`, `skebby-service.password`: a property key or i18n label.
_DOTTED_KEY = re.compile(r"^[A-Za-z][A-Za-z_-]*(?:\.[A-Za-z][A-Za-z_-]*)+$")
# `django.contrib.auth.hashers.MD5PasswordHasher`: a class or module path (lower-case package
# names, three names or more).
_DOTTED_CODE_PATH = re.compile(r"^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+\.(?=\w*[a-z]{4})[A-Za-z_][A-Za-z0-9_]*$")
# `$rename: {passwordHash: 'oldPasswordHash'}`: a field's name in camelCase that names a credential.
_FIELD_NAME = re.compile(r"^[a-z]+(?:[A-Z][a-z]+)+$")
_CREDENTIAL_WORDS = frozenset("password passwd secret token hash credential credentials key keys".split())
# `https://events.pagerduty.com/integration`: an address with no login, query or token in its
# path; a webhook whose path carries the token (`/services/T0A1b2C3/...`) is not this shape.
_BARE_URL = re.compile(r"^[a-z][a-z0-9+.-]*://[A-Za-z0-9.-]+(?::\d{1,5})?(?P<path>/[^\s?#@]*)?$")
# `NEXUS_PASSWORD`, `YOUR_SMS_PASSWORD`: the name of an environment variable, not its value.
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
# `devise/passwords`, `service/backend/db`, `/aws/rds/cluster`: a path or route.
_LOWER_PATH = re.compile(r"^/?[a-z0-9_.-]+(?:/[a-z0-9_.-]+)+/?$")
_ROOTED_PATH = re.compile(r"^(?:/[A-Za-z][A-Za-z_.-]*)+/?$")
# `/workspace/e2e-tests/FHIR_SEARCH_HAPI/VIEWS_TIMESTAMP_1`: each segment made of words of one
# letter case (and a number after it); a random base64 run of that length mixes cases inside its pieces.
_WORD = r"(?:(?:[a-z]+|[A-Z]+|[A-Z][a-z]+)[0-9]{0,3}|[0-9]{1,8})"
_ROOTED_WORD_PATH = re.compile(rf"^(?:/{_WORD}(?:[-_.]{_WORD})*){{2,}}/?$")
# `required|min:8|confirmed`: a validation rule list.
_RULE_LIST = re.compile(r"^[\w:,.-]+(?:\|[\w:,.-]+)+$")
# Flags and switches: `'password' => 'true'`, `secret: inherit`.
_WORDS = frozenset(
    "true false yes no on off enabled disabled enable disable required optional inherit none null nil "
    "hidden visible masked plain text auto manual always never bearer basic digest refresh access "
    "id_token access_token refresh_token "
    # a model's cast or column type (Laravel `'password' => 'hashed'`)
    "hashed encrypted".split()
)
# A setting or flag name of five words and more (`useAttachedSecretResourcePolicyForSecretTargetAttachments`,
# a CDK feature flag): an identifier, not a chosen passphrase.
_LONG_CAMEL_NAME = re.compile(r"^[a-z]+(?:[A-Z][a-z]+){4,}$")
# A regular expression (`\$pass\s*=\s*'([^']*)'`): a pattern to find a password, not one.
_REGEX = re.compile(r"\\[sdwSDWbB]|\(\?[:=!<P]|\[\^|\.[*+]|\\\$")
# Markers that say there is no value: `NoLongerUsed`, `NotStored`, `not-set`.
_NO_VALUE = re.compile(r"^(?:No|Not|Never|Un(?:used|set|known))(?:[A-Z][a-z]+)+$|^not[-_ ]?(?:set|used|stored|applicable|supplied|provided|configured|available|defined)$")
# A value inside an ARN (`arn:aws:secretsmanager:...:secret:name`): an identifier.
_ARN_BEFORE = re.compile(r"arn:aws[\w-]*:[^\s'\"]*$")


def is_not_credential(value: str, line: str) -> bool:
    """The value of a keyword find is a label, a reference, a path or a marker."""
    v = value.strip().strip("'\"`").strip()
    if not v:
        return True
    if any(c.isspace() for c in v):
        return True  # a sentence or prompt text; generated credentials have no spaces
    if v.lower() in _WORDS or _NO_VALUE.match(v) or _REGEX.search(v):
        return True
    if _DOTTED_KEY.match(v) or _DOTTED_CODE_PATH.match(v) or _ENV_NAME.match(v) or _RULE_LIST.match(v) or _LONG_CAMEL_NAME.match(v):
        return True
    if is_path_shaped(v) or _is_bare_url(v):
        return True
    if _FIELD_NAME.match(v) and _CREDENTIAL_WORDS.intersection(w.lower() for w in re.findall(r"[A-Z]?[a-z]+", v)):
        return True
    at = line.find(v)
    if at > 0 and line[at - 1] == "`" and line[at + len(v) : at + len(v) + 1] == "`" and _COMMAND_NAME.match(v):
        return True  # `PASSWORD=\`generate_password\``: a shell command's output, made when it runs
    if at > 0 and _CONCATENATED.match(line[at + len(v) :]):
        return True  # `"ENC(" + encrypt(password) + ")"`: a fragment joined to a computed value
    return at > 0 and _ARN_BEFORE.search(line[:at]) is not None


_COMMAND_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$")


# The literal's closing quote followed by a concatenation: Java/JS/Python `+`, PHP `.`.
_CONCATENATED = re.compile(r"""^["'`]\s*(?:\+|\.(?=\s*\$)|\.\s*[A-Za-z_$])(?!\+)""")


def _is_bare_url(value: str) -> bool:
    found = _BARE_URL.match(value)
    if found is None:
        return False
    path = (found.group("path") or "/").rstrip("/")
    return not path or is_path_shaped(path)


def is_path_shaped(value: str) -> bool:
    """A route, file path or parameter path made of words (`/service/backend/db_url`)."""
    return any(p.match(value) is not None for p in (_LOWER_PATH, _ROOTED_PATH, _ROOTED_WORD_PATH))


# Line comments, by their opening marker; `#define`/`#include` are C preprocessor, not comments.
_COMMENT = re.compile(r"^\s*(?:#(?!define\b|include\b|if|else|endif|pragma\b|undef\b|!)|//|/\*|\*(?:\s|$)|--\s|;|<!--|REM\s|!\s)")


def is_comment_line(line: str) -> bool:
    """The line is a comment: commented-out generator defaults and template text, not in effect."""
    return _COMMENT.match(line) is not None


_MARKUP_LOOKBACK = 300  # lines: commented-out examples in XML configuration are short blocks


def in_markup_comment(lines: Sequence[str], index: int) -> bool:
    """The line sits inside a `<!-- ... -->` block opened on an earlier line (a commented-out
    data source in a Tomcat context.xml), so nothing on it is in effect."""
    if not 0 <= index < len(lines) or "-->" in lines[index]:
        return False  # a line that closes the block may carry live content after it
    for previous in reversed(lines[max(0, index - _MARKUP_LOOKBACK) : index]):
        opened, closed = previous.rfind("<!--"), previous.rfind("-->")
        if opened != -1 or closed != -1:
            return opened > closed
    return False


# `/*` opening and `*/` closing a block comment: at a line's start or after a blank, so a glob
# (`src/**/*.js`) or a MIME range (`image/*`) inside a string is not taken for one.
_BLOCK_OPEN = re.compile(r"(?:^|\s)/\*")
_BLOCK_CLOSE = re.compile(r"\*/\s*$|(?:^|\s)\*/")
BLOCK_COMMENT_SUFFIXES = (
    ".tf", ".hcl", ".js", ".mjs", ".cjs", ".ts", ".jsx", ".tsx", ".java", ".kt", ".scala", ".go", ".cs", ".php",
    ".c", ".h", ".cc", ".cpp", ".swift", ".rs", ".css", ".scss", ".sql", ".groovy", ".gradle",
)


def in_block_comment(lines: Sequence[str], index: int) -> bool:
    """The line sits inside a `/* ... */` block opened on an earlier line (a commented-out
    Terraform data source, a disabled Java constant), so nothing on it is in effect."""
    if not 0 <= index < len(lines) or _BLOCK_CLOSE.search(lines[index]):
        return False  # a line that closes the block may carry live content after it
    for previous in reversed(lines[max(0, index - _MARKUP_LOOKBACK) : index]):
        opened = [m.end() for m in _BLOCK_OPEN.finditer(previous)]
        closed = [m.end() for m in _BLOCK_CLOSE.finditer(previous)]
        if opened or closed:
            return bool(opened) and (not closed or max(opened) > max(closed))
    return False


# CI pipeline definitions: their literal passwords belong to throwaway service containers of the
# job (`services: postgres: env: POSTGRES_PASSWORD: ...`); real CI secrets come from the CI's
# secret store, and a provider-shaped token there is still found by its own rule.
_CI_FILES = frozenset((".travis.yml", ".gitlab-ci.yml", "azure-pipelines.yml", "bitbucket-pipelines.yml", ".drone.yml", "cloudbuild.yaml"))
# Everything under .github/ (workflows, actions, their helper scripts and site configs) exists
# for the hosting platform's CI, never for a deployment.
_CI_DIRS = (".github/", ".circleci/", ".buildkite/", ".gitlab/ci/")


_WORKFLOW_JOBS = re.compile(r"^jobs:\s*$")
_WORKFLOW_RUNNER = re.compile(r"^\s+runs-on:")


def is_ci_pipeline_file(filename: str) -> bool:
    path = filename.replace("\\", "/")
    return file_name(path) in _CI_FILES or any(part in "/" + path for part in ("/" + d for d in _CI_DIRS))


def is_ci_pipeline(filename: str, lines: Sequence[str]) -> bool:
    """A CI pipeline file by its place, or a GitHub Actions workflow by its shape (`jobs:` with
    `runs-on:`), wherever it is kept (workflow templates and skeletons)."""
    if is_ci_pipeline_file(filename):
        return True
    if not filename.lower().endswith((".yml", ".yaml")):
        return False
    return any(_WORKFLOW_JOBS.match(line) for line in lines) and any(_WORKFLOW_RUNNER.match(line) for line in lines)


_BLOB_CHAR = re.compile(r"[A-Za-z0-9+/]")


def is_inside_blob(value: str, line: str) -> bool:
    """Every occurrence of a fixed-length token (an AWS key id) runs on into more base64: a
    substring of embedded font or image data, not a key of its own."""
    spots = [m.start() for m in re.finditer(re.escape(value), line)]
    if not spots:
        return False
    end = len(value)
    return all(
        (at > 0 and _BLOB_CHAR.match(line[at - 1])) or (at + end < len(line) and _BLOB_CHAR.match(line[at + end]))
        for at in spots
    )


# Settings for test runs: `.env.test`, `.env.seed.test`, `.env.ci`, and the `test:` section of
# per-environment YAML (Rails' secrets.yml, database.yml). Their values sign and open nothing
# deployed.
_TEST_ENV_SUFFIXES = ("test", "testing", "ci", "spec")
_TEST_SECTION = re.compile(r"^(?:test|testing)\s*:\s*(?:#.*)?$")
# The `development:` section of the same files: a laptop's values, judged but not gate-failing.
_DEV_SECTION = re.compile(r"^(?:development|dev|local)\s*:\s*(?:#.*)?$")


def is_test_env_file(filename: str) -> bool:
    name = file_name(filename.replace("\\", "/")).lower()
    return name.startswith(".env.") and name.rsplit(".", 1)[-1] in _TEST_ENV_SUFFIXES


# A command line that sets up a test run: a test flag switched on (`IS_TESTING=true`,
# `TESTING: 1`) or a test runner started (`go test`, `pytest`, `npm test`, `mvn clean test`).
_TEST_FLAG = re.compile(r"(?i)\b(?:is_?)?test(?:ing|_?mode)?[\"']?\s*[:=]\s*[\"']?(?:true|1|yes|on)\b")
_TEST_RUNNER = re.compile(
    r"\b(?:go\s+test|pytest|py\.test|(?:npm|yarn|pnpm)\s+(?:run\s+)?test|mvnw?(?:\s+[\w:.=-]+)*?\s+(?:test|verify)|gradlew?(?:\s+[\w:.=-]+)*?\s+test)\b"
)


def sets_up_tests(line: str) -> bool:
    """The line configures or starts a test run (a Makefile or CI test target's command)."""
    return _TEST_FLAG.search(line) is not None or _TEST_RUNNER.search(line) is not None


def in_test_section(lines: Sequence[str], index: int) -> bool:
    """The line sits (directly) under a top-level `test:` key of a YAML file."""
    parent = _parent_key(lines, index)
    return parent is not None and _TEST_SECTION.match(parent) is not None


# A module-level table of test inputs in code (`TEST_CASES = {`, `MOCK_RESPONSES = [`,
# `test_defaults: dict = {`): the parameters a test suite feeds to the application.
_TEST_DATA_OPEN = re.compile(
    r"^(?:[A-Za-z0-9]+_)*(?:TESTS?|MOCKS?|FAKES?|DUMMY|STUBS?|tests?|mocks?|fakes?|dummy|stubs?)(?:_[A-Za-z0-9]+)*"
    r"\s*(?::[^=]+)?=\s*(?:dict\(|\{|\[)\s*(?:#.*)?$"
)


def in_test_data_block(lines: Sequence[str], index: int, openers: Sequence[int] | None = None) -> bool:
    """The line sits inside a top-level table of test inputs (see _TEST_DATA_OPEN), however
    deeply nested. `openers`: `top_level_lines(lines)`, which a caller asking about many lines
    computes once per file."""
    if not 0 <= index < len(lines) or not lines[index][:1].isspace():
        return False
    at = (openers if openers is not None else top_level_lines(lines))[index]
    return at >= 0 and _TEST_DATA_OPEN.match(lines[at]) is not None


def top_level_lines(lines: Sequence[str]) -> list[int]:
    """For each line, the index of the last unindented, non-blank line before it (-1: none)."""
    out, last = [], -1
    for i, line in enumerate(lines):
        out.append(last)
        if line[:1] and not line[:1].isspace() and line.strip():
            last = i
    return out


def in_development_section(lines: Sequence[str], index: int) -> bool:
    """The line sits (directly) under a top-level `development:` key (Rails' secrets.yml)."""
    parent = _parent_key(lines, index)
    return parent is not None and _DEV_SECTION.match(parent) is not None


# A connection URL or host setting: loopback, or any other host.
_URL_HOST = re.compile(r"(?i)(?:://(?:[^/@\s'\"]*@)?|\bhost(?:name)?\s*[:=]\s*[\"']?)(\[?[A-Za-z0-9_.:-]+?\]?)(?=[:/\s'\",;?]|$)")
_LOOPBACK = frozenset(("localhost", "::1", "0.0.0.0", "host.docker.internal"))


def is_loopback_host(host: str) -> bool:
    """`localhost`, `127.x.y.z`, `[::1]`, `*.localhost`: a service on the reader's own machine."""
    host = host.lower().strip("[]").rstrip(".")
    return host in _LOOPBACK or host.startswith("127.") or host.endswith(".localhost")


def is_one_label_host(host: str) -> bool:
    """`db`, `postgres`, `fhir-server`: a name with no domain, which a container network's DNS
    (Docker's, a CI job's service containers) resolves to a container beside the caller."""
    return _ONE_LABEL_HOST.match(host) is not None


_ONE_LABEL_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_SECTION_LINES = 200


def for_local_service(lines: Sequence[str], index: int) -> bool:
    """The value sits in a top-level YAML section (`spring:`, `database:`) whose connection
    URLs all point at loopback (`jdbc:postgresql://localhost:5432/app`): the credentials of a
    service on a developer's machine, as a local profile writes them. Judged, not gate-failing.
    A section that also names another host, or none at all, is not judged so."""
    if not 0 <= index < len(lines):
        return False
    if not lines[index][:1].isspace():
        return _for_local_service_flat(lines, index)
    start = index
    while start > 0 and start > index - _SECTION_LINES and (lines[start][:1].isspace() or not lines[start].strip() or lines[start].lstrip().startswith("#")):
        start -= 1
    end = index + 1
    while end < len(lines) and end < index + _SECTION_LINES and (lines[end][:1].isspace() or not lines[end].strip() or lines[end].lstrip().startswith("#")):
        end += 1
    hosts = {found.group(1).lower() for line in lines[start:end] if not line.lstrip().startswith("#") for found in _URL_HOST.finditer(line)}
    return bool(hosts) and all(is_loopback_host(host) for host in hosts)


_FLAT_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*(?:\.[\w-]+)+)\s*[=:]")


def _for_local_service_flat(lines: Sequence[str], index: int) -> bool:
    """The same for a flat properties file: the keys that share the value's prefix
    (`spring.datasource.url` beside `spring.datasource.password`) name only loopback hosts."""
    found = _FLAT_KEY.match(lines[index])
    if found is None:
        return False
    prefix = found.group(1).rsplit(".", 1)[0] + "."
    lo, hi = max(0, index - _SECTION_LINES), min(len(lines), index + _SECTION_LINES)
    hosts = {
        host.group(1).lower()
        for line in lines[lo:hi]
        if line.lstrip().startswith(prefix)
        for host in _URL_HOST.finditer(line)
    }
    return bool(hosts) and all(is_loopback_host(host) for host in hosts)


def _parent_key(lines: Sequence[str], index: int) -> str | None:
    """The line of the key an indented line sits under, or None."""
    if not 0 <= index < len(lines):
        return None
    line = lines[index]
    indent = len(line) - len(line.lstrip())
    if indent == 0:
        return None
    for previous in reversed(lines[max(0, index - 200) : index]):
        if not previous.strip() or previous.lstrip().startswith("#"):
            continue
        if len(previous) - len(previous.lstrip()) < indent:
            return previous
    return None


_HOST_PORT = re.compile(r"\[?[\w.:-]*?\]?:(\d+)(?=[/?#\s'\"`,;]|$)")


def impossible_port(string: str, host_at: int) -> bool:
    """The URL's port is above 65535, which no server listens on: a documentation placeholder."""
    found = _HOST_PORT.match(string, host_at)
    return found is not None and int(found.group(1)) > 65535


# Passwords products and tutorials ship as their documented defaults (databases, admin consoles,
# keystores), lower-cased, before any digits or `!` after them.
_DEFAULT_WORDS = frozenset(
    """
    admin administrator password passw0rd pass root toor secret postgres postgresql mysql mariadb
    oracle sa sysadmin system manager guest user test tester demo default changeit letmein welcome
    qwerty superuser super django rails redis mongo mongodb rabbitmq keycloak elastic kibana grafana
    jenkins nexus
    """.split()
)
# One word, capitalised or not, then at most a few digits and one symbol: `Admin123`, `hapi`,
# `openmrs1!`. A credential somebody generated mixes case, digits and symbols inside itself.
_ONE_WORD = re.compile(r"^(?P<word>[A-Za-z][a-z]{1,15})(?P<digits>\d{0,4})[!@#$.]?$")
_COMMON_NUMBERS = frozenset("1234 12345 123456 1234567 12345678 123456789 000000 111111".split())


def is_well_known_default(value: str, around: str = "", path: str = "") -> bool:
    """A well-known default password: a documented default word (`postgres`, `Admin123`,
    `changeit`), or one word that also names the user, database, service or project next to it
    or in the path (`POSTGRES_USER=clinlims ... PASSWORD=clinlims`, `hapi` in hapi-compose.yml).
    `around`: the text near the value (its line and the lines beside it), the value itself
    taken out."""
    v = value.strip().strip("'\"`")
    if v.isdigit():
        return v in _COMMON_NUMBERS
    found = _ONE_WORD.match(v)
    if found is None:
        return False
    word = found.group("word").lower()
    if word in _DEFAULT_WORDS:
        return True
    if len(word) < 4:
        return False
    return word in around.lower() or word in path.lower()


# Words of letters in one case each (`DJANGO_SLSX_CLIENT_SECRET`, `_redirect_uris`, `TenantID`):
# the name of a setting or field. An authorization server issues secrets with digits or mixed case.
_NAME_WORD = r"(?:[a-z]+|[A-Z]+|(?:[A-Z][a-z]+)+[A-Z]{0,2})"
_NAME_SHAPED = re.compile(rf"^_?{_NAME_WORD}(?:[_-]{_NAME_WORD})*$")


def name_shaped(value: str) -> bool:
    # One long run of letters in one case may be generated (base32 without digits): not a name.
    one_run = value.isalpha() and (value.islower() or value.isupper())
    return bool(_NAME_SHAPED.match(value)) and not (one_run and len(value) > 24)
