"""Does a US address hold together? A ZIP code's first digit names the national area the
USPS gave it (0 for New England, New Jersey and Puerto Rico ... 9 for the Pacific states),
so a real address's ZIP agrees with its state. Generators of test people (Faker, java-faker,
faker.js) draw the state, the ZIP and the city independently: about nine of their addresses
in ten disagree (`AZ 20782`), and some carry a state code no state has (`IG`). A record whose
address disagrees with itself describes nobody.

Only the state and ZIP are compared: no value is kept, returned or logged.
"""

from __future__ import annotations

import re

from hms_policy.detectors.phi.keys import words

# USPS national areas: the first digit of every ZIP code of each state, territory and
# military "state" (a few states reach into a neighbouring area: New York's 005 and 063,
# Texas's 885 El Paso).
_AREAS = {
    "0": "CT MA ME NH NJ PR RI VT VI NY AE",
    "1": "DE NY PA",
    "2": "DC MD NC SC VA WV",
    "3": "AL FL GA MS TN AA",
    "4": "IN KY MI OH",
    "5": "IA MN MT ND SD WI",
    "6": "IL KS MO NE",
    "7": "AR LA OK TX",
    "8": "AZ CO ID NM NV UT WY TX",
    "9": "AK CA HI OR WA AP GU AS MP PW FM MH",
}
STATE_AREAS: dict[str, frozenset[str]] = {}
for _digit, _states in _AREAS.items():
    for _state in _states.split():
        STATE_AREAS[_state] = STATE_AREAS.get(_state, frozenset()) | {_digit}

_NAMES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA", "colorado": "CO",
    "connecticut": "CT", "delaware": "DE", "district of columbia": "DC", "florida": "FL", "georgia": "GA",
    "hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS",
    "kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD", "massachusetts": "MA",
    "michigan": "MI", "minnesota": "MN", "mississippi": "MS", "missouri": "MO", "montana": "MT",
    "nebraska": "NE", "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM",
    "new york": "NY", "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK",
    "oregon": "OR", "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC",
    "south dakota": "SD", "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT",
    "virginia": "VA", "washington": "WA", "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
    "puerto rico": "PR", "guam": "GU",
}
_ZIP = re.compile(r"^(\d)\d{4}(?:-?\d{4})?$")
_CODE = re.compile(r"^[A-Z]{2}$")


def invented_address(state: str, zip_code: str) -> bool:
    """True when a US state and ZIP cannot belong to one address: the ZIP lies in another
    national area, or the two-letter state code names no state. Anything else (a foreign
    province, a Canadian postcode, an empty or masked field) is no evidence either way."""
    zip_match = _ZIP.match(zip_code.strip())
    if zip_match is None:
        return False
    raw = state.strip()
    code = _NAMES.get(raw.lower(), raw.upper() if _CODE.match(raw.upper()) else "")
    if not code or code == "NA":  # "not available", not a state
        return False
    areas = STATE_AREAS.get(code)
    if areas is None:
        # a code in capitals that no state has (`IG`) beside a US ZIP; lower-case pairs are
        # more likely words than codes, so only the capitals count
        return _CODE.match(raw) is not None
    return zip_match.group(1) not in areas


def state_column(name: str) -> str | None:
    """The prefix of a state column (`Patient_state` -> `patient`), or None."""
    parts = words(name)
    if parts and parts[-1] in ("state", "province") and "code" not in parts[:-1]:
        return " ".join(parts[:-1])
    if len(parts) >= 2 and parts[-2:] == ["state", "code"]:
        return " ".join(parts[:-2])
    return None


def zip_column(name: str) -> str | None:
    """The prefix of a ZIP column (`Patient_zip_code`, `postalCode`, `zip`), or None."""
    parts = words(name)
    for tail in (["zip", "code"], ["postal", "code"], ["zip"], ["zipcode"], ["postcode"], ["zip5"]):
        if parts[-len(tail):] == tail:
            return " ".join(parts[: -len(tail)])
    return None


def column_pairs(names: list[str]) -> list[tuple[int, int]]:
    """(state index, ZIP index) of each address in a header, paired by their prefix
    (`Patient_state` with `Patient_zip_code`, `Testing_lab_state` with `Testing_lab_zip_code`)."""
    states = {p: i for i, n in enumerate(names) if (p := state_column(n)) is not None}
    pairs = []
    for i, name in enumerate(names):
        prefix = zip_column(name)
        if prefix is not None and prefix in states:
            pairs.append((states[prefix], i))
    return pairs


# The components of an HL7 v2 address (XAD): street ^ other ^ city ^ state ^ ZIP ^ country.
def hl7_invented_address(xad: str) -> bool:
    components = xad.split("~", 1)[0].split("^")
    return len(components) > 4 and invented_address(components[3], components[4])


# `"state": "AZ"`, `<state>AZ</state>`, `"postalCode": "20782"`, `<postalCode value="..."/>`
_STATE_VALUE = re.compile(r'(?:"state"\s*:\s*"|<(?:\w+:)?state>)([^"<]{2,24})["<]', re.I)
_ZIP_VALUE = re.compile(r'(?:"(?:postalCode|postal_code|zip|zipCode|zip_code)"\s*:\s*"|<(?:\w+:)?postalCode>)([\d-]{5,10})["<]', re.I)


def line_state(text: str) -> str | None:
    found = _STATE_VALUE.search(text)
    return found.group(1) if found else None


def line_zip(text: str) -> str | None:
    found = _ZIP_VALUE.search(text)
    return found.group(1) if found else None


class AddressCheck:
    """The state and ZIP of the current record of a document written over many lines (a FHIR
    `address`, a CDA `<addr>`): True once both are seen and disagree. Only the current
    record's pair is remembered."""

    __slots__ = ("record", "state", "zip")

    def __init__(self) -> None:
        self.record: object = None
        self.state: str | None = None
        self.zip: str | None = None

    def feed(self, record: object, text: str) -> bool:
        if record is None or record != self.record:
            # a line outside any known record pairs only its own values
            self.record, self.state, self.zip = record, None, None
        if "tate" not in text and "ostal" not in text and "zip" not in text.lower():
            return False
        state, zip_code = line_state(text), line_zip(text)
        self.state = state or self.state
        self.zip = zip_code or self.zip
        return bool((state or zip_code) and self.state and self.zip and invented_address(self.state, self.zip))
