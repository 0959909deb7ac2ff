"""Where a line sits in a record, for formats read line by line: the JSON keys enclosing it
(`"patients": [ {...} ]`) and the XML element whose attributes it carries."""

from __future__ import annotations

import re

from hms_policy.detectors.phi.keys import words
from hms_policy.detectors.phi.record import office_holder, place_kind, table_kind

_JSON_TOKEN = re.compile(r'"((?:[^"\\]|\\.){0,64})"\s*:\s*([\[{])|"(?:[^"\\]|\\.)*"|([\[{])|([\]}])')


# Keys whose objects are parts of the record around them: a person's name, contacts, address and
# identifiers (FHIR HumanName, ContactPoint, Address, Identifier), not records of their own.
_PART_KEYS = frozenset("name names telecom address addresses contact_point contactpoint phone phones email emails period identifier identifiers".split())


class JsonKeys:
    """The keys of the objects and arrays open at each point of a (pretty-printed) JSON file."""

    def __init__(self) -> None:
        self.depth = 0
        self.open: list[tuple[int, bool, bool]] = []  # (depth, key names people, key names a place)
        self.objects: list[tuple[int, int, bool]] = []  # (depth, id, a part of its parent) of the objects open
        self.parts: list[bool] = []  # per open bracket: it holds parts of the enclosing record
        self.count = 0
        self.named = 0  # how many of the open keys name people

    @property
    def record(self) -> int | None:
        """The innermost open object: the record a line's pairs belong to."""
        return self.objects[-1][1] if self.objects else None

    @property
    def owner(self) -> int | None:
        """The innermost open object that is not a part of another: a FHIR `name`, `telecom`
        or `address` entry belongs to its resource, so an invented name there makes the whole
        resource invented."""
        for _, number, part in reversed(self.objects):
            if not part:
                return number
        return self.objects[0][1] if self.objects else None

    def feed(self, text: str) -> bool:
        """Whether any part of the line sits under a key named for people."""
        person = self.named > 0
        if "{" not in text and "}" not in text and "[" not in text and "]" not in text:
            return person
        for m in _JSON_TOKEN.finditer(text):
            opener = m.group(2) or m.group(3)
            if opener:
                self.depth += 1
                if m.group(2):
                    key = m.group(1)
                    in_place = any(place for _, _, place in self.open)
                    named = table_kind(key) == "person" and not (in_place and office_holder(key))
                    self.open.append((self.depth, named, place_kind(key)))
                    self.named += named
                    person = person or named
                    part = key.lower() in _PART_KEYS
                else:
                    part = bool(self.parts) and self.parts[-1]  # an entry of a parts array
                self.parts.append(part)
                if opener == "{":
                    self.count += 1
                    self.objects.append((self.depth, self.count, part))
            elif m.group(4):
                while self.open and self.open[-1][0] >= self.depth:
                    self.named -= self.open.pop()[1]
                while self.objects and self.objects[-1][0] >= self.depth:
                    self.objects.pop()
                if self.parts:
                    self.parts.pop()
                self.depth = max(0, self.depth - 1)
        return person


_ELEMENT_OPEN = re.compile(r"^\s*<([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)\s+[\w:.\-]+\s*=")
_QUOTED = re.compile(r'"[^"]*"|\'[^\']*\'')


_TAG = re.compile(r"<(/?)([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)|(/?)>")
_MAX_DEPTH = 256
_NO_TAG = "-"  # no start tag is waiting for its `>`


# Elements of clinical documents (CDA, HL7 v3) that hold care staff or an organisation: the
# author, performer, custodian and their people and organisations. Their names, addresses and
# telecoms are the clinician's or the practice's, not the patient's.
_STAFF_ELEMENT_WORDS = frozenset(
    "assigned agent author performer practitioner provider custodian authenticator organization organisation "
    "responsible prescriber dispenser".split()
)


def _element_kind(name: str) -> str | None:
    if _STAFF_ELEMENT_WORDS.intersection(words(name)):
        return "staff"
    return "person" if table_kind(name) == "person" else None


class XmlElements:
    """The element a line's attributes belong to, for rows written `<table col="v" .../>`, and
    whether the line sits inside an element named for people (`<patient><name>...`)."""

    def __init__(self) -> None:
        self.current: str | None = None  # an element whose start tag continues on the next line
        self.number = 0  # how many elements have opened: the record id of the current one
        self.open: list[tuple[str | None, int]] = []  # elements open around the line: ("person" | "staff" | None, serial)
        self.serial = 0  # start tags seen by the nesting
        self.pending: str | None = _NO_TAG  # the kind of a start tag not closed yet (`>` or `/>` to come)

    def feed(self, text: str) -> tuple[str | None, bool]:
        """(element, whether its start tag is whole on this line), or (None, False)."""
        self._nest(text)
        opened = _ELEMENT_OPEN.match(text)
        if opened:
            element, whole = opened.group(1).rsplit(":", 1)[-1], True
            self.number += 1
        elif self.current is not None:
            element, whole = self.current, False
        else:
            return None, False
        closed = ">" in _QUOTED.sub("", text)
        self.current = None if closed else element
        return element, whole and closed

    @property
    def person(self) -> bool:
        """Inside an element named for people (`<patient>`, `<person_name>`), nearer than any staff one."""
        return self._nearest() == "person"

    @property
    def staff(self) -> bool:
        """Inside an element for care staff or an organisation (CDA / HL7 v3 `<assignedPerson>`,
        `<agentPerson>`, `<representedOrganization>`), nearer than any patient one."""
        return self._nearest() == "staff"

    @property
    def person_record(self) -> int | None:
        """The outermost person element around the line (a CDA `<patientRole>`), as a record id
        (negative: never one of `number`'s), so its id, name and address lines are one record."""
        return next((-serial for kind, serial in self.open if kind == "person"), None)

    def _nearest(self) -> str | None:
        return next((kind for kind, _ in reversed(self.open) if kind), None)

    def _nest(self, text: str) -> None:
        if "<" not in text and ">" not in text:
            return
        for m in _TAG.finditer(_QUOTED.sub("", text)):
            if m.group(2):
                if m.group(1):
                    if self.open:
                        self.open.pop()
                else:
                    self.pending = _element_kind(m.group(2).rsplit(":", 1)[-1])
            elif self.pending != _NO_TAG:
                if not m.group(3) and len(self.open) < _MAX_DEPTH:
                    self.serial += 1
                    self.open.append((self.pending, self.serial))  # `>` opens it, `/>` closes it at once
                self.pending = _NO_TAG
