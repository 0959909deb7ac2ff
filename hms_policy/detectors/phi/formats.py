"""What each identifier looks like in text, and how much a bare match, a match on a patient's
line, and a labelled match are worth.

A `Format` is a pattern plus a validator. `none`, `patient` and `label` are the confidences of
a valid match with no context, with patient context on the line or record, and under a label
that names the type (`ssn=`, `"aadhaar":`, `NHS number 943 476 5919`). None means "not a
finding at that level": a bare 10-digit number is never an NPI, whatever its checksum says.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Callable

from hms_policy.detectors.phi import validators as v

_TEST_CARDS = frozenset(
    "4111111111111111 4242424242424242 4012888888881881 4000056655665556 5555555555554444 "
    "5105105105105100 5200828282828210 378282246310005 371449635398431 6011111111111117 "
    "6011000990139424 3530111333300000 3566002020360505 30569309025904 38520000023237 "
    "4000000000000002 4000000000000077 4000000000003220".split()
)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _nanp(digits: str) -> bool:
    if len(digits) == 11 and digits[0] == "1":
        digits = digits[1:]
    if len(digits) != 10 or digits[0] in "01" or digits[3] in "01":
        return False
    if digits[1:3] == "11" or digits[4:6] == "11":  # N11 service codes
        return False
    if digits[3:6] == "555" and digits[6:8] == "01":  # 555-0100..0199: reserved for fiction
        return False
    return not v.all_same(digits) and not v.is_sequence(digits)


def _in_mobile(digits: str) -> bool:
    if len(digits) == 12 and digits.startswith("91"):
        digits = digits[2:]
    elif len(digits) == 11 and digits[0] == "0":
        digits = digits[1:]
    return len(digits) == 10 and digits[0] in "6789" and not v.all_same(digits[1:]) and not v.is_sequence(digits)


def _eu_phone(text: str) -> bool:
    digits = _digits(text)
    return 9 <= len(digits) <= 14 and not v.all_same(digits[3:]) and not v.is_sequence(digits[2:])


_DATE_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\d{2,6})?$")
_DATE_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_DATE_TEXT = re.compile(
    r"^(?:(\d{1,2})(?:st|nd|rd|th)?[\s\-/]+([A-Za-z]{3,9})\.?,?[\s\-/]+(\d{4})|([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))$"
)
# Dates systems write when the real one is unknown: not a birth date.
_SENTINEL_DATES = frozenset({(1900, 1, 1), (1901, 1, 1), (1970, 1, 1), (1899, 12, 31), (1753, 1, 1)})
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def birth_date_text(text: str, today: _dt.date | None = None) -> bool:
    """A full date (day, month and year) that can be a date of birth."""
    t = text.strip()

    def real(year: int, month: int, day: int) -> bool:
        return (year, month, day) not in _SENTINEL_DATES and v.birth_date(year, month, day, today)

    m = _DATE_ISO.match(t) or _DATE_COMPACT.match(t)
    if m:
        return real(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DATE_DMY.match(t)
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return real(year, b, a) or real(year, a, b)
    m = _DATE_TEXT.match(t)
    if m:
        day_text, month_text, year_text = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        number = _MONTHS.get(month_text[:3].lower())
        return number is not None and real(int(year_text), number, int(day_text))
    return False


_ABHA_HANDLE_PLACEHOLDERS = frozenset(
    "test user username name abc xyz demo sample example yourname your.name john.doe jane.doe "
    "someone somebody handle abha address patient firstname.lastname".split()
)


def _abha_address(text: str) -> bool:
    handle = text.rsplit("@", 1)[0].lower()
    if handle in _ABHA_HANDLE_PLACEHOLDERS or handle.startswith(("your", "test", "example", "dummy")):
        return False
    if handle.isdigit():
        return len(handle) == 14
    return len(handle) >= 4 and not handle[0].isdigit() and not handle.startswith(".") and not handle.endswith(".")


_EMAIL_PLACEHOLDER_DOMAINS = (
    "example.com", "example.org", "example.net", "example.edu", "test.com", "domain.com", "yourdomain.com",
    "email.com", "mail.com", "company.com", "mycompany.com", "acme.com", "foo.com", "bar.com", "sample.com",
    "test.org", "test.net", "testing.com", "fake.com", "dummy.com", "sample.org",
)
_EMAIL_PLACEHOLDER_TLDS = frozenset(
    "example test invalid localhost local internal lan localdomain corp home svc png jpg jpeg gif svg webp "
    "js css map json ts py txt log md html xml yaml yml".split()
)
_ROLE_LOCALS = frozenset(
    "noreply no-reply donotreply do-not-reply postmaster support info admin administrator root webmaster "
    "hostmaster abuse security alerts alert notifications notification mailer-daemon help contact sales "
    "billing team hello privacy dpo careers jobs service ops devops it hr git bounce bounces feedback "
    "marketing news newsletter office reception enquiries inquiries press legal compliance system "
    "user username test tester john.doe jane.doe johndoe janedoe someone nobody".split()
)


def _email(text: str) -> bool:
    local, _, domain = text.rpartition("@")
    domain = domain.lower()
    tld = domain.rsplit(".", 1)[-1]
    if tld in _EMAIL_PLACEHOLDER_TLDS or any(domain == d or domain.endswith("." + d) for d in _EMAIL_PLACEHOLDER_DOMAINS):
        return False
    if domain in ("example", "localhost") or domain.endswith((".cluster.local", ".svc")):
        return False
    local = local.lower()
    return local not in _ROLE_LOCALS and not local.startswith(("noreply", "no-reply", "test", "dummy", "fake"))


def _ip(text: str) -> bool:
    parts = [int(p) for p in text.split(".")]
    a, b, c = parts[0], parts[1], parts[2]
    if a in (0, 10, 127) or a >= 224 or (a == 169 and b == 254) or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168):
        return False
    if (a, b, c) in ((192, 0, 2), (198, 51, 100), (203, 0, 113)) or (a == 198 and b in (18, 19)) or (a == 100 and 64 <= b <= 127):
        return False  # documentation, benchmarking and carrier-grade NAT ranges
    return True


@dataclass(frozen=True, slots=True)
class Format:
    type: str
    pattern: re.Pattern[str]
    validate: Callable[[str], bool]
    none: float | None  # valid, no context
    patient: float | None  # valid, patient context on the line or record
    label: float | None  # valid, under a label naming the type
    needs_patient: bool = False  # even a labelled match needs patient context
    trigger: str = ""  # a cheap substring the line must contain before the pattern runs


def _fmt(type_: str, pattern: str, validate: Callable[[str], bool], none: float | None, patient: float | None,
         label: float | None, *, needs_patient: bool = False, flags: int = 0, trigger: str = "") -> Format:
    return Format(type_, re.compile(pattern, flags), validate, none, patient, label, needs_patient, trigger)


_D = r"(?<![\w\-/.:])"  # digits start: not inside a longer token
_E = r"(?![\w\-/]|[.:]\d)"  # digits end
_MBI_L = "AC-HJKMNP-RT-Y"

FORMATS: tuple[Format, ...] = (
    _fmt("us_ssn", _D + r"\d{3}-\d{2}-\d{4}" + _E, lambda t: v.ssn(_digits(t)), 0.5, 0.75, 0.95, trigger="-"),
    _fmt("us_ssn", _D + r"\d{3} ?\d{2} ?\d{4}" + _E, lambda t: v.ssn(_digits(t)), None, None, 0.9),
    _fmt("us_mbi", r"(?<![A-Za-z0-9\-])[1-9][" + _MBI_L + r"][" + _MBI_L + r"0-9]\d-?[" + _MBI_L + r"][" + _MBI_L
         + r"0-9]\d-?[" + _MBI_L + r"]{2}\d{2}(?![A-Za-z0-9\-])", lambda t: v.mbi(t.replace("-", "")), 0.6, 0.8, 0.95),
    _fmt("us_npi", _D + r"[12]\d{9}" + _E, v.npi, None, None, 0.9),
    _fmt("us_dea", r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z9]\d{7}(?![A-Za-z0-9])", v.dea, None, None, 0.9),
    _fmt("uk_nhs", _D + r"\d{3}[ -]?\d{3}[ -]?\d{4}" + _E, lambda t: v.nhs(_digits(t)), None, None, 0.95),
    _fmt("in_aadhaar", _D + r"[2-9]\d{3}([ -])\d{4}\1\d{4}(?![\w\-/]|[.:]\d| \d)", lambda t: v.aadhaar(_digits(t)), 0.55, 0.8, 0.95),
    _fmt("in_aadhaar", _D + r"[2-9]\d{11}" + _E, v.aadhaar, None, None, 0.9),
    _fmt("in_abha_number", _D + r"\d{2}-\d{4}-\d{4}-\d{4}" + _E, lambda t: v.abha_number(_digits(t)), 0.5, 0.75, 0.95, trigger="-"),
    _fmt("in_abha_number", _D + r"\d{2} ?\d{4} ?\d{4} ?\d{4}" + _E, lambda t: v.abha_number(_digits(t)), None, None, 0.9),
    _fmt("in_abha_address", r"(?<![\w.@\-])(?:[A-Za-z][A-Za-z0-9._]{2,31}|\d{14})@(?:abdm|sbx|ndhm)(?![\w\-]|\.\w)",
         _abha_address, 0.9, 0.9, 0.95, trigger="@"),
    _fmt("in_pan", r"(?<![A-Za-z0-9])[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z](?![A-Za-z0-9])", v.pan, None, 0.6, 0.9, needs_patient=True),
    _fmt("iban", r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])", v.iban,
         None, 0.8, 0.9, needs_patient=True),
    _fmt("credit_card", _D + r"(?:\d{4}[ -]){3}\d{1,7}" + _E, lambda t: _digits(t) not in _TEST_CARDS and v.card(_digits(t)), 0.6, 0.7, 0.95),
    _fmt("credit_card", _D + r"3[47]\d{2}[ -]\d{6}[ -]\d{5}" + _E, lambda t: _digits(t) not in _TEST_CARDS and v.card(_digits(t)), 0.6, 0.7, 0.95),
    _fmt("credit_card", _D + r"\d{13,19}" + _E, lambda t: t not in _TEST_CARDS and v.card(t), None, None, 0.9),
    _fmt("zip_plus4", _D + r"\d{5}-\d{4}" + _E, lambda t: not v.all_same(_digits(t)), None, 0.6, 0.8, needs_patient=True, trigger="-"),
    _fmt("email", r"(?<![\w.+\-%])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@(?:[A-Za-z0-9\-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![\w\-]|\.\w)",
         _email, 0.6, 0.85, 0.85, trigger="@"),
    _fmt("us_phone", r"(?<![\w+\-])(?:\+1[\s.\-]?)?\(\d{3}\)[\s.\-]?\d{3}[\s.\-]\d{4}" + _E, lambda t: _nanp(_digits(t)), 0.5, 0.75, 0.9, trigger="("),
    _fmt("us_phone", r"(?<![\w+\-])\+1[\s.\-]?\d{3}[\s.\-]\d{3}[\s.\-]\d{4}" + _E, lambda t: _nanp(_digits(t)), 0.5, 0.75, 0.9, trigger="+1"),
    _fmt("us_phone", _D + r"(?:1[\s.\-])?\d{3}[\s.\-]\d{3}[\s.\-]\d{4}" + _E, lambda t: _nanp(_digits(t)), None, None, 0.85),
    _fmt("in_mobile", r"(?<![\w+\-])\+91[\s\-]?[6-9]\d{4}[\s\-]?\d{5}" + _E, lambda t: _in_mobile(_digits(t)), 0.55, 0.75, 0.9, trigger="+91"),
    _fmt("in_mobile", _D + r"(?:0|91)?[6-9]\d{4}[\s\-]?\d{5}" + _E, lambda t: _in_mobile(_digits(t)), None, None, 0.85),
    _fmt("eu_phone", r"(?<![\w+\-])\+(?:3[0-469]|4[0-9]|35\d|37\d|38\d|42\d)[\s.\-]?\(?0?\d{1,4}\)?(?:[\s.\-]?\d{2,4}){2,4}" + _E,
         _eu_phone, 0.5, 0.75, 0.9, trigger="+"),
    _fmt("ip_address", r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.])",
         _ip, None, None, None, needs_patient=True, trigger="."),
    _fmt("dob", _D + r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{8})" + _E, birth_date_text, None, None, 0.9),
    _fmt("dob", r"(?<![\w])(?:\d{1,2}(?:st|nd|rd|th)?[\s\-/]+[A-Za-z]{3,9}\.?,?[\s\-/]+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})(?!\w)",
         birth_date_text, None, None, 0.9),
)

PHONE_TYPES = frozenset({"us_phone", "in_mobile", "eu_phone"})

# Lower-case words one of which a line must contain before a format that only counts under a
# label is even tried (a structured field with the type's role enables it too). Generous on
# purpose: this is a speed gate, the label check proper comes after.
LABEL_WORDS: dict[str, tuple[str, ...]] = {
    "us_ssn": ("ssn", "social"),
    "us_npi": ("npi",),
    "us_dea": ("dea",),
    "uk_nhs": ("nhs",),
    "in_aadhaar": ("aadha", "aadhar", "uid"),
    "in_abha_number": ("abha", "health"),
    "credit_card": ("card", "cc", "credit", "pan"),
    "us_phone": ("phone", "mobile", "tel", "cell", "fax", "contact", "msisdn", "whatsapp", "sms"),
    "in_mobile": ("phone", "mobile", "tel", "cell", "fax", "contact", "msisdn", "whatsapp", "sms"),
    "dob": ("dob", "birth", "born", "bday"),
}


_EMAIL_DOMAIN = re.compile(r"[\w.+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
# A domain named as made up (`fake-email19082304.com`, `testingorg.com`, `dummy-mail.net`).
_MADE_UP_DOMAIN = re.compile(r"^(?:fake|dummy|test|sample|example|placeholder)|[-_](?:fake|dummy|test|sample|example)(?:[-_]|$)")


def placeholder_email_in(text: str) -> bool:
    """The line holds an e-mail at a placeholder domain (`frank@email.com`, `x@example.org`,
    `a@b.test`): the record it belongs to was made up."""
    for found in _EMAIL_DOMAIN.finditer(text):
        domain = found.group(1).lower()
        if domain in _EMAIL_PLACEHOLDER_DOMAINS or domain.rsplit(".", 1)[-1] in ("example", "test", "invalid"):
            return True
        if _MADE_UP_DOMAIN.search(domain.split(".", 1)[0]):
            return True
    return False
