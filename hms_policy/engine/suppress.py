"""Inline suppression directives, in whatever comment syntax the file has:

    storage_encrypted = false  # hms-policy: ignore[TF101] reason="dev sandbox, no PHI"
    // hms-policy: ignore-next-line[SEC001,SEC002] reason="vendor example key" until=2027-06-30
    <!-- hms-policy: ignore[PHI001] reason="synthetic record, marked as such" -->

Where a directive applies:
  * its own line, and the next line when it stands alone on its line or says
    `ignore-next-line`;
  * in Terraform, Kubernetes, CloudFormation and compose files, also the whole block it sits
    in (or, standing alone, the block that starts on the next line): every finding whose
    entity is that block's resource or object (checkov style).

What is enforced, so that every exception is visible and justified:
  * rule ids and a `reason="..."` are required. A directive without them suppresses nothing
    and is itself a finding of META001 (invalid-suppression), as is an unreadable `until`;
  * after `until=YYYY-MM-DD` a directive no longer suppresses; the finding it covered says
    that its suppression expired;
  * a directive that covers no finding of a rule it names is a finding of META002
    (unused-suppression), judged only for rules that ran on the file in this scan (a
    `--policy gdpr` run cannot call a Terraform-only exception unused). A directive never
    silences the report about itself: an exception cannot vouch for itself.
Suppressed findings stay in the report, marked, with their reason.

Project settings may also ignore a rule for some paths (`ignore = [{rule, paths, reason,
until}]`, suppression kind "config"; see `apply_config_ignores`).

Only text inside a comment counts: `#`, `//`, `/* */` (and `*` continuation lines), `<!-- -->`,
`--`, `;` and `%` comments; in Markdown and reStructuredText only `<!-- -->` and `..` comments,
so prose and code spans that explain directives are not directives.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from hms_policy.model import Finding, Suppression

if TYPE_CHECKING:
    from hms_policy.targets.document import Document

META_INVALID = "META001"
META_UNUSED = "META002"
# Detectors that judge the other rules' results: the engine runs them after every other rule
# of a document and hands them an `Audit` through the document memo (AUDIT_MEMO_KEY).
AUDIT_DETECTORS = frozenset({"hms.meta.unused_suppression"})
AUDIT_MEMO_KEY = "hms.suppress.audit"
DIRECTIVES_MEMO_KEY = "hms.suppress.directives"

DIRECTIVE = re.compile(
    r"hms-policy:\s*(?P<verb>ignore(?:-next-line)?)\b\s*(?:\[(?P<ids>[^\]]*)\])?"
    r"(?P<rest>(?:\s+[a-z_]+=(?:\"[^\"]*\"|'[^']*'|[^\s\"']\S*))*)"
)
_OPTION = re.compile(r"([a-z_]+)=(\"[^\"]*\"|'[^']*'|\S+)")
_RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*[A-Z][0-9]{3}$")
_COMMENT_OPENERS = ("#", "//", "/*", "<!--", "--", ";", "%")
_DOC_SUFFIXES = (".md", ".markdown", ".mdx", ".rst", ".adoc", ".txt")
_DOC_OPENERS = ("<!--",)
_BLOCK_KINDS = frozenset({"terraform", "kubernetes", "cloudformation", "compose"})


@dataclass(frozen=True, slots=True)
class Directive:
    line: int  # where the directive is written
    covers: tuple[int, ...]  # lines it applies to
    rule_ids: tuple[str, ...]  # empty is rejected: ids are required
    reason: str
    until: _dt.date | None
    problem: str | None  # why the directive is invalid, if it is
    comment_start: int = 0  # column where the comment holding it begins
    entities: tuple[str, ...] = ()  # blocks it covers (Terraform resources, Kubernetes objects)

    @property
    def valid(self) -> bool:
        return self.problem is None

    def applies(self, rule_id: str, line: int, entity: str | None = None) -> bool:
        if rule_id not in self.rule_ids:
            return False
        if line in self.covers:
            return True
        return entity is not None and any(entity == e or entity.startswith(e + "/") for e in self.entities)

    def expired(self, today: _dt.date) -> bool:
        return self.until is not None and today > self.until


def directives_of(doc: Document) -> list[Directive]:
    """The directives of a document, parsed once (memoised on the document), with the blocks
    they cover attached for block-structured kinds."""

    def compute() -> list[Directive]:
        if doc.streamed or "hms-policy:" not in doc.text:
            return []
        found = parse_directives(doc.iter_lines(), doc.path)
        if found and doc.kind.value in _BLOCK_KINDS:
            found = attach_blocks(found, doc.kind.value, ((n.ref, n.span.start, n.span.end) for n in doc.nodes))
        return found

    directives: list[Directive] = doc.memo(DIRECTIVES_MEMO_KEY, compute)
    return directives


def parse_directives(lines: Iterable[tuple[int, str]], path: str = "") -> list[Directive]:
    """Every directive written in a comment, valid or not (invalid ones carry `problem`)."""
    openers = _DOC_OPENERS if path.lower().endswith(_DOC_SUFFIXES) else _COMMENT_OPENERS
    out: list[Directive] = []
    for number, text in lines:
        if "hms-policy:" not in text:
            continue
        found = DIRECTIVE.search(text)
        if not found:
            continue
        before = text[: found.start()]
        comment_start = _comment_start(before, openers, path)
        if comment_start is None:
            continue  # prose, a string literal or a code span that mentions a directive
        out.append(_directive(number, text, found, comment_start))
    return out


def _comment_start(before: str, openers: Sequence[str], path: str) -> int | None:
    if before.count("`") % 2 == 1:
        return None  # inside a Markdown code span: documentation, not a directive
    positions = [before.find(o) for o in openers if o in before]
    if path.lower().endswith(".rst") and before.lstrip().startswith(".."):
        positions.append(before.find(".."))
    stripped = before.lstrip()
    if stripped.startswith("*") and openers is _COMMENT_OPENERS:  # a /* ... */ continuation line
        positions.append(len(before) - len(stripped))
    return min(positions) if positions else None


def _directive(number: int, text: str, found: re.Match[str], comment_start: int) -> Directive:
    options = {k: v.strip("\"'") for k, v in _OPTION.findall(found.group("rest") or "")}
    raw_ids = found.group("ids")
    ids = tuple(dict.fromkeys(i.strip().upper() for i in (raw_ids or "").split(",") if i.strip()))
    code_before = text[:comment_start].strip()
    standalone = not code_before
    covers = (number, number + 1) if standalone or found.group("verb") == "ignore-next-line" else (number,)
    problem = None
    until = None
    if not ids:
        problem = "names no rule ids (write ignore[RULE_ID]; a blanket ignore is not accepted)"
    elif bad := [i for i in ids if not _RULE_ID.match(i)]:
        problem = f"names {', '.join(bad)}, which is not a rule id"
    elif not options.get("reason", "").strip():
        problem = 'gives no reason (add reason="why this exception is acceptable")'
    if "until" in options:
        try:
            until = _dt.date.fromisoformat(options["until"])
        except ValueError:
            problem = problem or "has an until= that is not a YYYY-MM-DD date"
    return Directive(number, covers, ids, options.get("reason", "").strip(), until, problem, comment_start)


def attach_blocks(directives: Sequence[Directive], kind: str, blocks: Iterable[tuple[str, int, int]]) -> list[Directive]:
    """Directives that sit inside a block (ref, first line, last line), or stand alone on the
    line before it, also cover that block's entity. Only for block-structured kinds."""
    if kind not in _BLOCK_KINDS or not directives:
        return list(directives)
    spans = list(blocks)
    out = []
    for directive in directives:
        standalone = len(directive.covers) == 2
        refs = tuple(
            ref
            for ref, start, end in spans
            if start <= directive.line <= end or (standalone and directive.line + 1 == start)
        )
        # The innermost block wins when blocks nest (a Kubernetes List and its items).
        if len(refs) > 1:
            inner = min((s for s in spans if s[0] in refs), key=lambda s: s[2] - s[1])
            refs = (inner[0],)
        out.append(dataclasses.replace(directive, entities=refs) if refs else directive)
    return out


@dataclass(frozen=True, slots=True)
class Verdict:
    """How the directives of a file treat one finding."""

    reason: str | None = None  # set when suppressed
    until: _dt.date | None = None  # the active suppression's expiry
    expired: _dt.date | None = None  # a matching directive's `until` that has passed
    used: tuple[int, ...] = ()  # lines of every valid directive that matched


def judge(rule_id: str, line: int, entity: str | None, directives: Iterable[Directive], today: _dt.date) -> Verdict:
    reason: str | None = None
    until: _dt.date | None = None
    expired: _dt.date | None = None
    used = []
    for directive in directives:
        if not directive.valid or not directive.applies(rule_id, line, entity):
            continue
        if rule_id in (META_INVALID, META_UNUSED) and directive.line == line:
            continue  # an exception cannot vouch for itself
        used.append(directive.line)
        if directive.expired(today):
            expired = max(expired, directive.until) if expired and directive.until else directive.until
        elif reason is None:
            reason, until = directive.reason, directive.until
    return Verdict(reason, until, None if reason is not None else expired, tuple(used))


@dataclass(frozen=True, slots=True)
class Audit:
    """What the engine knows about a document once every other rule has run on it."""

    judged: frozenset[str]  # rule ids that ran on this document without error
    hits: tuple[tuple[str, int, str | None], ...]  # (rule id, line, entity) of each finding


def unused_directives(directives: Sequence[Directive], audit: Audit) -> list[tuple[Directive, tuple[str, ...]]]:
    """(directive, the judged rule ids it names that it suppressed nothing of)."""
    reports: list[tuple[Directive, tuple[str, ...]]] = []
    # Pass 1: every rule but META002 itself.
    for directive in directives:
        if not directive.valid:
            continue
        idle = tuple(
            rule_id
            for rule_id in directive.rule_ids
            if rule_id != META_UNUSED
            and rule_id in audit.judged
            and not any(h[0] == rule_id and directive.applies(rule_id, h[1], h[2]) for h in audit.hits)
        )
        if idle:
            reports.append((directive, idle))
    # Pass 2: a directive naming META002 is used when it covers another directive's report.
    if META_UNUSED in audit.judged:
        reported_lines = {d.line for d, _ in reports}
        for directive in directives:
            if not directive.valid or META_UNUSED not in directive.rule_ids:
                continue
            if any(line != directive.line and line in directive.covers for line in reported_lines):
                continue
            previous = next((i for i, (d, _) in enumerate(reports) if d is directive), None)
            if previous is None:
                reports.append((directive, (META_UNUSED,)))
            else:
                reports[previous] = (directive, (*reports[previous][1], META_UNUSED))
    return sorted(reports, key=lambda r: r[0].line)


# ---- config-level ignores ----------------------------------------------------------------


def apply_config_ignores(findings: Sequence[Finding], entries: Sequence[Mapping[str, Any]], today: _dt.date) -> list[Finding]:
    """`ignore = [{rule = "TF201", paths = ["sandbox/**"], reason = "...", until = "2027-06-30"}]`
    from the project settings (schema-checked: rule and reason required): matching findings
    are suppressed with kind "config"; without `paths` an entry covers every file; after
    `until` it no longer suppresses and the finding says so. Already suppressed findings keep
    their own exception."""
    if not entries:
        return list(findings)
    import pathspec

    compiled = []
    for entry in entries:
        paths = entry.get("paths") or []
        spec = pathspec.GitIgnoreSpec.from_lines(paths) if paths else None
        try:
            until = _dt.date.fromisoformat(entry["until"]) if entry.get("until") else None
        except ValueError:
            from hms_policy.errors import ConfigError

            raise ConfigError(f"ignore: until for {entry['rule']} is not a YYYY-MM-DD date") from None
        compiled.append((str(entry["rule"]).upper(), spec, str(entry["reason"]), until))
    out = []
    for finding in findings:
        if not finding.suppressed:
            for rule_id, spec, reason, until in compiled:
                if rule_id != finding.rule_id or (spec is not None and not spec.match_file(finding.path)):
                    continue
                if until is not None and today > until:
                    if "suppression_expired" not in finding.extra:
                        finding = dataclasses.replace(
                            finding,
                            message=f"{finding.message} (its configured ignore expired on {until.isoformat()})",
                            extra={**finding.extra, "suppression_expired": until.isoformat()},
                        )
                    continue
                finding = dataclasses.replace(
                    finding, suppressed=True, suppression=Suppression("config", reason, until.isoformat() if until else None)
                )
                break
        out.append(finding)
    return out
