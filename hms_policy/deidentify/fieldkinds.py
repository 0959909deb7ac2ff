"""What a named field holds, for de-identification: the PHI detector's vocabulary of field
names (`keys.role_of`) refined into the kinds the engine replaces (a name's part, city, age,
date, free text)."""

from __future__ import annotations

from functools import lru_cache

from hms_policy.detectors.phi.keys import role_of, words

_GIVEN = frozenset(["first", "given", "middle", "fname", "forename", "forenames"])
_FAMILY = frozenset(["last", "family", "surname", "lname", "maiden"])
_CITY = frozenset(["city", "town", "district", "county", "village", "locality", "taluk", "tehsil"])
_DATE_WORDS = frozenset(["date", "dt", "dob", "birth", "birthdate", "admit", "admitted", "admission", "discharge", "discharged", "death", "died", "deceased", "visit", "dos"])
_TEXT_WORDS = frozenset(["note", "notes", "comment", "comments", "remark", "remarks", "narrative", "description", "memo", "summary", "history", "text", "message", "msg"])
_ORGANISATION = frozenset(["facility", "facilities", "hospital", "clinic", "organisation", "organization", "provider", "practice", "branch"])
_ID_WORDS = frozenset(["id", "no", "num", "number", "identifier"])
_AGE_KEYS = frozenset(["age", "ageyears", "ageatvisit", "patientage", "ageinyears"])
# Detector roles that are identifiers with a substitute of their own.
_IDENTIFIER_ROLES = frozenset(
    ["us_ssn", "us_mbi", "us_npi", "us_dea", "mrn", "health_plan_id", "in_aadhaar", "in_abha_number", "in_abha_address", "in_pan", "uk_nhs", "iban", "email", "credit_card", "ip_address", "street_address", "dob"]
)


@lru_cache(maxsize=4096)
def field_kind(key: str) -> str | None:
    """The engine kind of a field named `key`, `text` for free text, None for anything else."""
    parts = words(key)
    joined = "".join(parts)
    role = role_of(key)
    present = set(parts)
    if role == "person_name":
        if present & _GIVEN:
            return "given_name"
        if present & _FAMILY:
            return "family_name"
        return "person_name"
    if role == "zip_plus4":
        return "zip"
    if role == "phone":
        return "phone"
    if role in _IDENTIFIER_ROLES:
        return role
    if role in ("clinical_field", "diagnosis_code"):
        return role if not present & _TEXT_WORDS else "text"
    if role == "negative":
        return None
    if role == "patient" and present & _ID_WORDS:
        return "identifier"
    if joined in _AGE_KEYS:
        return "age"
    if present & _CITY and not present & _ORGANISATION:
        return "city"  # the patient's; a facility's district identifies no one
    if present & _DATE_WORDS and not present & {"format", "type", "updated", "created", "modified"}:
        return "date"
    if present & _TEXT_WORDS:
        return "text"
    return None


def column_kinds(columns: list[str], table: str | None = None) -> list[str | None]:
    """Kinds of a table's columns: a bare `name` is a person's in a table of people (by its
    name, or because other columns identify a person)."""
    from hms_policy.detectors.phi.record import table_kind

    kinds = [field_kind(c) for c in columns]
    personal = (table is not None and table_kind(table) == "person") or any(
        k in ("given_name", "family_name", "us_ssn", "mrn", "dob", "in_aadhaar", "uk_nhs", "email") for k in kinds
    )
    if personal:
        kinds = ["person_name" if k is None and words(c) in (["name"], ["full", "name"]) else k for c, k in zip(columns, kinds)]
    return kinds


def patient_key_field(key: str) -> bool:
    """A field whose value names the record's patient (the date-shift key)."""
    role = role_of(key)
    return role in ("mrn", "health_plan_id") or (role == "patient" and bool(set(words(key)) & _ID_WORDS))
