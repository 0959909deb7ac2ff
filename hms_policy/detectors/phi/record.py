"""Record-level judgement: does the record a line belongs to describe a person?

A value is PHI because of the record it sits in, not because of its key alone. Evidence
that a record is about a patient or member: its table, element or enclosing JSON key is
named for people (`INSERT INTO patient`, `<person_name .../>`, `"patients": [...]`), FHIR
Patient / HL7 PID structure, two quasi-identifiers together (a name or an identifier with
a date of birth, contact or address), or one checksum-validated identifier. A contact, a
date of birth or an address alone in reference data (a ward's e-mail, a package author)
is not patient data, and obviously synthetic people (`Test Patient`, `Super User`,
`Basic Patient 3`, Faker phones with `x738` extensions) lower the whole record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from hms_policy.detectors.phi.keys import words

TableKind = Literal["person", "other"]

# Words naming a table, element or JSON key whose records are people.
_PERSON_WORDS = frozenset(
    "patient patients person persons people member members beneficiary beneficiaries subscriber subscribers "
    "insured insuree insurees guarantor guarantors kin relatedperson client clients".split()
)
# A last word that makes the table metadata about people, not people (`patient_identifier_type`).
_METADATA_LAST = frozenset(
    "type types category categories attribute attributes privilege privileges status statuses "
    "state states option options setting settings config configuration template templates".split()
)


# Words before `members` that make them parts of a thing, not people (`groupMembers`, `setMembers`).
_NOT_PEOPLE_BEFORE = frozenset("group set array list collection concept obs org organisation organization".split())


# Places and organisational units. A generic person key inside one of them names an office holder
# or contact of the unit (a ward's councillor, a facility's contact person), not a patient:
# `"wards": [{"person": {...}}]`. Patient words keep their meaning there (`"wards": [{"patients": ...}]`).
_PLACE_WORDS = frozenset(
    "ward wards district districts block blocks village villages town towns city cities municipality municipalities "
    "panchayat panchayats lsg localbody localbodies constituency constituencies county counties region regions "
    "province provinces zone zones facility facilities hospital hospitals department departments office offices "
    "organisation organisations organization organizations branch branches".split()
)
_GENERIC_PEOPLE = frozenset("person persons people member members contact contacts".split())


def place_kind(name: str) -> bool:
    """Whether a key names a place or organisational unit (`wards`, `localBodies`, `facility`)."""
    parts = words(name)
    return bool(parts) and (parts[-1] in _PLACE_WORDS or "".join(parts) in _PLACE_WORDS)


def office_holder(name: str) -> bool:
    """A generic people key (`person`, `members`), which inside a place names its office holders."""
    parts = words(name)
    return bool(parts) and parts[-1] in _GENERIC_PEOPLE


def table_kind(name: str) -> TableKind:
    parts = words(name)
    if not parts or parts[-1] in _METADATA_LAST:
        return "other"
    for i, part in enumerate(parts):
        if part in _PERSON_WORDS and not (part.startswith("member") and i and parts[i - 1] in _NOT_PEOPLE_BEFORE):
            return "person"
    return "other"


# Identifiers that single a person out: with one of these, a second value makes a record.
ANCHORS = frozenset(
    "person_name us_ssn us_mbi mrn health_plan_id in_aadhaar in_abha_number in_abha_address uk_nhs in_pan".split()
)
# Checksum-validated identifiers: evidence on their own.
VALIDATED = frozenset("us_ssn us_mbi in_aadhaar in_abha_number uk_nhs".split())
# Quasi-identifiers that are PHI only inside a person's record.
DEPENDENT = frozenset("dob email us_phone in_mobile eu_phone street_address zip_plus4".split())
CONTACT = frozenset("email us_phone in_mobile eu_phone".split())
CLINICAL = frozenset("diagnosis_code clinical_field fhir_clinical".split())
PERSONAL = ANCHORS | DEPENDENT | CLINICAL

# Name words that mark an invented person: test users, system accounts, template rows.
_SYNTHETIC_WORDS = frozenset(
    "test tester testing dummy sample fake demo example patient user users system admin administrator "
    "superuser placeholder anonymous unknown nobody lorem ipsum foo bar baz qux foobar required optional "
    "mandatory firstname lastname middlename fullname givenname familyname generic middle".split()
)
# Famous fictional characters, as HL7 and FHIR tutorials name their sample patients (Mickey
# Mouse at a theme park, Zaphod Beeblebrox, Homer Simpson): given and family name together.
_FICTIONAL_PEOPLE = frozenset(
    tuple(pair.split("-")) for pair in
    "mickey-mouse minnie-mouse donald-duck daisy-duck daffy-duck bugs-bunny homer-simpson marge-simpson "
    "bart-simpson lisa-simpson fred-flintstone wilma-flintstone barney-rubble zaphod-beeblebrox arthur-dent "
    "luke-skywalker leia-organa darth-vader harry-potter hermione-granger sherlock-holmes bruce-wayne "
    "clark-kent peter-parker tony-stark john-public jane-public huckleberry-finn tom-sawyer mario-bros "
    "luigi-bros chandler-bing ross-geller rachel-green monica-geller phoebe-buffay joey-tribbiani".split()
)
_SYNTHETIC_PARTS = ("test", "dummy", "fake", "sample")
# Surnames that stand for "someone unnamed" in forms and test data: John/Jane Doe (US), Joe
# Bloggs (UK), Max Mustermann / Erika Musterfrau (Germany), and HL7 v2's own example patients
# Adam Everyman / Eve Everywoman.
_PLACEHOLDER_SURNAMES = frozenset("doe bloggs mustermann musterfrau everyman everywoman".split())
# Fictional US numbers: area code 555 (never assigned; Synthea writes 555-xxx-xxxx), the 555
# exchange (555-0100 to 555-0199 reserved for fiction, the rest never given to subscribers)
# and 867-5309, the song.
_FICTIONAL_PHONE = re.compile(r"^1?555\d{7}$|(?:^1?\d{3}|^)555\d{4}$|8675309$")
_FAKER_EXTENSION = re.compile(r"\d\s*(?:x|ext\.?)\s*\d{2,5}\s*$", re.I)


def synthetic_name(value: str) -> bool:
    """`Horatio Test Banka`, `John testlastN`, `Super User`, `Basic Patient 3`, `firstName`."""
    tokens = [t for t in re.split(r"[\s,^&~]+", value.strip()) if t]
    if not tokens:
        return False
    lowered = [t.lower().strip(".") for t in tokens]
    if any(t in _SYNTHETIC_WORDS or t in _PLACEHOLDER_SURNAMES or any(p in t for p in _SYNTHETIC_PARTS) for t in lowered):
        return True
    if any(c.isdigit() for c in value):
        return True  # sequential ids: `Patient 12`, `user3`, Synthea's `Marcel214`
    words = [t for t in lowered if t.isalpha() and len(t) > 1]
    if any((a, b) in _FICTIONAL_PEOPLE or (b, a) in _FICTIONAL_PEOPLE for a, b in zip(words, words[1:])):
        return True  # `MOUSE^MICKEY`, `Homer J Simpson` (a middle initial is not alphabetic)
    if any(_run(t) or _unpronounceable(t) for t in lowered):
        return True  # `Abc Def`, `xxx`, `qwerty`, keyboard mash `dw`
    return len(lowered) > 1 and len(set(lowered)) == 1  # `Abhishek Abhishek`


_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _run(token: str) -> bool:
    """A run of the alphabet or a keyboard row (`abc`, `def`, `asdf`), or one letter repeated."""
    if len(token) < 2 or not token.isalpha():
        return False
    if len(set(token)) == 1:
        return True
    return len(token) >= 3 and (token in _ALPHABET or any(token in row for row in _KEYBOARD_ROWS))


def _unpronounceable(token: str) -> bool:
    """No vowel at all (`dw`, `fhqb`): typed to fill a field. (`Ng` is a real surname.)"""
    return len(token) >= 2 and token.isalpha() and token.isascii() and token != "ng" and not any(c in "aeiouy" for c in token)


def name_tokens(value: str) -> set[str]:
    """The words of a name that can tie another record to an invented person."""
    return {t for t in (w.lower().strip(".") for w in re.split(r"[\s,^&~]+", value)) if len(t) >= 3 and t.isalpha() and t not in _SYNTHETIC_WORDS}


# Words of a street address (`road`, `marg`, `strasse`, `apt`): an address line names a place.
STREET_WORD = re.compile(
    r"\b(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|"
    r"highway|hwy|marg|nagar|colony|sector|strasse|straße|rue|via|calle|apt|suite|unit|flat|house)\b\.?",
    re.I,
)


# `123 Main St.`, `1234 Main Road`, `123 Fake Street`, `123 Any Street`, `1 Fake AtHome Test
# Street`: the address forms and tutorials write for nobody in particular.
_PLACEHOLDER_ADDRESS = re.compile(
    r"^\s*(?:123|1234|12345)\s+(?:main|fake|any|anywhere|example|sample|test)\b|^\s*1\s+main\s+st(?:reet)?\b\.?\s*$|\b(?:fake|dummy|test|example)\b[\w .'-]*\b(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr)\b",
    re.I,
)


# A record written as a template, its slots not yet filled: `##PatientID##`, `{{ patient.name }}`,
# `${birthDate}`, `<%= dob %>`, `__FIRST_NAME__`, or a slot named by glued capital words as test
# generators write them (`SSNHOLDER`, `STREETADDRESS`, `BIRTHYEAR`, `PATIENTCITY`). The values
# beside the slots are the template's made-up filler, not anyone's record.
_TEMPLATE_SLOT = re.compile(
    r"##[A-Za-z][\w.]{1,40}##|\{\{\s*[A-Za-z_][\w.]{1,40}\s*\}\}|\$\{[A-Za-z_][\w.]{1,40}\}|<%=?\s*[A-Za-z_][\w.]{1,40}\s*%>"
    r"|\b__[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*__\b|\b[A-Z]{7,30}\b"
)
_SLOT_WORDS = frozenset(
    "ssn holder street address birth year month day date patient city state zip postal code uuid timestamp first "
    "last given family middle name phone email mail placeholder dob mrn unit county country number id time".split()
)


def template_record(text: str) -> bool:
    return any(_is_slot(m.group(0)) for m in _TEMPLATE_SLOT.finditer(text))


def _is_slot(token: str) -> bool:
    if not token.isalpha():
        return True  # the delimited forms
    return _splits_into_slot_words(token.lower(), 0)


def _splits_into_slot_words(word: str, parts: int) -> bool:
    """`streetaddress` -> street + address: two or more words of _SLOT_WORDS and nothing else."""
    if not word:
        return parts >= 2
    return any(word.startswith(w) and _splits_into_slot_words(word[len(w):], parts + 1) for w in _SLOT_WORDS)


def placeholder_address(value: str) -> bool:
    return _PLACEHOLDER_ADDRESS.search(value) is not None


def faker_phone(value: str) -> bool:
    """Faker's US phone formats end in an extension (`316.472.9452 x738`); real records rarely do.
    A number in the range kept for fiction (`555-0142`, `867-5309`) or typed in a row
    (`1234-5678`) is invented as well."""
    if _FAKER_EXTENSION.search(value):
        return True
    digits = "".join(c for c in value if c.isdigit())
    return len(digits) >= 7 and (_FICTIONAL_PHONE.search(digits) is not None or _typed_run(digits))


def _typed_run(digits: str) -> bool:
    """`1234-5678`, `987-654-3210`, `000-0000`: digits typed in a row, not a number anyone has."""
    steps = {(int(b) - int(a)) % 10 for a, b in zip(digits, digits[1:])}
    return len(steps) == 1 and steps <= {0, 1, 9}


@dataclass(slots=True)
class NameStats:
    """The person names of a file of whole records (CSV rows, INSERT tuples), judged together:
    a generated dataset gives itself away in bulk. Only counts and digests are kept."""

    count: int = 0
    alliterative: int = 0
    distinct: set[int] = field(default_factory=set)  # hashes of the names, never the names

    def add(self, value: str) -> None:
        tokens = [t for t in re.split(r"[\s,^&~]+", value.strip()) if t.isalpha()]
        if len(tokens) < 2:
            return
        self.count += 1
        self.alliterative += tokens[0][0].lower() == tokens[-1][0].lower()
        self.distinct.add(hash(" ".join(t.lower() for t in tokens)))

    def generated(self) -> bool:
        """Alliterative names on almost every row (`Adriana Akiyama`, `Brinda Bestee`), as name
        generators for demo data write them; about one real name in fifteen is. (A few names
        repeated over many rows is no such sign: one patient's visit history looks like that.)"""
        return len(self.distinct) >= 3 and 10 * self.alliterative >= 8 * self.count

    def repeated(self) -> bool:
        """One or two names over many rows (`Tommy Smallson` on every row of a load test). In a
        test fixture that is generated data; elsewhere it may be one patient's history."""
        return self.count >= 6 and len(self.distinct) <= 2


@dataclass(slots=True)
class RecordVerdict:
    keep: frozenset[str]  # hit types the record supports
    synthetic: bool


def judge(types: set[str], *, whole: bool, person: bool, table: TableKind | None, strong: bool, synthetic: bool) -> RecordVerdict:
    """Which personal hit types the record supports.

    whole: the record is all on this line (a CSV row, an INSERT tuple, a dbunit element);
    person: structure says the record is about a person (table, element, JSON key);
    strong: FHIR Patient or HL7 PID structure; synthetic: an invented person.
    """
    if synthetic:
        return RecordVerdict(frozenset(), True)
    if strong or types & VALIDATED:
        return RecordVerdict(frozenset(types), False)
    anchored = bool(types & ANCHORS)
    if table == "other":
        return RecordVerdict(frozenset(), False)  # a concept, a ward, a user account: not a person record
    if whole:
        # the whole record is here: it needs an anchor to identify anyone
        return RecordVerdict(frozenset(types) if anchored else frozenset(), False)
    if anchored or person:
        return RecordVerdict(frozenset(types), False)
    # a lone value outside any person record: contacts, dates and clinical words stay out
    return RecordVerdict(frozenset(types - DEPENDENT - CLINICAL), False)
