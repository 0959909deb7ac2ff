"""One pattern that finds every line worth a closer look, run over whole blocks of bytes.

Most log lines carry no identifier; the prefilter is what lets a scan skip them at the speed
of the regex engine instead of Python's. It is a superset: a hit costs a full analysis of its
line, a miss costs nothing. google-re2 (the `fast` extra) runs it as a DFA at hundreds of MB/s;
without it a substring-and-regex fallback gives the same lines at a fraction of that speed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

_B = r"(?:\b|_)"  # a word start, or the underscore of a snake_case key (`rendering_npi`)
_KEYWORDS = (
    r"patient|ssn|npi|social.?sec|birth|medical.?rec|medrec|aadha?ar|abha|health.?id|health.?plan|@abdm|@sbx|@ndhm|"
    r"medicare|medicaid|member|subscriber|beneficiar|insur|policy.?(?:no|num)|guarantor|next.?of.?kin|diagnos|"
    r"snomed|sctid|resourcetype|phone|mobile|whatsapp|msisdn|contact|e-?mail|address|street|postal|post.?code|"
    r"pin.?code|iban|bank.?acc|credit|debit|surname|(?:first|last|full|given|family|middle|maiden|legal|kin|"
    r"preferred)[_ .-]?name|medication|prescription|allerg|complaint|symptom|encounter|admission|discharg|"
    r"condition|problem|procedure|treatment|pregnan|disabilit|hiv|lab.?result|test.?result|clinical|notes|"
    r"registration.?n(?:o|um)|"
    + _B + r"(?:pt_?id|dob|born|mrn|uid|nhs|mbi|dea|icd|dx|diag|tel|fax|cell|sms|zip|addr|pan|card|cc|ward|"
    r"admit|chart|rx|drug|mail|[fl]name|reg.?no|pt_?(?:full_?|first_?|last_?)?(?:name|nm|addr))"
)
_FORMATS = (
    r"\d{3}-\d{2}-\d{4}|\d{4}[ -]\d{4}[ -]\d{4}|\d{2}-\d{4}-\d{4}-\d{4}|[A-Za-z0-9]@[A-Za-z0-9-]+\.[A-Za-z]|"
    r"%40[A-Za-z0-9-]+\.[A-Za-z]|\+(?:1|91|3\d|4\d)[\s.-]?\(?\d{2,4}\)?[\s.-]?\d{3}|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|"
    r"[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}|"
    r"(?:PID|NK1|IN1|DG1)\|"
)
PATTERN = ("(?i:" + _KEYWORDS + ")|" + _FORMATS).encode()



# The same gate for the `re` fallback, which is far too slow on the alternation above (under
# 2 MB/s): lower-cased substring stems (a superset of the keywords) found with bytes.find,
# plus the format alternatives as their own pattern.
_STEMS = tuple(
    b"patient ssn npi social birth born medica medrec aadh abha health @abdm @sbx @ndhm member subscri benefic "
    b"insur policy guarantor kin diag snomed sctid resourcetype phone mobile whatsapp msisdn contact mail "
    b"address street post pin iban bank credit debit name allerg complaint symptom encounter admission "
    b"discharg condition problem procedure prescri treatment pregnan disabilit hiv result clinical notes dob mrn uid nhs "
    b"mbi dea icd dx tel fax cell sms zip addr pan card cc ward admit chart rx drug pt_id ptid registration regno ptnm".split()
)


class _Position:
    __slots__ = ("_start",)

    def __init__(self, start: int) -> None:
        self._start = start

    def start(self) -> int:
        return self._start


class FallbackPrefilter:
    """`search(data, pos)` like a compiled pattern, answered from the sorted candidate
    positions of the block (computed once per block)."""

    def __init__(self) -> None:
        self._formats = re.compile(_FORMATS.encode())
        self._data: bytes | None = None
        self._positions: list[int] = []

    def _index(self, data: bytes) -> None:
        low = data.lower()
        found = {m.start() for m in self._formats.finditer(data)}
        for stem in _STEMS:
            at = low.find(stem)
            while at >= 0:
                found.add(at)
                at = low.find(stem, at + 1)
        self._positions = sorted(found)
        self._data = data

    def search(self, data: bytes, pos: int = 0) -> _Position | None:
        if data is not self._data:
            self._index(data)
        i = bisect_left(self._positions, pos)
        return _Position(self._positions[i]) if i < len(self._positions) else None


def compile_prefilter() -> Any:
    """The prefilter: re2 when installed (the `fast` extra), else `FallbackPrefilter`."""
    try:
        import re2

        return re2.compile(PATTERN)
    except Exception:  # not installed, or a build that rejects the pattern
        return FallbackPrefilter()


def engine_name(compiled: Any) -> str:
    return "fallback" if isinstance(compiled, FallbackPrefilter) else "re2"
