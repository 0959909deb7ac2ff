"""Valid, fictional substitutes for identifiers: the same shape as the value they replace
(separators and letter case kept), checksums that pass, and ranges kept for fiction where one
exists. Each function takes the original text and the keyed random source.

Ranges (README "De-identify test data" documents them):
- US SSN: group 00 in a random area. SSA assigns SSNs at random since 2011, so no valid-looking
  range is reserved; group 00 is never issued, keeps the AAA-GG-SSSS shape, and no scanner
  mistakes it for a person's number.
- NHS number: the 999 range NHS Digital keeps for testing, with a modulus 11 check digit.
- NPI, Aadhaar, MBI, DEA, ABHA: no published test range; checksums (Luhn over 80840, Verhoeff,
  DEA) pass, Aadhaar numbers start 9999 and ABHA numbers 99 (the fictional prefixes we use).
- Phones: US 555-0100..0199 (NANPA fiction), UK Ofcom drama ranges (07700 900xxx, 020 7946 0xxx),
  India: the 10-digit series 5xxxxxxxxx, which the National Numbering Plan does not give to
  mobiles (they start 6-9). Other European numbers become UK drama numbers.
- E-mail: example.com / example.org / example.net (RFC 2606). IPs: RFC 5737 documentation nets.
- MRNs, member ids and other free-form identifiers keep their shape, character by character.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable

from hms_policy.deidentify.keyed import Keyed
from hms_policy.detectors.phi import validators as v

Generator = Callable[[str, Keyed], str]


def digits_of(text: str) -> str:
    return "".join(filter(str.isdigit, text))


def reshape(original: str, digits: str) -> str:
    """Put `digits` into the digit positions of `original`, keeping every separator. When the
    counts differ the digits are written plain."""
    if len(digits_of(original)) != len(digits):
        return digits
    it = iter(digits)
    return "".join(next(it) if c.isdigit() else c for c in original)


def _pick(rand: list[int], count: int, low: int = 0) -> str:
    return "".join(str((low + b % (10 - low)) if i == 0 else b % 10) for i, b in enumerate(rand[:count]))


def ssn(original: str, keyed: Keyed) -> str:
    r = keyed.stream("ssn", digits_of(original), 8)
    area = 1 + (r[0] << 8 | r[1]) % 899
    if area == 666:
        area = 667
    serial = 1 + (r[2] << 8 | r[3]) % 9999
    return reshape(original, f"{area:03d}00{serial:04d}")


def _luhn_check(body: str) -> str:
    for check in "0123456789":
        if v.luhn(body + check):
            return check
    raise AssertionError("unreachable")


def npi(original: str, keyed: Keyed) -> str:
    r = keyed.stream("npi", digits_of(original), 9)
    first = digits_of(original)[:1] if digits_of(original)[:1] in ("1", "2") else "1"
    body = first + "".join(str(b % 10) for b in r[:8])
    check = _luhn_check("80840" + body)
    return reshape(original, body + check)


def _verhoeff_check(body: str) -> str:
    for check in "0123456789":
        if v.verhoeff(body + check):
            return check
    raise AssertionError("unreachable")


def aadhaar(original: str, keyed: Keyed) -> str:
    r = keyed.stream("aadhaar", digits_of(original), 12)
    for attempt in range(4):
        body = "9999" + "".join(str((b + attempt) % 10) for b in r[:7])
        full = body + _verhoeff_check(body)
        if v.aadhaar(full):
            return reshape(original, full)
    return reshape(original, "999912345678")  # unreachable in practice: a fixed valid fallback


def abha_number(original: str, keyed: Keyed) -> str:
    r = keyed.stream("abha", digits_of(original), 12)
    return reshape(original, "99" + "".join(str(b % 10) for b in r))


def nhs(original: str, keyed: Keyed) -> str:
    r = keyed.stream("nhs", digits_of(original), 12)
    for offset in range(12):
        body = "999" + "".join(str(b % 10) for b in r[offset % 6 : offset % 6 + 6])
        total = sum((10 - i) * int(c) for i, c in enumerate(body))
        check = 11 - total % 11
        check = 0 if check == 11 else check
        if check != 10 and v.nhs(body + str(check)):
            return reshape(original, body + str(check))
        r = [(b + 1) % 256 for b in r]
    return reshape(original, "9990000018")


_MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY"


def mbi(original: str, keyed: Keyed) -> str:
    r = keyed.stream("mbi", original.upper().replace("-", ""), 11)
    kinds = "NAXNAXNAANN"  # N digit, A letter, X either
    chars: list[str] = []
    for kind, b in zip(kinds, r):
        if kind == "N":
            chars.append(str(1 + b % 9) if not chars else str(b % 10))
        elif kind == "A":
            chars.append(_MBI_LETTERS[b % len(_MBI_LETTERS)])
        else:
            chars.append((_MBI_LETTERS + "0123456789")[b % 30])
    value = "".join(chars)
    it = iter(value)
    return "".join(c if c == "-" else next(it) for c in original) if len(original.replace("-", "")) == 11 else value


def dea(original: str, keyed: Keyed) -> str:
    r = keyed.stream("dea", original.upper(), 8)
    first = original[0].upper() if original[:1].isalpha() else "A"
    second = string.ascii_uppercase[r[0] % 26]
    d = [b % 10 for b in r[1:7]]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return first + second + "".join(map(str, d)) + str(check)


def in_pan(original: str, keyed: Keyed) -> str:
    r = keyed.stream("pan", original.upper(), 10)
    letters = [string.ascii_uppercase[b % 26] for b in r[:5]]
    letters[3] = original[3].upper() if len(original) == 10 else "P"
    digits = "".join(str(b % 10) for b in r[5:9])
    digits = digits if digits != "0000" else "0001"
    return "".join(letters) + digits + string.ascii_uppercase[r[9] % 26]


def iban(original: str, keyed: Keyed) -> str:
    compact = original.replace(" ", "").upper()
    country = compact[:2]
    r = keyed.stream("iban", compact, len(compact))
    bban = "".join(
        str(b % 10) if c.isdigit() else string.ascii_uppercase[b % 26] for c, b in zip(compact[4:], r)
    )
    number = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    check = 98 - number % 97
    value = f"{country}{check:02d}{bban}"
    if " " not in original:
        return value
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


# Issuers' published test card numbers: no scanner reports them, no bank honours them.
_TEST_CARDS = {
    16: ("4111111111111111", "4242424242424242", "5555555555554444", "5105105105105100", "4012888888881881"),
    15: ("378282246310005", "371449635398431"),
    14: ("30569309025904", "38520000023237"),
}


def credit_card(original: str, keyed: Keyed) -> str:
    digits = digits_of(original)
    choices = _TEST_CARDS.get(len(digits), _TEST_CARDS[16])
    return reshape(original, choices[keyed.number("card", digits) % len(choices)])


def _nanp_area(b1: int, b2: int) -> str:
    area = 201 + ((b1 << 8) | b2) % 799
    while str(area)[1:] == "11" or str(area)[1] == "9":  # no N11 service codes, no 9 in the middle
        area += 1
    return str(area)


def us_phone(original: str, keyed: Keyed) -> str:
    digits = digits_of(original)
    r = keyed.stream("phone", digits[-10:], 4)
    number = _nanp_area(r[0], r[1]) + "55501" + f"{r[2] % 100:02d}"
    return reshape(original, ("1" + number) if len(digits) == 11 else number)


def _uk_drama(original: str, keyed: Keyed) -> str:
    digits = digits_of(original)
    r = keyed.stream("phone", digits, 3)
    tail = f"{(r[0] << 8 | r[1]) % 1000:03d}"
    national = digits[2:] if original.strip().startswith("+") else digits.lstrip("0")
    landline = national[:1] in ("1", "2")
    fixed = ("2079460" + tail) if landline else ("7700900" + tail)
    if original.strip().startswith("+"):
        value = "44" + fixed
        candidate = reshape(original, value)
        return candidate if candidate != value else "+44 " + fixed[:4] + " " + fixed[4:]
    candidate = reshape(original, "0" + fixed)
    return candidate if candidate != "0" + fixed else ("020 7946 0" + tail if landline else "07700 900" + tail)


def eu_phone(original: str, keyed: Keyed) -> str:
    return _uk_drama(original, keyed)


def in_mobile(original: str, keyed: Keyed) -> str:
    digits = digits_of(original)
    r = keyed.stream("phone", digits[-10:], 9)
    national = "5" + "".join(str(b % 10) for b in r)
    if len(digits) == 12:
        return reshape(original, "91" + national)
    if len(digits) == 11:
        return reshape(original, "0" + national)
    return reshape(original, national)


_EXTENSION = re.compile(r"(\s*(?:x|ext\.?|extn\.?|#)\s*)(\d{1,6})\s*$", re.IGNORECASE)


def phone(original: str, keyed: Keyed, locale: str = "en_US") -> str:
    """A phone of unknown type (a telecom, a `phone` column): by its country prefix, then by the
    source's locale. An extension keeps its marker; a number of no known shape becomes the
    locale's fictional number, never a look-alike that could be someone's."""
    ext = _EXTENSION.search(original)
    if ext is not None:
        main = phone(original[: ext.start()], keyed, locale)
        tail = "".join(str(b % 10) for b in keyed.stream("ext", ext.group(2), len(ext.group(2))))
        return main + ext.group(1) + tail
    text = original.strip()
    digits = digits_of(text)
    if text.startswith("+91") or (locale == "en_IN" and len(digits) in (10, 11, 12) and digits[-10] in "6789"):
        return in_mobile(original, keyed)
    if text.startswith("+") and not text.startswith("+1"):
        return _uk_drama(original, keyed)
    if digits.startswith("0") and len(digits) == 11 and locale != "en_IN":
        return _uk_drama(original, keyed)  # a national trunk prefix: no NANP number starts with 0
    if len(digits) == 10 or (len(digits) == 11 and digits[0] == "1"):
        return us_phone(original, keyed)
    if locale == "en_IN":
        return in_mobile("0" * 10, keyed) if len(digits) != 10 else in_mobile(original, keyed)
    if locale == "en_GB":
        return _uk_drama("07" + "0" * 9, keyed)
    return us_phone("0" * 10, keyed) if not digits else us_phone(digits[-10:].rjust(10, "2"), keyed)


_EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")


def email(original: str, keyed: Keyed) -> str:
    r = keyed.digest("email", original.strip().lower())
    return f"pt.{r[:4].hex()}@{_EXAMPLE_DOMAINS[r[5] % 3]}"


def abha_address(original: str, keyed: Keyed) -> str:
    r = keyed.digest("abha-address", original.strip().lower())
    return f"test.{r[:4].hex()}@sbx"


def ip_address(original: str, keyed: Keyed) -> str:
    r = keyed.digest("ip", original.strip())
    net = ("192.0.2", "198.51.100", "203.0.113")[r[0] % 3]
    return f"{net}.{1 + r[1] % 254}"


_HEX = set("0123456789abcdefABCDEF")


def shape(original: str, keyed: Keyed) -> str:
    """Same length, same letters/digits/separators pattern and case (hex stays hex)."""
    r = keyed.stream("shape", original, len(original))
    hexish = len(original) >= 8 and all(c in _HEX or c == "-" for c in original)
    out: list[str] = []
    for c, b in zip(original, r):
        if c.isdigit():
            out.append(str(b % 10) if hexish or out or len(original) == 1 else str(1 + b % 9))
        elif hexish and c in _HEX:
            out.append("abcdef"[b % 6] if c.islower() else "ABCDEF"[b % 6])
        elif c.isascii() and c.isalpha():
            letter = string.ascii_uppercase[b % 26]
            out.append(letter if c.isupper() else letter.lower())
        else:
            out.append(c)
    value = "".join(out)
    return value if value != original else value[::-1]


GENERATORS: dict[str, Generator] = {
    "us_ssn": ssn,
    "us_npi": npi,
    "in_aadhaar": aadhaar,
    "in_abha_number": abha_number,
    "uk_nhs": nhs,
    "us_mbi": mbi,
    "us_dea": dea,
    "in_pan": in_pan,
    "iban": iban,
    "credit_card": credit_card,
    "us_phone": us_phone,
    "eu_phone": eu_phone,
    "in_mobile": in_mobile,
    "phone": phone,
    "email": email,
    "in_abha_address": abha_address,
    "ip_address": ip_address,
    "mrn": shape,
    "health_plan_id": shape,
    "identifier": shape,
}
