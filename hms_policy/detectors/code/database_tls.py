"""Database connections configured without TLS (`sslmode=disable`, `useSSL=false`, `ssl=false`).

TLS protects a connection that crosses a network. Two connections never do, and are not
reported:

* to the machine's own loopback interface (`@localhost`, `host=127.0.0.1`, `[::1]`);
* to a container on a local Docker network: a one-label host (`@db:5432`) written in a compose
  file, or on a line that runs a command in the stack (`docker run --network ...`,
  `docker compose exec ...`, `docker exec ...`). Docker's embedded DNS resolves it to a container
  on a bridge network of the same machine. The same name in a Kubernetes manifest or an
  application setting is a cluster or network service, and is still reported.

Nor is a setting made only for a test run: the line sits in a branch whose condition names the
tests (`if isTesting {`, `if settings.TESTING:`, `if (process.env.NODE_ENV === 'test')`).
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.model import LineSpan, Match, TargetKind
from hms_policy.secrets.values import is_loopback_host, is_one_label_host
from hms_policy.targets.document import Document

_TLS_OFF = re.compile(
    r"(?i)\bssl_?mode\s*[=:]\s*[\"']?disable\b|\bsslmode=disable\b|\buseSSL=false\b"
    r"|\bssl\s*[=:]\s*[\"']?false\b.*(?:postgres|mysql|jdbc|database|db_)"
    r"|(?:postgres|mysql|jdbc|database|db_).*\bssl\s*[=:]\s*[\"']?false\b"
)
# The host of a URL (`scheme://user:pw@host:port`, `jdbc:mysql://host/db`) or a `host=` setting.
_HOST = re.compile(
    r"(?i)(?://(?:[^@/\s\"']*@)?|\bhost(?:name)?\s*[=:]\s*[\"']?)(\[[0-9a-f:]+\]|[a-z0-9_.-]+)"
)
# A command run in a container of a local Docker network: `docker run --network NET`, or
# `docker compose exec|run SERVICE` and `docker exec` (inside the stack's own containers).
_DOCKER_NETWORK = re.compile(r"\bdocker\b.*\s--net(?:work)?[=\s]+\S+|\b(?:docker-compose|docker\s+compose)\s+(?:\S+\s+)*?(?:exec|run)\b|\bdocker\s+exec\b")


# Every form of _TLS_OFF spells "ssl": one search of the whole text spares the per-line search
# of the many files that never mention it (on openstack/nova that search was 4% of the scan).
_MENTIONS_SSL = re.compile(r"(?i)ssl")


def database_tls_disabled(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    if not doc.streamed and not doc.file.is_gzip and _MENTIONS_SSL.search(doc.text) is None:
        return
    compose = doc.file.kind == TargetKind.COMPOSE
    for number, text in doc.iter_lines():
        if not _TLS_OFF.search(text):
            continue
        hosts = [found.group(1).lower() for found in _HOST.finditer(text)]
        if hosts and all(_stays_local(host, text, compose) for host in hosts):
            continue
        if _in_test_branch(doc, number, text):
            continue
        yield Match(LineSpan.at(number))


# A branch taken only in a test run: `if isTesting {`, `if os.Getenv("IS_TESTING") == "true" {`,
# `if settings.TESTING:`, `if (env === 'test')`, `elif ENV == "test":`.
_TEST_BRANCH = re.compile(
    r"""(?i)^\s*(?:\}\s*)?(?:else\s+)?(?:if|elif|when)\b.*(?:\b(?:is_?)?test(?:ing|_?mode|_?env)?\b|["']test(?:ing)?["'])"""
)
_LOOKBACK = 3


def _in_test_branch(doc: Document, number: int, text: str) -> bool:
    """The nearest line above, less indented, opens a branch whose condition names the tests."""
    indent = len(text) - len(text.lstrip())
    for above in range(number - 1, max(0, number - 1 - _LOOKBACK), -1):
        line = doc.line(above)
        if not line.strip():
            continue
        if len(line) - len(line.lstrip()) < indent:
            return _TEST_BRANCH.match(line) is not None
    return False


def _stays_local(host: str, line: str, compose: bool) -> bool:
    if is_loopback_host(host):
        return True
    return is_one_label_host(host) and (compose or _DOCKER_NETWORK.search(line) is not None)
