"""One pattern that finds every line worth a closer look, run over whole blocks of bytes.

Most log lines carry no identifier; the prefilter is what lets a scan skip them at the speed
of the regex engine instead of Python's. It is a superset: a hit costs a full analysis of its
line, a miss costs nothing. google-re2 (the `fast` extra) runs it as a DFA; the standard `re`
module is the fallback and is several times slower on large logs.
"""

from __future__ import annotations

import re
from typing import Any

_B = r"(?:\b|_)"  # a word start, or the underscore of a snake_case key (`rendering_npi`)
_KEYWORDS = (
    r"patient|ssn|npi|social.?sec|birth|medical.?rec|medrec|aadha?ar|abha|health.?id|health.?plan|@abdm|@sbx|@ndhm|"
    r"medicare|medicaid|member|subscriber|beneficiar|insur|policy.?(?:no|num)|guarantor|next.?of.?kin|diagnos|"
    r"snomed|sctid|resourcetype|phone|mobile|whatsapp|msisdn|contact|e-?mail|address|street|postal|post.?code|"
    r"pin.?code|iban|bank.?acc|credit|debit|surname|(?:first|last|full|given|family|middle|maiden|legal|kin|"
    r"preferred)[_ .-]?name|medication|prescription|allerg|complaint|symptom|encounter|admission|discharg|"
    r"condition|problem|procedure|treatment|pregnan|disabilit|hiv|lab.?result|test.?result|clinical|notes|"
    + _B + r"(?:pt_?id|dob|born|mrn|uid|nhs|mbi|dea|icd|dx|diag|tel|fax|cell|sms|zip|addr|pan|card|cc|ward|"
    r"admit|chart|rx|drug|mail|[fl]name)"
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
