"""Free text, log lines and single values: the PHI detector finds the identifiers, this
module writes their substitutes in place and leaves every other character as it was.

A record's names, once known from its structured fields, are also replaced where its free
text mentions them (`notes: "Meera reports..."`). A name that is also a common word (`Hope`,
`Will`) is replaced there only next to another of the record's names or after a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from hms_policy.deidentify.engine import Engine
from hms_policy.detectors.phi.formats import FORMATS, PHONE_TYPES
from hms_policy.detectors.phi.line import Hit, LineContext, analyse

# Detector types that are clinical content or derived, not identifiers to replace.
_SKIP = frozenset({"phi_in_url"})
_AGE = re.compile(
    r"(?i)\b(?:(\d{2,3})(?=[- ](?:years?|yrs?)[- ]old\b|\s?(?:y/?o|yo)\b)|(?<=\baged )(\d{2,3})\b|(?<=\bage: )(\d{2,3})\b|(?<=\bage )(\d{2,3})\b)"
)
_COMMON_WORDS = frozenset(
    ["hope", "will", "bill", "mark", "pat", "sue", "art", "frank", "grant", "dawn", "rich", "drew", "gene", "max", "may", "june", "april", "august", "summer", "autumn", "joy", "faith", "grace", "rose", "lily", "ivy", "iris", "amber", "ruby", "pearl", "crystal", "sky", "river", "ray", "rob", "guy", "jack", "sandy", "rusty", "king", "young", "white", "black", "brown", "green", "gray", "grey", "long", "short", "bell", "hall", "wood", "stone", "page", "wells", "cook", "baker", "mason", "carter", "miller", "price", "rice", "hunter", "fisher", "ward", "bishop", "bond", "chance"]
)
_TITLE_BEFORE = re.compile(r"(?i)\b(?:mr|mrs|ms|miss|dr|mx|prof)\.?\s+$")


@dataclass(slots=True)
class RecordNames:
    """Name words of the current record and their substitutes."""

    words: dict[str, str] = field(default_factory=dict)

    def add(self, original: str, substitute: str) -> None:
        o = original.split()
        s = substitute.split()
        if len(o) == len(s):
            for a, b in zip(o, s):
                a = a.strip(",.")
                if len(a) >= 2 and a[0].isupper():
                    self.words[a] = b.strip(",.")

    def clear(self) -> None:
        self.words.clear()


_PREFILTER: Any = None
_DIGITS_OR_AT = re.compile(r"\d{3}|@")


def prefilter() -> Any:
    """The PHI detector's own prefilter (keywords and identifier shapes), compiled once."""
    global _PREFILTER  # compiled once per process; immutable afterwards
    if _PREFILTER is None:
        from hms_policy.detectors.phi.scanner import prefilter as detector_prefilter

        _PREFILTER = detector_prefilter()
    return _PREFILTER


def worth_analysing(text: str, digits: bool = True) -> bool:
    """The detector's prefilter, or any run of digits (an age, a date): a miss means the
    detector would find nothing here."""
    if prefilter().search(text.encode("utf-8", "surrogateescape")) is not None:
        return True
    return digits and _DIGITS_OR_AT.search(text) is not None


def _resolve(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, the longer (then surer) one winning."""
    chosen: list[Hit] = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), -h.confidence)):
        if h.type in _SKIP or h.end <= h.start:
            continue
        if all(h.end <= c.start or c.end <= h.start for c in chosen):
            chosen.append(h)
    return sorted(chosen, key=lambda h: h.start)


def replace_spans(text: str, spans: list[tuple[int, int, str]]) -> str:
    if not spans:
        return text
    out, at = [], 0
    for start, end, new in sorted(spans):
        if start < at:
            continue
        out.append(text[at:start])
        out.append(new)
        at = end
    out.append(text[at:])
    return "".join(out)


_DATE_IN_TEXT = re.compile(r"(?<![\w/.\-])(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})(?![\w/\-]|\.\d)")


def deidentify_text(text: str, engine: Engine, *, patient: str | None = None, ctx: LineContext | None = None,
                    names: RecordNames | None = None, dates: bool = False) -> str:
    """One line or one value of free text, de-identified."""
    if not text:
        return text
    context = ctx if ctx is not None else LineContext(log=True)
    spans: list[tuple[int, int, str]] = []
    for h in _resolve(analyse(text, context)):
        original = text[h.start : h.end]
        kind = "dob" if h.type == "dob" else h.type
        new = engine.replace(kind, original, patient)
        if new != original:
            spans.append((h.start, h.end, new))
            if h.type == "person_name" and names is not None:
                names.add(original, new)
    if names is not None and names.words:
        spans.extend(_known_names(text, names, spans))
    spans.extend(_ages(text, engine, spans))
    if dates:
        # free text inside a patient's record: its phones are the patient's even unlabelled
        for fmt in FORMATS:
            if fmt.type in PHONE_TYPES and (not fmt.trigger or fmt.trigger in text):
                for m in fmt.pattern.finditer(text):
                    if fmt.validate(m.group(0)) and _free(m.start(), m.end(), spans):
                        spans.append((m.start(), m.end(), engine.replace(fmt.type, m.group(0), patient)))
        # ... and its dates are the patient's, shifted alike
        for m in _DATE_IN_TEXT.finditer(text):
            if _free(m.start(), m.end(), spans):
                new = engine.replace("date", m.group(0), patient)
                if new != m.group(0):
                    spans.append((m.start(), m.end(), new))
    return replace_spans(text, spans)


def _free(start: int, end: int, spans: list[tuple[int, int, str]]) -> bool:
    return all(end <= s or e <= start for s, e, _ in spans)


def _known_names(text: str, names: RecordNames, taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(names.words, key=len, reverse=True)) + r")\b")
    found = list(pattern.finditer(text))
    for i, m in enumerate(found):
        word = m.group(1)
        if word.lower() in _COMMON_WORDS:
            near = (i > 0 and m.start() - found[i - 1].end() <= 1) or (i + 1 < len(found) and found[i + 1].start() - m.end() <= 1)
            if not near and not _TITLE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
                continue
        if _free(m.start(), m.end(), taken + out):
            out.append((m.start(), m.end(), names.words[word]))
    return out


def _ages(text: str, engine: Engine, taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    if "age" not in text.lower() and "y" not in text.lower():
        return []
    out = []
    for m in _AGE.finditer(text):
        group = next(g for g in range(1, 5) if m.group(g))
        value = m.group(group)
        if int(value) > 89 and _free(m.start(group), m.end(group), taken):
            out.append((m.start(group), m.end(group), engine.replace("age", value)))
    return out
