"""Synthetic names and addresses from Faker, in the source's locale (en_US, en_GB, en_IN),
seeded per value from the keyed HMAC, so a name maps to the same substitute everywhere.

Names are replaced word by word, as given or family name: `Meera Rao`, `Rao^Meera` (HL7) and
`{"family": "Rao", "given": ["Meera"]}` (FHIR) all become the same person. Faker is imported
on first use only.
"""

from __future__ import annotations

import re
from typing import Any

from hms_policy.deidentify.keyed import Keyed

LOCALES = ("en_US", "en_GB", "en_IN")
_FAKERS: dict[str, Any] = {}
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", re.UNICODE)
_TITLES = frozenset(["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "smt", "shri", "sri", "mx"])


def _faker(locale: str) -> Any:
    fake = _FAKERS.get(locale)
    if fake is None:
        from faker import Faker  # heavy: imported only when a name or an address is replaced

        fake = Faker(locale)
        _FAKERS[locale] = fake
    return fake


def _seeded(locale: str, keyed: Keyed, purpose: str, value: str) -> Any:
    fake = _faker(locale)
    fake.seed_instance(keyed.number(purpose, value) & ((1 << 63) - 1))
    return fake


def _case_like(original: str, new: str) -> str:
    if original.isupper() and len(original) > 1:
        return new.upper()
    if original.islower():
        return new.lower()
    return new


def name_word(word: str, part: str, keyed: Keyed, locale: str) -> str:
    """One name word as `given` or `family`: titles and initials stay."""
    low = word.lower().rstrip(".")
    if low in _TITLES or len(low) <= 1:
        return word
    fake = _seeded(locale, keyed, f"name:{part}", low)
    new = fake.first_name() if part == "given" else fake.last_name()
    new = new.split()[0].replace("'", "")  # one word, no quote characters to escape downstream
    return _case_like(word, new)


def name_text(text: str, part: str, keyed: Keyed, locale: str) -> str:
    """A name as written: every word replaced. `part` is given, family, or full (the last word
    is the family name, or the words before a comma: `Rao, Meera`)."""
    words = list(_WORD.finditer(text))
    if not words:
        return text
    if part == "full":
        comma = text.find(",")
        if 0 <= comma:
            parts = ["family" if w.start() < comma else "given" for w in words]
        else:
            real = [w for w in words if w.group(0).lower().rstrip(".") not in _TITLES]
            last = real[-1] if real else words[-1]
            parts = ["family" if w is last and len(real) > 1 else "given" for w in words]
    else:
        parts = [part] * len(words)
    out, at = [], 0
    for w, p in zip(words, parts):
        out.append(text[at : w.start()])
        out.append(name_word(w.group(0), p, keyed, locale))
        at = w.end()
    out.append(text[at:])
    return "".join(out)


def street(text: str, keyed: Keyed, locale: str) -> str:
    fake = _seeded(locale, keyed, "street", " ".join(text.lower().split()))
    return " ".join(fake.street_address().replace("'", "").split())


def city(text: str, keyed: Keyed, locale: str) -> str:
    fake = _seeded(locale, keyed, "city", text.strip().lower())
    return _case_like(text.strip(), fake.city().replace("'", ""))


def guess_locale(sample: str) -> str:
    """The source's locale from a sample of it: Indian and British identifiers, phone prefixes
    and words; US otherwise."""
    low = sample.lower()
    india = sum(low.count(w) for w in ("aadhaar", "aadhar", "abha", "+91", "@abdm", "@sbx", "pincode", "nagar", "mumbai", "delhi", "bengaluru", "chennai", "ndhm"))
    uk = sum(low.count(w) for w in ("nhs", "+44", "postcode", "london", "manchester", "surgery", "gp_"))
    if india > uk and india:
        return "en_IN"
    if uk:
        return "en_GB"
    return "en_US"
