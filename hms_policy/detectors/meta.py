"""Meta rules: findings about the scanner's own exceptions (inline suppression directives).

The snippet of a meta finding shows the directive's comment only: the code before it on the
same line is masked, since it may hold the very secret the directive tries to silence.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from hms_policy.engine.suppress import (
    AUDIT_MEMO_KEY,
    Audit,
    Directive,
    directives_of,
    unused_directives,
)
from hms_policy.model import LineSpan, Match, Redaction
from hms_policy.targets.document import Document


def _match(directive: Directive, key: str, context: dict[str, str]) -> Match:
    redactions = (Redaction(directive.line, 0, directive.comment_start, "code"),) if directive.comment_start else ()
    return Match(LineSpan.at(directive.line), key=key, redactions=redactions, context=context)


def invalid_suppression(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Directives that suppress nothing because they lack rule ids, a reason or a valid date."""
    for directive in directives_of(doc):
        if directive.problem is not None:
            ids = ",".join(directive.rule_ids) or "all rules"
            yield _match(directive, f"invalid:{ids}", {"problem": directive.problem, "rules": ids})


def unused_suppression(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Directives that cover no finding of a rule they name. The engine runs this after every
    other rule of the document and leaves what they found in the memo; outside a scan (no
    audit recorded) nothing can be judged, so nothing is reported."""
    audit = doc.memo(AUDIT_MEMO_KEY, lambda: None)
    if not isinstance(audit, Audit):
        return
    for directive, idle in unused_directives(directives_of(doc), audit):
        ids = ",".join(idle)
        yield _match(directive, f"unused:{ids}", {"rules": ids})
