"""Django settings modules: DEBUG, ALLOWED_HOSTS, HTTPS settings, CORS, e-mail TLS, password hashers.

A settings module is a `settings.py`, any module of a `settings/` package, or a `*settings*.py`
that assigns a Django setting. Each file is judged alone (a detector never reads another file):
values count by their environment default (`pyvalues`), assignments in a developer branch
(`if DEBUG:`, `if ENV == "dev":`) are skipped, and developer, local and test modules
(local.py, dev.py, test_settings.py, ...) are not judged. In a split layout, `base.py` /
`common.py` are overridden by the deployment module, so only the checks that no override makes
safe (a wildcard host, CORS for all origins, a weak hasher) judge them.
"""

from __future__ import annotations

import ast
import re
from typing import Any, Callable, Iterator, Mapping

from hms_policy.detectors.code.frameworks.pyvalues import DEV, UNKNOWN, Assignment, PartialList, module_assignments, overridden, truthy
from hms_policy.detectors.pysource import parse_python
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_DEV_STEM = frozenset(
    "local dev devel develop development test tests testing ci e2e example examples sample samples demo debug localhost "
    "sandbox playground testapp testproject testsite".split()
)
_PROD_STEM = frozenset("prod production deploy deployment live staging release".split())
_BASE_STEM = frozenset("base common defaults default shared core global".split())
_DJANGO_SIGNS = ("INSTALLED_APPS", "ROOT_URLCONF", "MIDDLEWARE", "ALLOWED_HOSTS", "WSGI_APPLICATION", "DJANGO_SETTINGS_MODULE", "from django", "import *")


def _stem_words(path: str) -> set[str]:
    return _words(path.rsplit("/", 1)[-1].rsplit(".", 1)[0])


def _words(name: str) -> set[str]:
    return set(re.split(r"[_\-.]+", name.lower()))


def _kind(doc: Document) -> str | None:
    """"prod", "single", "base" or None (not a settings module, or a developer/test one)."""
    path = doc.path.lower()
    parts = path.split("/")
    in_package = len(parts) > 1 and parts[-2] == "settings" and path.endswith(".py")
    words = _stem_words(path)
    named = parts[-1] == "settings.py" or "settings" in words
    if not (named or in_package):
        return None
    if words & _DEV_STEM or any(_words(p) & _DEV_STEM for p in parts[:-1]):  # test_project/, demo-site/
        return None
    text = doc.text
    if not any(sign in text for sign in _DJANGO_SIGNS):
        return None
    if words & _PROD_STEM:
        return "prod"
    if words & _BASE_STEM or (in_package and parts[-1] != "settings.py"):
        return "base"
    return "single"


def _settings(doc: Document) -> tuple[str, list[Assignment]] | None:
    def compute() -> tuple[str, list[Assignment]] | None:
        kind = _kind(doc)
        if kind is None:
            return None
        tree = parse_python(doc)
        return (kind, module_assignments(tree)) if tree is not None else None

    result: tuple[str, list[Assignment]] | None = doc.memo("django:settings", compute)
    return result


def is_settings_module(doc: Document) -> bool:
    """A Django settings module of any kind, developer and test ones included."""
    path = doc.path.lower()
    parts = path.split("/")
    named = parts[-1] == "settings.py" or "settings" in _stem_words(path) or len(parts) > 1 and parts[-2] == "settings"
    return named and any(sign in doc.text for sign in _DJANGO_SIGNS)


def _live(assignments: list[Assignment], name: str) -> list[Assignment]:
    """Assignments of `name` outside developer branches."""
    return [a for a in assignments if a.name == name and a.branch != DEV]


def _bad(assignments: list[Assignment], name: str, bad: Callable[[Any], bool]) -> Iterator[Assignment]:
    """Live assignments of a bad value that no later production assignment replaces."""
    for a in _live(assignments, name):
        if bad(a.value) and not overridden(a, assignments, bad):
            yield a


def debug_enabled(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    found = _settings(doc)
    if found is None or found[0] == "base":
        return  # a base module's DEBUG is what the deployment module overrides
    for a in _bad(found[1], "DEBUG", lambda v: truthy(v) is True):
        yield Match(LineSpan.at(a.line), key="DEBUG", context={"setting": "DEBUG = True"})


def allowed_hosts_wildcard(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    found = _settings(doc)
    if found is None:
        return
    for a in _bad(found[1], "ALLOWED_HOSTS", _wildcard):
        yield Match(LineSpan.at(a.line), key="ALLOWED_HOSTS", context={"setting": "ALLOWED_HOSTS contains '*'"})


def cors_allow_all(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    found = _settings(doc)
    if found is None:
        return
    for name in ("CORS_ORIGIN_ALLOW_ALL", "CORS_ALLOW_ALL_ORIGINS"):
        for a in _bad(found[1], name, lambda v: truthy(v) is True):
            yield Match(LineSpan.at(a.line), key=name, context={"setting": f"{name} = True"})


_HTTPS_SETTINGS = ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS")


def https_settings_off(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Explicitly off in a deployment or single settings module; absent only in a deployment
    module that stands alone (no star import it could inherit the setting from)."""
    found = _settings(doc)
    if found is None or found[0] == "base":
        return
    kind, assignments = found
    for name in _HTTPS_SETTINGS:
        every = [a for a in assignments if a.name == name]
        off = _hsts_off if name == "SECURE_HSTS_SECONDS" else _flag_off
        for a in _bad(assignments, name, off):
            yield Match(LineSpan.at(a.line), key=name, context={"setting": f"{name} is off"})
        if not every and kind == "prod" and not _star_import(doc):
            yield Match(LineSpan.at(1), key=f"{name}:absent", context={"setting": f"{name} is not set (Django's default is off)"}, confidence=0.6)


def _wildcard(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and "*" in value or value == "*"


def _flag_off(value: Any) -> bool:
    return truthy(value) is False


def _hsts_off(value: Any) -> bool:
    return _positive(value) is False


def _positive(value: Any) -> bool | None:
    if value is UNKNOWN or isinstance(value, PartialList):
        return None
    try:
        return int(value) > 0
    except (TypeError, ValueError):
        return None


def _star_import(doc: Document) -> bool:
    tree = parse_python(doc)
    return tree is not None and any(isinstance(s, ast.ImportFrom) and any(n.name == "*" for n in s.names) for s in ast.walk(tree))


_LOCAL_HOSTS = re.compile(r"^(?:localhost|127\.\d+\.\d+\.\d+|::1|0\.0\.0\.0|mailhog|mailpit|maildev|smtp4dev|mailcatcher|mail|smtp|postfix|[\w-]+\.local|[\w.-]+\.(?:test|example|invalid|localhost))$", re.I)


def email_without_tls(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """EMAIL_USE_TLS and EMAIL_USE_SSL both off while EMAIL_HOST names a remote server."""
    found = _settings(doc)
    if found is None or found[0] == "base" and not _sets(found[1], "EMAIL_HOST"):
        return
    assignments = found[1]
    hosts = [a for a in _live(assignments, "EMAIL_HOST") if isinstance(a.value, str) and a.value.strip()]
    if not hosts or any(_LOCAL_HOSTS.match(h.value.strip()) for h in hosts):
        return
    if any(_backend_not_smtp(a.value) for a in _live(assignments, "EMAIL_BACKEND")):
        return
    flags = {name: [truthy(a.value) for a in _live(assignments, name)] for name in ("EMAIL_USE_TLS", "EMAIL_USE_SSL")}
    if any(v is not False for values in flags.values() for v in values):
        return  # on somewhere, or read from the environment without a default
    if any(a.branch == DEV for a in assignments if a.name in flags):
        return
    yield Match(LineSpan.at(hosts[-1].line), key="EMAIL_HOST", context={"setting": "EMAIL_USE_TLS and EMAIL_USE_SSL are off"})


def _sets(assignments: list[Assignment], name: str) -> bool:
    return any(a.name == name for a in assignments)


def _backend_not_smtp(value: Any) -> bool:
    return isinstance(value, str) and "smtp" not in value.lower()


_WEAK_HASHERS = re.compile(r"(?:^|\.)(?:MD5PasswordHasher|UnsaltedMD5PasswordHasher|SHA1PasswordHasher|UnsaltedSHA1PasswordHasher|CryptPasswordHasher)$")


def weak_password_hasher(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """A weak hasher first in PASSWORD_HASHERS: new passwords are stored with it. (Later entries
    only verify old hashes, which is how Django upgrades them.)"""
    found = _settings(doc)
    if found is None:
        return
    for a in _bad(found[1], "PASSWORD_HASHERS", _weak_first):
        yield Match(LineSpan.at(a.line), key="PASSWORD_HASHERS", context={"setting": a.value[0].rsplit(".", 1)[-1]})


def _weak_first(value: Any) -> bool:
    whole = isinstance(value, (list, tuple)) and not isinstance(value, PartialList) and bool(value)
    return whole and isinstance(value[0], str) and _WEAK_HASHERS.search(value[0]) is not None


__all__ = ["allowed_hosts_wildcard", "cors_allow_all", "debug_enabled", "email_without_tls", "https_settings_off", "is_settings_module", "weak_password_hasher"]
