"""Dates, ages and ZIP codes under HIPAA Safe Harbor (45 CFR 164.514(b)(2)(i)(B) and (C)).

Dates shift by a per-patient offset (the same patient, the same offset, so intervals within a
record hold) and keep the format they were written in. Ages over 89 become 90. ZIP codes keep
their first three digits, or 000 for the sparsely populated areas in data/safe_harbor_zip3.txt.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from importlib import resources

from hms_policy.deidentify.keyed import Keyed

MIN_SHIFT_DAYS = 30
MAX_SHIFT_DAYS = 400

_ISO = re.compile(r"^(\d{4})([-/.])(\d{2})\2(\d{2})(.*)$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})((?:\d{2}){0,3}(?:\.\d{1,4})?(?:[+-]\d{4})?)$")
_DMY = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(.*)$")
_TEXT_DMY = re.compile(r"^(\d{1,2})(\s*[-\s/]\s*)([A-Za-z]{3,9})(\.?,?\s*[-\s/]\s*)(\d{4})((?:[ T]\d{1,2}:\d{2}.*)?)$")
_TEXT_MDY = re.compile(r"^([A-Za-z]{3,9})(\.?\s+)(\d{1,2})(,?\s+)(\d{4})$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def offset_days(keyed: Keyed, patient: str | None) -> int:
    """The patient's shift, backwards, 30 to 400 days; one run-wide shift when no patient is known."""
    n = keyed.number("date-shift", patient if patient is not None else "\x00no-patient")
    return -(MIN_SHIFT_DAYS + n % (MAX_SHIFT_DAYS - MIN_SHIFT_DAYS + 1))


def _real(year: int, month: int, day: int) -> _dt.date | None:
    if not 1800 <= year <= 2200:
        return None
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def _month_text(original: str, month: int) -> str:
    full = _MONTH_NAMES[month - 1]
    text = full if len(original) > 3 and original.rstrip(".").lower() == full.lower()[: len(original.rstrip("."))] and len(original) > 4 else full[:3]
    if original.isupper():
        return text.upper()
    if original.islower():
        return text.lower()
    return text


def shift_date(text: str, days: int, day_first: bool = False) -> str | None:
    """`text` (a date or date-time in a common format) moved by `days`, in the same format;
    None when it is not a full date."""
    t = text
    m = _ISO.match(t)
    if m:
        d = _real(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if d is None:
            return None
        n = d + _dt.timedelta(days=days)
        sep = m.group(2)
        return f"{n.year:04d}{sep}{n.month:02d}{sep}{n.day:02d}{m.group(5)}"
    m = _COMPACT.match(t)
    if m:
        d = _real(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d is None:
            return None
        n = d + _dt.timedelta(days=days)
        return f"{n.year:04d}{n.month:02d}{n.day:02d}{m.group(4)}"
    m = _DMY.match(t)
    if m:
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if a > 12:
            day_first = True
        elif b > 12:
            day_first = False
        day, month = (a, b) if day_first else (b, a)
        d = _real(year, month, day)
        if d is None:
            return None
        n = d + _dt.timedelta(days=days)
        first, second = (n.day, n.month) if day_first else (n.month, n.day)
        width = 2 if len(m.group(1)) == 2 or len(m.group(3)) == 2 else 1
        sep = m.group(2)
        return f"{first:0{width}d}{sep}{second:0{width}d}{sep}{n.year:04d}{m.group(5)}"
    m = _TEXT_DMY.match(t)
    if m and m.group(3)[:3].lower() in _MONTHS:
        d = _real(int(m.group(5)), _MONTHS.index(m.group(3)[:3].lower()) + 1, int(m.group(1)))
        if d is None:
            return None
        n = d + _dt.timedelta(days=days)
        return f"{n.day:0{len(m.group(1))}d}{m.group(2)}{_month_text(m.group(3), n.month)}{m.group(4)}{n.year}{m.group(6)}"
    m = _TEXT_MDY.match(t)
    if m and m.group(1)[:3].lower() in _MONTHS:
        d = _real(int(m.group(5)), _MONTHS.index(m.group(1)[:3].lower()) + 1, int(m.group(3)))
        if d is None:
            return None
        n = d + _dt.timedelta(days=days)
        return f"{_month_text(m.group(1), n.month)}{m.group(2)}{n.day}{m.group(4)}{n.year}"
    return None


def year_of(text: str) -> str | None:
    m = re.search(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)", text)
    return m.group(1) if m else None


def cap_age(text: str) -> str:
    """An age over 89 becomes 90 (Safe Harbor: "90 or older"); other ages stay."""
    m = re.match(r"^\s*(\d{1,3})", text)
    if m and int(m.group(1)) > 89:
        return text[: m.start(1)] + "90" + text[m.end(1) :]
    return text


@lru_cache(maxsize=1)
def restricted_zip3() -> frozenset[str]:
    data = resources.files("hms_policy.deidentify").joinpath("data/safe_harbor_zip3.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in data.splitlines() if line.strip() and not line.startswith("#"))


def generalize_zip(text: str) -> str:
    """US ZIP (5 or ZIP+4): the first three digits, or 000. UK postcode: the outward code.
    Indian PIN: the first three digits and 000."""
    t = text.strip()
    if re.fullmatch(r"\d{5}(?:-?\d{4})?", t):
        prefix = t[:3]
        return "000" if prefix in restricted_zip3() else prefix
    if re.fullmatch(r"\d{6}", t):
        return t[:3] + "000"
    m = re.fullmatch(r"([A-Za-z]{1,2}\d[A-Za-z\d]?)\s*\d[A-Za-z]{2}", t)
    if m:
        return m.group(1)
    return "000"
