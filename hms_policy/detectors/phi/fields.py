"""Key/value fields of one line: JSON pairs (plain and escaped inside a string), `key=value`
(also URL query strings), `Key: value`, and XML elements. Each field keeps the span of its
value in the line, so a finding can mask exactly that span."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote_plus

from hms_policy.detectors.phi.keys import role_of

_STR = r'(?:[^"\\]|\\.){0,512}'
_JSON_PAIR = re.compile(  # also Ruby's `"key"=>"value"` (Rails parameter logs)
    r'"([A-Za-z_@$][\w.\-@$ ]{0,48})"\s*(?::|=>)\s*(?:"(' + _STR + r')"|(-?\d[\d.eE+\-]{0,40})'
    r'|\[\s*("' + _STR + r'"(?:\s*,\s*"' + _STR + r'")*)\s*\])'
)
# Python's repr of a dict: {'key': 'value'}
_PY_PAIR = re.compile(r"'([A-Za-z_][\w.\-]{0,48})'\s*:\s*(?:'((?:[^'\\]|\\.){0,512})'|(-?\d[\d.]{0,40}))")
_JSON_ARRAY_ITEM = re.compile(r'"(' + _STR + r')"')
_ESCAPED_PAIR = re.compile(r'\\"([A-Za-z_][\w.\-]{0,48})\\"\s*:\s*(?:\\"((?:[^"\\]|\\[^"]){0,512})\\"|(-?\d[\d.\-]{0,40}))')
# A value may sit in escaped quotes inside a code string literal: `"patient_name=\\"Asha Rao\\" "`.
_KV = re.compile(r"""(?<![\w.\-])([A-Za-z_][\w.\-\[\]]{0,48})\s?=\s?(\\"[^"\\\n]{0,256}\\"|"[^"\n]{0,256}"|'[^'\n]{0,256}'|[^\s&,;|"'<>)\]}]{1,256})""")
_COLON = re.compile(r"(?<![\w.\-/])((?:[A-Za-z][\w.\-']*)(?: [A-Za-z][\w.\-']*){0,3})\s?:[ \t]+(\"[^\"\n]{0,256}\"|[^\s,;|\"]{1,256})")
_XML = re.compile(r"<([A-Za-z][\w.\-]{0,40})(?:\s[^<>]{0,200})?>([^<>]{1,256})</(?:\w+:)?\1>")
_XML_VALUE_ATTR = re.compile(r'<([A-Za-z][\w.\-]{0,40})\s+value="([^"]{1,256})"\s*/?>')

_MASKED = re.compile(
    r"\*|•|#{2,}|[xX]{3,}|redact|masked|<mask|\[hidden|\[filtered|\[removed|\bremoved\b|\[pii|<pii|"
    r"\{\{|\$\{|%\(|<[a-z_]+>|^\W*$",
    re.I,
)
_HASHED = re.compile(r"^(?:sha\d*[:$-])?[0-9a-fA-F]{32,128}$|^\$2[aby]\$|^(?:tok|tkn|pii|enc|vault)[_:-]", re.I)
_EMPTY = frozenset("null none nil n/a na unknown undefined - -- 0 false true test sample example dummy tbd".split())


@dataclass(frozen=True, slots=True)
class Field:
    key: str  # as written
    role: str | None  # keys.role_of(key)
    start: int  # value span in the line
    end: int
    value: str  # decoded (quotes removed, JSON escapes and %-encoding undone)
    source: str  # json | kv | colon | xml | csv | sql | hl7


def is_masked(value: str) -> bool:
    """Masked, tokenised, hashed, templated or empty: not a value a finding can be about."""
    stripped = value.strip()
    if not stripped or stripped.lower() in _EMPTY:
        return True
    return bool(_MASKED.search(stripped) or _HASHED.search(stripped))


def _field(key: str, start: int, end: int, value: str, source: str) -> Field:
    role = role_of(key)
    if role is None and source == "colon" and " " in key:
        # A colon label in free text takes the words before it (`INFO pt_name: ...`): the
        # label is the last of them.
        role = role_of(key.rsplit(" ", 1)[-1])
    return Field(key, role, start, end, value, source)


def _unquote(raw: str, start: int) -> tuple[str, int, int]:
    if len(raw) >= 4 and raw.startswith('\\"') and raw.endswith('\\"'):
        return raw[2:-2], start + 2, start + len(raw) - 2
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        return raw[1:-1], start + 1, start + len(raw) - 1
    return raw, start, start + len(raw)


def _decode_url(value: str) -> str:
    if "%" in value or "+" in value:
        try:
            return unquote_plus(value)
        except Exception:  # a malformed escape: judge the raw text
            return value
    return value


def json_fields(text: str) -> list[Field]:
    out: list[Field] = []
    if '"' not in text and "'" not in text:
        return out
    for m in _JSON_PAIR.finditer(text):
        key = m.group(1)
        if m.group(2) is not None:
            value = m.group(2)
            if "\\" in value:
                value = value.replace('\\"', '"').replace("\\/", "/")
            out.append(_field(key, m.start(2), m.end(2), value, "json"))
        elif m.group(3) is not None:
            out.append(_field(key, m.start(3), m.end(3), m.group(3), "json"))
        else:
            base = m.start(4)
            for item in _JSON_ARRAY_ITEM.finditer(m.group(4)):
                out.append(_field(key, base + item.start(1), base + item.end(1), item.group(1), "json"))
    if "'" in text:
        for m in _PY_PAIR.finditer(text):
            group = 2 if m.group(2) is not None else 3
            out.append(_field(m.group(1), m.start(group), m.end(group), m.group(group), "json"))
    if '\\"' in text:
        for m in _ESCAPED_PAIR.finditer(text):
            group = 2 if m.group(2) is not None else 3
            out.append(_field(m.group(1), m.start(group), m.end(group), m.group(group), "json"))
    return out


def kv_fields(text: str) -> list[Field]:
    out: list[Field] = []
    if "=" in text:
        for m in _KV.finditer(text):
            value, start, end = _unquote(m.group(2), m.start(2))
            out.append(_field(m.group(1), start, end, _decode_url(value), "kv"))
    if ": " in text or ":\t" in text:
        for m in _COLON.finditer(text):
            value, start, end = _unquote(m.group(2), m.start(2))
            out.append(_field(m.group(1), start, end, value, "colon"))
    if "</" in text or "value=" in text:
        for m in _XML.finditer(text):
            out.append(_field(m.group(1), m.start(2), m.end(2), m.group(2), "xml"))
        for m in _XML_VALUE_ATTR.finditer(text):
            out.append(_field(m.group(1), m.start(2), m.end(2), m.group(2), "xml"))
    return out


def line_fields(text: str) -> list[Field]:
    """Every field on the line, JSON first (its keys are the least ambiguous)."""
    return json_fields(text) + kv_fields(text)
