"""bandit's checks, run in-process through its API: once per Python document, shared by
every PY rule that maps bandit test ids (`hms.python.bandit`).

* All of bandit's tests run in one AST walk (`BanditNodeVisitor` over the document's bytes,
  the way `BanditManager` drives it for a file); each rule then keeps the test ids it maps.
  The loaded test set is built once per process.
* `# nosec` keeps working with bandit's own semantics (bare, or naming test ids or names, on
  the issue's line or any line of its statement), but a nosec'd issue is not dropped: it is
  handed on with `extra["nosec"]` so the engine records it as a suppressed finding of kind
  "nosec" that an auditor can see.
* Nothing bandit writes about an issue is passed on (its text quotes the code, and for the
  hard-coded-password tests the password itself): only the test id, name, position,
  severity and confidence.
* bandit is imported only when a Python document meets a rule that needs it.
"""

from __future__ import annotations

import io
import logging
import re
import tokenize
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, Mapping

from hms_policy.engine.registry import DetectorUnavailable
from hms_policy.model import LineSpan, Match, Redaction
from hms_policy.targets.document import Document

MEMO_KEY = "bandit:issues"
_RANKS = {"UNDEFINED": 0, "LOW": 1, "MEDIUM": 2, "HIGH": 3}


class BanditUnavailable(Exception):
    """bandit is not installed or its API changed."""


@dataclass(frozen=True, slots=True)
class BanditIssue:
    test_id: str  # "B602"
    test_name: str  # "subprocess_popen_with_shell_equals_true"
    line: int
    end_line: int
    severity: str  # LOW | MEDIUM | HIGH
    confidence: str
    nosec: str | None  # why `# nosec` silences it, or None


@lru_cache(maxsize=1)
def _testset() -> Any:
    try:
        from bandit.core import config as b_config
        from bandit.core import test_set as b_test_set
    except ImportError as exc:
        raise BanditUnavailable(f"bandit is not installed ({exc.name})") from None
    # bandit logs through `logging`; with no handler of its own those lines would reach
    # the terminal through logging's last-resort handler.
    logging.getLogger("bandit").addHandler(logging.NullHandler())
    return b_test_set.BanditTestSet(b_config.BanditConfig(), profile={})


def _nosec_lines(source: bytes) -> dict[int, set[str]]:
    """line -> test ids named by a `# nosec` comment (empty set: a bare nosec)."""
    from bandit.core.manager import _parse_nosec_comment

    out: dict[int, set[str]] = {}
    if b"nosec" not in source:
        return out
    try:
        for token in tokenize.tokenize(io.BytesIO(source).readline):
            if token.type == tokenize.COMMENT and "nosec" in token.string:
                tests = _parse_nosec_comment(token.string)
                if tests is not None:
                    out[token.start[0]] = set(tests)
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError):
        pass
    return out


def _nosec_reason(issue: Any, nosec: dict[int, set[str]], lines: list[str]) -> str | None:
    """bandit's rule: a nosec on the issue's line or on any line of its statement; a bare
    nosec silences every test, a listed one only the tests it names."""
    where = [issue.lineno, *[n for n in issue.linerange if n != issue.lineno]]
    for number in where:
        tests = nosec.get(number)
        if tests is None:
            continue
        if tests and issue.test_id not in tests:
            continue
        text = lines[number - 1] if 0 < number <= len(lines) else ""
        comment = text[text.find("#") :].strip() if "#" in text else "# nosec"
        return f"bandit {comment[:120]}"
    return None


def bandit_issues(doc: Document) -> list[BanditIssue]:
    """Every bandit issue of the document (memoised); [] when it does not parse (the
    parse error is recorded once, by `pysource.parse_python`)."""

    def compute() -> list[BanditIssue]:
        from hms_policy.detectors.pysource import parse_python

        if parse_python(doc) is None:
            return []
        return _run(doc)

    issues: list[BanditIssue] = doc.memo(MEMO_KEY, compute)
    return issues


def _run(doc: Document) -> list[BanditIssue]:
    testset = _testset()
    from bandit.core import meta_ast, metrics, node_visitor

    source = doc.text.encode("utf-8")
    visitor = node_visitor.BanditNodeVisitor(
        doc.path, io.BytesIO(source), meta_ast.BanditMetaAst(), testset, False, {}, metrics.Metrics()
    )
    visitor.process(source)
    nosec = _nosec_lines(source)
    lines = doc.lines
    out = []
    for issue in visitor.tester.results:
        linerange = [n for n in (issue.linerange or []) if isinstance(n, int) and n > 0]
        line = issue.lineno or (linerange[0] if linerange else 1)
        out.append(
            BanditIssue(
                test_id=str(issue.test_id),
                test_name=str(issue.test or ""),
                line=line,
                end_line=max([line, *linerange]),
                severity=str(issue.severity),
                confidence=str(issue.confidence),
                nosec=_nosec_reason(issue, nosec, lines),
            )
        )
    return out


def rank(level: str) -> int:
    return _RANKS.get(level.upper(), 0)


_CONFIDENCE = {"LOW": 0.3, "MEDIUM": 0.6, "HIGH": 0.9}
# String literals that are names or placeholders, not credentials.
_PLACEHOLDER = re.compile(
    r"^(?:changeme|change_me|changeit|xxx+|\*+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%\([^)]*\)s|dummy|example|placeholder"
    r"|your[_-]?\w*|todo|tbd|none|null|n/a|redacted|masked)$",
    re.I,
)
_KEYWORD = re.compile(r"pass|pwd|secret|token|key|auth|credential", re.I)
# A field or setting name: no digits, one case (or camelCase): "password", "DB_PASSWORD", "apiToken".
_NAME_LIKE = re.compile(r"^(?:[a-z_][a-z_.-]*|[A-Z_][A-Z_.-]*|[a-z]+(?:[A-Z][a-z]+)+)$")


def _placeholder(literal: str) -> bool:
    """A quoted literal (prefix and quotes included) that holds a name or a placeholder."""
    body = literal.lstrip("rbuRBUfF")[1:-1].strip("'\"") if len(literal) >= 2 else ""
    if len(body) < 4 or _PLACEHOLDER.match(body):
        return True
    return bool(_NAME_LIKE.match(body) and _KEYWORD.search(body))  # "password", "api_token"


def bandit_checks(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """The detector PY rules name as `hms.python.bandit`.

    params:
      tests            bandit test ids this rule reports (B105, B602, ...)
      min_confidence   LOW | MEDIUM | HIGH: drop issues bandit is less sure of (default LOW)
      min_severity     LOW | MEDIUM | HIGH: drop issues bandit rates lower (default LOW)
      mask_strings     mask every string literal in the snippet (for hard-coded secrets)
    """
    from hms_policy.detectors.pysource import scope_at, string_spans

    wanted = {str(t).upper() for t in params.get("tests") or ()}
    min_confidence = rank(str(params.get("min_confidence", "LOW")))
    min_severity = rank(str(params.get("min_severity", "LOW")))
    mask = bool(params.get("mask_strings"))
    try:
        issues = bandit_issues(doc)
    except BanditUnavailable as exc:
        raise DetectorUnavailable(str(exc)) from None
    for issue in issues:
        if issue.test_id not in wanted or rank(issue.confidence) < min_confidence or rank(issue.severity) < min_severity:
            continue
        # The issue's own line: bandit's line range for some tests is a whole function.
        end = issue.line
        redactions: tuple[Redaction, ...] = ()
        if mask:
            spans = string_spans(doc).get(issue.line, [])
            line_text = doc.line(issue.line)
            if spans and all(_placeholder(line_text[a:b]) for a, b in spans):
                continue  # `password_field = "password"`, `token = "<token>"`: not a credential
            redactions = tuple(Redaction(issue.line, a, b, "secret") for a, b in spans)
        extra: dict[str, Any] = {"bandit_test": issue.test_id, "bandit_severity": issue.severity.lower()}
        if issue.nosec is not None:
            extra["nosec"] = issue.nosec
        yield Match(
            LineSpan(issue.line, end),
            key=f"{issue.test_id}:{scope_at(doc, issue.line)}",
            redactions=redactions,
            confidence=_CONFIDENCE.get(issue.confidence.upper()),
            context={"test_id": issue.test_id, "test_name": issue.test_name},
            extra=extra,
        )
