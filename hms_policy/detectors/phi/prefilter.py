"""One pattern that finds every line worth a closer look, run over whole blocks of bytes.

Most log lines carry no identifier; the prefilter is what lets a scan skip them at the speed
of the regex engine instead of Python's. It is a superset: a hit costs a full analysis of its
line, a miss costs nothing. google-re2 (the `fast` extra) runs it as a DFA; the standard `re`
module is the fallback and is several times slower on large logs.
"""

from __future__ import annotations

import re
from typing import Any

_B = r"(?:\b|_)"  # a word edge, or the underscore of a snake_case key (`rendering_npi`)
_KEYWORDS = (
    r"patient|ssn|social.?sec|birth|medical.?rec|aadha?ar|abha|health.?id|@abdm|@sbx|@ndhm|medicare|medicaid|"
    r"member|subscriber|beneficiar|insur|policy.?(?:no|num)|diagnos|snomed|resourcetype|phone|mobile|telephone|"
    r"msisdn|contact|e-?mail|address|street|postal|post.?code|pin.?code|pan.?(?:no|num|card)|iban|cc.?num|credit|"
    r"surname|(?:first|last|full|given|family|middle|maiden|legal|kin)[_ .-]?name|medication|prescription|allerg|"
    r"complaint|symptom|encounter|admission|discharg|"
    + _B + r"(?:pt_?id|dob|born|mrn|uid|nhs|mbi|npi|dea|icd|dx|tel|fax|cell|zip|addr|pan|card|ward|admit|[fl]name)" + _B
)
_FORMATS = (
    r"\d{3}-\d{2}-\d{4}|\d{4}[ -]\d{4}[ -]\d{4}|\d{2}-\d{4}-\d{4}-\d{4}|[A-Za-z0-9]@[A-Za-z0-9-]+\.[A-Za-z]|"
    r"%40[A-Za-z0-9-]+\.[A-Za-z]|\+(?:1|91|3\d|4\d)[\s.-]?\(?\d{2,4}\)?[\s.-]?\d{3}|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|"
    r"[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}|"
    r"(?:PID|NK1|IN1|DG1)\|"
)
PATTERN = ("(?i:" + _KEYWORDS + ")|" + _FORMATS).encode()


def compile_prefilter() -> Any:
    """The compiled prefilter: re2 when installed, else `re` (same pattern, same matches)."""
    try:
        import re2  # type: ignore[import-not-found]

        return re2.compile(PATTERN)
    except Exception:  # not installed, or a build that rejects the pattern
        return re.compile(PATTERN)


def engine_name(compiled: Any) -> str:
    return "re" if isinstance(compiled, re.Pattern) else "re2"
