"""Is this identifier patient data? Shared by the Python, JavaScript and Java PHI detectors.

An identifier (`patient_ssn`, `dateOfBirth`, `getMrn`, `ABHA_NUMBER`) is split into lower-
case words and searched for a patient-data term. The words around the term decide:

* a qualifier after the term turns the value into something else: a flag, a count, a
  digest, a label or a helper (`ssn_verified`, `email_count`, `dob_hash`, `ssn_last4`,
  `phone_field`, `email_validator`, `email_template`), so it is not PHI;
* some words before the term do the same (`has_ssn`, `is_email_valid`, `num_phone`,
  `fake_ssn`, `admin_email`, `from_email`, `support_phone`), and `address` after a network
  word is no postal address (`ip_address`, `mac_address`, `server_address`).

This is deliberately a naming heuristic: what it cannot see (a column called `x` that
holds SSNs) it does not report, and a bool named `ssn` would be reported (name it
`has_ssn`/`ssn_verified`, or annotate it `: bool` in Python, where the flow detector
honours the annotation).
"""

from __future__ import annotations

import re
from functools import lru_cache

# (words, label, strong). Strong terms are identifiers in any context; the others are
# personal data everywhere but may also name system values, so they get less confidence.
TERMS: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    (("ssn",), "ssn", True),
    (("ssns",), "ssn", True),
    (("social", "security", "number"), "ssn", True),
    (("social", "security", "no"), "ssn", True),
    (("social", "security"), "ssn", True),
    (("dob",), "date_of_birth", True),
    (("date", "of", "birth"), "date_of_birth", True),
    (("birth", "date"), "date_of_birth", True),
    (("birthdate",), "date_of_birth", True),
    (("birthday",), "date_of_birth", True),
    (("mrn",), "mrn", True),
    (("mrns",), "mrn", True),
    (("medical", "record", "number"), "mrn", True),
    (("medical", "record", "no"), "mrn", True),
    (("medical", "record", "num"), "mrn", True),
    (("diagnosis",), "diagnosis", True),
    (("diagnoses",), "diagnosis", True),
    (("icd10",), "icd10", True),
    (("icd", "10"), "icd10", True),
    (("icd", "code"), "icd10", True),
    (("icd", "codes"), "icd10", True),
    (("insurance", "id"), "insurance_id", True),
    (("insurance", "number"), "insurance_id", True),
    (("insurance", "no"), "insurance_id", True),
    (("member", "id"), "member_id", True),
    (("member", "number"), "member_id", True),
    (("member", "no"), "member_id", True),
    (("policy", "no"), "insurance_id", True),
    (("patient", "identifier"), "patient_identifier", True),
    (("patient", "identifiers"), "patient_identifier", True),
    (("uhid",), "mrn", True),
    (("national", "id"), "national_id", True),
    (("national", "identifier"), "national_id", True),
    (("subscriber", "id"), "member_id", True),
    # a bare `beneficiaryId` is the key of a beneficiary's record (a UUID, a warehouse surrogate
    # key); the Medicare Beneficiary Identifier is named for Medicare
    (("medicare", "beneficiary", "id"), "member_id", True),
    (("medicare", "beneficiary", "identifier"), "member_id", True),
    (("policy", "number"), "insurance_id", True),
    (("medicare", "id"), "member_id", True),
    (("medicare", "number"), "member_id", True),
    (("medicaid", "id"), "member_id", True),
    (("mbi",), "member_id", True),
    (("aadhaar",), "aadhaar", True),
    (("aadhar",), "aadhaar", True),
    (("abha",), "abha", True),
    (("health", "id"), "health_id", True),
    (("nhs", "number"), "nhs_number", True),
    (("patient", "name"), "patient_name", True),
    (("patient", "names"), "patient_name", True),
    (("first", "name"), "name", False),
    (("last", "name"), "name", False),
    (("full", "name"), "name", False),
    (("given", "name"), "name", False),
    (("family", "name"), "name", False),
    (("middle", "name"), "name", False),
    (("maiden", "name"), "name", False),
    (("surname",), "name", False),
    (("firstname",), "name", False),
    (("lastname",), "name", False),
    (("fullname",), "name", False),
    (("address",), "address", False),
    (("addresses",), "address", False),
    (("street",), "address", False),
    (("zipcode",), "zip_code", False),
    (("zip", "code"), "zip_code", False),
    (("postal", "code"), "zip_code", False),
    (("postcode",), "zip_code", False),
    (("phone",), "phone", False),
    (("phones",), "phone", False),
    (("telephone",), "phone", False),
    (("mobile", "number"), "phone", False),
    (("mobile", "no"), "phone", False),
    (("mobile", "phone"), "phone", False),
    (("cell", "phone"), "phone", False),
    (("phone", "number"), "phone", False),
    (("email",), "email", False),
    (("emails",), "email", False),
    (("e", "mail"), "email", False),
)

# After the term: the value is derived, masked, a flag, or a helper object.
_QUALIFIERS = frozenset(
    """verified verification verify valid validated validation validator validators invalid
    present exists exist missing required optional enabled disabled allowed count counts len length
    size max min limit hash hashed digest hmac masked mask masker redacted redact encrypted enc
    cipher token tokenized tokenised last4 last first4 suffix prefix type types kind format fmt
    formatter regex re pattern patterns parser field fields column col cols key keys label labels
    header headers status state error errors err template templates subject body backend host
    server port sender domain provider service client config conf settings sent opt consent
    changed updated at on by widget serializer schema model cls class handler manager util utils
    helper check checked flag mode policy rule rules url uri path file filename year
    estimated estimate precision accuracy approximate approx known unknown use uses set sets""".split()
)
# After the term: the key of a row that holds the value (`address_id`, `getPhoneUuid`), not
# the value. Not for e-mail: `emailId` is the address itself in much Indian code.
_KEY_WORDS = frozenset("id ids uuid uuids pk guid".split())
# Before the term: the same, or a system/sample value.
_PREFIXES = frozenset(
    """has is was num n count valid validate invalid check verify with without no sample
    example test fake mock dummy default admin support sender noreply no_reply system smtp
    from reply mask masked hash hashed redact redacted encrypted len max min missing total""".split()
)
# Before `address`: a place in a file system, not a postal address (`abs_address`, `file_address`).
_FILE_SYSTEM = frozenset("abs absolute relative rel file dir directory folder disk symlink".split())
_NETWORK = frozenset(
    """ip ipv4 ipv6 mac host server bind listen remote local socket wallet contract memory mem
    base return broadcast network net proxy smtp url web http endpoint peer node gateway
    bitcoin btc eth device hardware virtual physical reply noreply sender from mail email
    middleware service backend upstream dns router vpn loopback multicast cluster
    return_""".split()
)
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z]|\d|\b|_)|[A-Z]?[a-z]+|\d+")

_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
for _term in sorted(TERMS, key=lambda t: -len(t[0])):
    _BY_FIRST.setdefault(_term[0][0], []).append(_term)


def words(identifier: str) -> list[str]:
    """`patientDateOfBirth` -> [patient, date, of, birth]; `SSN_LAST4` -> [ssn, last, 4]."""
    out: list[str] = []
    for chunk in re.split(r"[^A-Za-z0-9]+", identifier):
        if not chunk:
            continue
        if chunk.isupper() or chunk.islower():
            out.extend(p.lower() for p in re.findall(r"[A-Za-z]+|\d+", chunk))
        else:
            out.extend(p.lower() for p in _WORD.findall(chunk))
    # "last4" / "icd10" written together
    merged: list[str] = []
    for w in out:
        if w.isdigit() and merged and merged[-1] in ("last", "icd", "first") and w in ("4", "10"):
            merged[-1] = merged[-1] + w
        else:
            merged.append(w)
    return merged


def network_object(name: str) -> bool:
    """`server`, `xmppConnection`, `remoteHost`: an object whose `getAddress()` is a network
    address (a host, a JID), not a person's postal address."""
    ws = words(name)
    return bool(ws) and ws[-1] in _NETWORK | {"connection", "conn", "channel"}


# Before `member`: a member of a thing, not a person who is a plan member (`ReferenceSetMember`,
# `valueSetMember`, `arrayMember`). Not `group` or `org`: a group plan's member is a person.
_THING_BEFORE_MEMBER = frozenset("set sets refset refsets reference array list collection concept enum struct class union value".split())


def thing_member(owner: str) -> bool:
    """`ReferenceSetMember::getMemberId`, `refsetMember.getMemberId()`: the id of an entry of a
    terminology set or a collection, not a health-plan member's id."""
    ws = words(owner)
    for i, w in enumerate(ws):
        if w in ("member", "members") and _THING_BEFORE_MEMBER.intersection(ws[:i]):
            return True
    return False


@lru_cache(maxsize=4096)
def classify(identifier: str) -> tuple[str, bool] | None:
    """(label, strong) when `identifier` names patient data, else None."""
    ws = words(identifier)
    for i, w in enumerate(ws):
        for term, label, strong in _BY_FIRST.get(w, ()):
            n = len(term)
            if tuple(ws[i : i + n]) != term:
                continue
            after, before = ws[i + n :], ws[:i]
            if any(a in _QUALIFIERS for a in after):
                return None
            if label != "email" and after and (after[0] in _KEY_WORDS or after[-1] in _KEY_WORDS):
                return None  # `addressId`, `diagnosisSetIds`: the keys of rows, not their values
            if any(b in _PREFIXES for b in before):
                return None
            if label == "address" and before and (before[-1] in _NETWORK or before[-1] in _FILE_SYSTEM):
                return None
            if label == "email" and after[:1] == ["address"]:
                return ("email", strong)
            return (label, strong)
    return None


# A value that is a whole patient record (its repr or dict carries every field).
_RECORD_WORDS = frozenset("patient patients".split())
_RECORD_TAILS = frozenset(
    "patient patients record records data info details detail profile obj object demographics dict json payload resource".split()
)


@lru_cache(maxsize=4096)
def is_record(identifier: str) -> bool:
    """`patient`, `current_patient`, `patient_record`, `PatientProfile` (not `patient_id`,
    `patient_count`, `patient_url`, `PatientService`)."""
    ws = words(identifier)
    if ws and ws[0] in _COUNT_PREFIXES:
        return False  # `totalPatients`, `numPatients`: how many
    return bool(ws) and bool(_RECORD_WORDS.intersection(ws)) and ws[-1] in _RECORD_TAILS


_COUNT_PREFIXES = frozenset("total num number count n max min".split())


# Attributes of a patient record that identify the patient even though the bare word does
# not (`patient.name`, FHIR `patient.telecom`, `patient.identifier`).
# HAPI FHIR's `getIdentifierFirstRep()` is the first identifier (the MRN, usually).
RECORD_FIELDS = frozenset(
    "name names given family telecom identifier identifiers contact contacts birth identifierfirstrep namefirstrep telecomfirstrep".split()
)


# Literal values that may be identifiers (an SSN, a date of birth, a phone or record
# number, an e-mail address) written into the code of a finding's line: masked in the
# snippet, since PHI rules show code (`redaction: none`) and the code may quote test data.
_LITERAL_VALUE = re.compile(r"(?<![\w.])\d(?:[-/. ]?\d){4,}(?![\w])|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")


def literal_value_spans(line: str) -> list[tuple[int, int]]:
    """Character ranges of number runs (five digits or more) and e-mail addresses."""
    return [m.span() for m in _LITERAL_VALUE.finditer(line)]


# Models whose rows are about one patient: their instances (and diffs) are patient data.
_PATIENT_BEARING = frozenset(
    """patient patients person encounter visit admission discharge observation obs diagnosis
    condition prescription medication allergy immunization vaccination appointment insuree
    beneficiary consultation referral procedure labresult specimen""".split()
)


@lru_cache(maxsize=1024)
def patient_bearing_model(name: str) -> bool:
    """`Patient`, `PatientVisit`, `Encounter`, `Insuree` (not `Invoice`, `PatientService`)."""
    ws = words(name)
    return bool(ws) and name[:1].isupper() and bool(_PATIENT_BEARING.intersection(ws)) and ws[-1] not in ("service", "type", "types", "config", "settings", "form", "serializer", "admin", "manager", "view", "factory")


# A name or a contact alone (no patient-specific field, no whole record) does not say whose it
# is: a patient's, or a staff user's, an operator's, a vendor's. The PHI-flow rules report it
# at medium, so it fails the default gate only with patient evidence.
# A ZIP or postal code alone is part of an address (a public lookup table's key as often as
# anyone's), so it counts as one.
CONTACT_OR_NAME = frozenset("email phone address name zip_code".split())
# Files that manage staff accounts (sign-in, password reset, provisioning, the user model): a
# contact or name logged there is the account's own, which audit lines name on purpose. A path
# that names patients or members (a patient portal's login) keeps its findings.
_ACCOUNT_PATH_WORDS = frozenset(
    "auth authentication login logout signin signup password passwords reset provision provisioning "
    "sso oauth user users account accounts".split()
)
_PATIENT_PATH_WORDS = frozenset("patient patients member members portal beneficiary insuree person persons".split())


# Words that tie a contact or a name to a patient: the people whose data the system holds.
PATIENT_WORDS = frozenset(
    "patient patients member members insuree insurees beneficiary beneficiaries enrollee enrollees guardian caregiver kin".split()
)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def mentions_patient(code: str) -> bool:
    """Some identifier or word in the code names a patient (`patient.phone`, `member_id`)."""
    return any(PATIENT_WORDS.intersection(words(name)) for name in _IDENTIFIER.findall(code))


def _path_words(path: str) -> set[str]:
    return {w for part in path.rsplit(".", 1)[0].split("/") for w in words(part)}


def about_patients(path: str) -> bool:
    """The file's path names patients or members (`patientPortal/auth/login.js`): the people
    it handles are the ones whose data the system holds (a `person` may be staff)."""
    return bool(_path_words(path) & (_PATIENT_PATH_WORDS - {"person", "persons"}))


def manages_accounts(path: str) -> bool:
    """The file manages staff accounts: a contact or name logged there is the account's own."""
    said = _path_words(path)
    return bool(said & _ACCOUNT_PATH_WORDS) and not said & _PATIENT_PATH_WORDS
