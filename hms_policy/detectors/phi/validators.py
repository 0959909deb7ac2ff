"""Format and checksum checks, one pure function per identifier; each takes the digits or
characters of a candidate (separators already removed) and answers valid or not.

Sources are listed in shared/REGULATIONS.md section 4: SSA rules for SSNs, CMS for NPI and
MBI, the DEA check digit, NHS Digital's modulus 11, UIDAI's Verhoeff check for Aadhaar,
ISO 13616 modulus 97 for IBANs, ISO/IEC 7812 (Luhn) for card numbers.
"""

from __future__ import annotations

import re

import datetime as _dt

# Verhoeff tables (dihedral group D5): multiplication, permutation.
_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)

_SSN_SAMPLES = frozenset({"123456789", "078051120", "219099999", "457555462", "111111111"})
# Letters CMS leaves out of MBIs (they look like digits or each other).
_MBI_LETTERS = frozenset("ACDEFGHJKMNPQRTUVWXY")
_DEA_FIRST = frozenset("ABCDEFGHJKLMPRSTUX")
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AT": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "CH": 21, "CY": 28,
    "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22,
    "GI": 23, "GL": 18, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27,
    "KW": 30, "KZ": 20, "LB": 28, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31,
    "NL": 18, "NO": 15, "PL": 28, "PT": 25, "QA": 29, "RO": 24, "SA": 24, "SE": 24, "SI": 19,
    "SK": 24, "SM": 27, "TR": 26,
}
_PAN_HOLDER = frozenset("ABCFGHJLPT")  # 4th character: the kind of holder (P = person)


def all_same(digits: str) -> bool:
    return len(set(digits)) <= 1


def is_sequence(digits: str) -> bool:
    """123456789..., 987654321... : keyboard fillers, not identifiers."""
    steps = {(int(b) - int(a)) % 10 for a, b in zip(digits, digits[1:])}
    return len(steps) == 1 and steps <= {1, 9}


def luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def verhoeff(digits: str) -> bool:
    check = 0
    for index, char in enumerate(reversed(digits)):
        check = _D[check][_P[index % 8][ord(char) - 48]]
    return check == 0


def ssn(digits: str) -> bool:
    """SSA: no area 000, 666 or 900-999; no group 00; no serial 0000; no published samples."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000":
        return False
    return digits not in _SSN_SAMPLES and not all_same(digits) and not is_sequence(digits)


def npi(digits: str) -> bool:
    """10 digits, first 1 or 2, Luhn over the 80840 prefix (CMS NPI standard)."""
    if len(digits) != 10 or not digits.isdigit() or digits[0] not in "12":
        return False
    return not all_same(digits[1:]) and luhn("80840" + digits)


def dea(value: str) -> bool:
    """Two letters and seven digits; (d1+d3+d5) + 2*(d2+d4+d6) ends in d7."""
    if len(value) != 9 or not value[2:].isdigit():
        return False
    first, second = value[0].upper(), value[1].upper()
    if first not in _DEA_FIRST or not (second.isalpha() or second == "9"):
        return False
    d = [ord(c) - 48 for c in value[2:]]
    if all_same(value[2:8]):
        return False
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


def mbi(value: str) -> bool:
    """CMS Medicare Beneficiary Identifier: C A AN N A AN N A A N N, no S L O I B Z."""
    if len(value) != 11:
        return False
    v = value.upper()
    numeric = (0, 3, 6, 9, 10)
    alpha = (1, 4, 7, 8)
    if v[0] == "0" or any(not v[i].isdigit() for i in numeric):
        return False
    if any(v[i] not in _MBI_LETTERS for i in alpha):
        return False
    return all(v[i].isdigit() or v[i] in _MBI_LETTERS for i in (2, 5))


_MBI_SHAPE = re.compile(r"^[0-9][A-Z][A-Z0-9][0-9][A-Z][A-Z0-9][0-9][A-Z]{2}[0-9]{2}$")


def invalid_mbi(value: str) -> bool:
    """MBI-shaped but not an MBI: a letter CMS leaves out (CMS's synthetic beneficiaries carry an
    `S` in position 2 precisely so that they can never be real), or a leading zero."""
    v = value.strip().replace("-", "").upper()
    return _MBI_SHAPE.match(v) is not None and not mbi(v)


def nhs(digits: str) -> bool:
    """NHS number: weights 10..2 on the first nine digits, 11 - (sum mod 11), 11 -> 0, 10 invalid."""
    if len(digits) != 10 or not digits.isdigit() or all_same(digits):
        return False
    total = sum((10 - i) * (ord(c) - 48) for i, c in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == ord(digits[9]) - 48


def nhs_never_issued(digits: str) -> bool:
    """A checksum-valid NHS number from a range not issued to anyone: NHS numbers are issued
    from 3xx, 4xx, 6xx and 7xx (England, Wales, Isle of Man; 010-311 are Scotland's CHI), and
    999 000 0000 - 999 999 9999 is reserved for test data. The Spine's test environments and
    published examples (`9000000009`, `9449304130`) use the 9 range; 5xx and 8xx are unissued."""
    return len(digits) == 10 and digits[0] in "589"


def aadhaar(digits: str) -> bool:
    """12 digits, first 2-9, Verhoeff check digit; palindromes and fillers rejected."""
    if len(digits) != 12 or not digits.isdigit() or digits[0] in "01":
        return False
    if digits == digits[::-1] or is_sequence(digits) or all_same(digits):
        return False
    return verhoeff(digits)


def abha_number(digits: str) -> bool:
    """14 digits. ABDM publishes no checksum, so only shape and obvious fillers are checked."""
    if len(digits) != 14 or not digits.isdigit():
        return False
    body = digits[2:]
    return not all_same(body) and not is_sequence(body) and len(set(body)) >= 4


def iban(value: str) -> bool:
    """ISO 13616: country length table, then the rearranged number mod 97 == 1."""
    v = value.replace(" ", "").upper()
    expected = _IBAN_LENGTHS.get(v[:2])
    if expected is None or len(v) != expected or not v[2:4].isdigit() or not v.isalnum():
        return False
    rearranged = v[4:] + v[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def card(digits: str) -> bool:
    """13-19 digits with a known issuer prefix and a Luhn check."""
    if not 13 <= len(digits) <= 19 or not digits.isdigit() or all_same(digits[1:]):
        return False
    two, four = int(digits[:2]), int(digits[:4])
    known = (
        (digits[0] == "4" and len(digits) in (13, 16, 19))
        or (51 <= two <= 55 and len(digits) == 16)
        or (2221 <= four <= 2720 and len(digits) == 16)
        or (two in (34, 37) and len(digits) == 15)
        or ((digits.startswith("6011") or two == 65) and len(digits) in (16, 19))
        or (3528 <= four <= 3589 and len(digits) in (16, 19))
        or (two == 36 and len(digits) == 14)
    )
    return known and luhn(digits)


def pan(value: str) -> bool:
    """Indian Permanent Account Number: AAAAA9999A, 4th letter the holder kind."""
    v = value.upper()
    return (
        len(v) == 10
        and v[:5].isalpha()
        and v[5:9].isdigit()
        and v[9].isalpha()
        and v[3] in _PAN_HOLDER
        and v[5:9] != "0000"
    )


def snomed_id(digits: str) -> bool:
    """SNOMED CT identifier: 6-18 digits, Verhoeff check, partition 00/10 (a concept)."""
    if not 6 <= len(digits) <= 18 or not digits.isdigit() or digits[0] == "0":
        return False
    return digits[-3:-1] in ("00", "10") and verhoeff(digits)


def birth_date(year: int, month: int, day: int, today: _dt.date | None = None) -> bool:
    """A real calendar date between 1900 and today."""
    today = today or _dt.date.today()
    if not 1900 <= year <= today.year:
        return False
    try:
        return _dt.date(year, month, day) <= today
    except ValueError:
        return False
