"""Inline suppression directives, in whatever comment syntax the file has:

    storage_encrypted = false  # hms-policy: ignore[TF101] reason="dev sandbox, no PHI"
    // hms-policy: ignore-next-line[SEC001,SEC002] reason="vendor example key" until=2027-06-30

A directive covers its own line and, when it stands alone on its line (or says
`ignore-next-line`), the next line. A reason is required; an expired `until` no longer
suppresses. Suppressed findings stay in the report, marked, with their reason.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Iterable

DIRECTIVE = re.compile(
    r"hms-policy:\s*(?P<verb>ignore(?:-next-line)?)\s*(?:\[(?P<ids>[^\]]*)\])?"
    r"(?P<rest>(?:\s+[a-z_]+=(?:\"[^\"]*\"|'[^']*'|\S+))*)"
)
_OPTION = re.compile(r"([a-z_]+)=(\"[^\"]*\"|'[^']*'|\S+)")
_COMMENT_ONLY = re.compile(r"^\s*(?:#|//|/\*|<!--|--|;|\*)")


@dataclass(frozen=True, slots=True)
class Directive:
    line: int  # where the directive is written
    covers: tuple[int, ...]  # lines it applies to
    rule_ids: tuple[str, ...]  # empty means "all rules" (rejected: a reason and ids are required)
    reason: str
    until: _dt.date | None
    problem: str | None  # why the directive is invalid, if it is

    def applies(self, rule_id: str, line: int) -> bool:
        return line in self.covers and (rule_id in self.rule_ids)

    def expired(self, today: _dt.date) -> bool:
        return self.until is not None and today > self.until


def parse_directives(lines: Iterable[tuple[int, str]]) -> list[Directive]:
    out: list[Directive] = []
    for number, text in lines:
        if "hms-policy:" not in text:
            continue
        found = DIRECTIVE.search(text)
        if not found:
            continue
        options = {k: v.strip("\"'") for k, v in _OPTION.findall(found.group("rest") or "")}
        ids = tuple(i.strip().upper() for i in (found.group("ids") or "").split(",") if i.strip())
        standalone = bool(_COMMENT_ONLY.match(text[: found.start()] + "#")) and not text[: found.start()].strip(" \t#/*-<!;")
        covers = (number, number + 1) if standalone or found.group("verb") == "ignore-next-line" else (number,)
        problem = None
        until = None
        if not ids:
            problem = "a suppression must name the rule ids it silences, e.g. ignore[TF101]"
        elif not options.get("reason", "").strip():
            problem = 'a suppression needs a reason="..."'
        if "until" in options:
            try:
                until = _dt.date.fromisoformat(options["until"])
            except ValueError:
                problem = problem or f"until={options['until']!r} is not a date (YYYY-MM-DD)"
        out.append(Directive(number, covers, ids, options.get("reason", ""), until, problem))
    return out
