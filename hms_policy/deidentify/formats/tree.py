"""A document as a tree of objects, arrays and leaves with their spans, and the walk that
decides what each leaf holds: shared by JSON, YAML and XML (FHIR resources included, with
`contained` resources and Bundles), so the three formats judge values the same way."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Union

from hms_policy.deidentify.engine import Engine
from hms_policy.deidentify.fieldkinds import field_kind, patient_key_field
from hms_policy.deidentify.text import RecordNames, deidentify_text
from hms_policy.detectors.phi.line import LineContext
from hms_policy.detectors.phi.structured import _SYSTEM_ROLES, CLINICAL_RESOURCES, PERSON_RESOURCES


@dataclass(slots=True)
class Leaf:
    start: int
    end: int
    value: str  # decoded
    style: str = '"'  # how the raw text is written: '"', "'", "" (bare), "|" (block)


@dataclass(slots=True)
class Obj:
    items: list[tuple[str, Node]] = field(default_factory=list)
    tag: str = ""  # XML element name


@dataclass(slots=True)
class Arr:
    items: list[Node] = field(default_factory=list)


Node = Union[Leaf, Obj, Arr]
Encoder = Callable[[Leaf, str], str]
Edit = tuple[int, int, str]

_FHIR_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$")
_FHIR_RESOURCES = PERSON_RESOURCES | CLINICAL_RESOURCES | {"Bundle", "Organization", "Practitioner"}
_TEXT_CONTAINERS = frozenset({"text", "div", "note", "notes", "comment", "description"})
_PATIENT_REF = re.compile(r"^(Patient|RelatedPerson|Person)/([^/\s]+)$")
_PERSON_LINKS = ("subject", "patient", "beneficiary", "individual")


def _leaf(obj: Obj, key: str) -> Leaf | None:
    for k, node in obj.items:
        if k == key and isinstance(node, Leaf):
            return node
    return None


def _child(obj: Obj, key: str) -> Node | None:
    for k, node in obj.items:
        if k == key:
            return node
    return None


def _resource_of(obj: Obj) -> str | None:
    leaf = _leaf(obj, "resourceType")
    if leaf is not None:
        return leaf.value
    return obj.tag if obj.tag in _FHIR_RESOURCES else None


def _patient_of(obj: Obj, resource: str | None) -> str | None:
    if resource in PERSON_RESOURCES:
        own = _leaf(obj, "id")
        if own is not None:
            return own.value
    for link in _PERSON_LINKS:
        node = _child(obj, link)
        if isinstance(node, Obj):
            ref = _leaf(node, "reference")
            m = _PATIENT_REF.match(ref.value) if ref is not None else None
            if m:
                return m.group(2)
    if resource is None:
        for key, node in obj.items:
            if isinstance(node, Leaf) and node.value.strip() and patient_key_field(key):
                return node.value.strip()
    return None


class Walker:
    def __init__(self, engine: Engine, encode: Encoder) -> None:
        self.engine = engine
        self.encode = encode
        self.edits: list[Edit] = []

    def walk(self, root: Node) -> list[Edit]:
        self._visit(root, "", None, None, None, RecordNames(), False)
        return self.edits

    def _visit(self, node: Node, key: str, owner: Obj | None, resource: str | None, patient: str | None,
               names: RecordNames, in_text: bool) -> None:
        if isinstance(node, Arr):
            for item in node.items:
                self._visit(item, key, owner, resource, patient, names, in_text)
            return
        if isinstance(node, Obj):
            own_resource = _resource_of(node)
            own_patient = _patient_of(node, own_resource)
            if own_resource or own_patient:
                names = RecordNames()
            resource = own_resource or resource
            patient = own_patient or patient
            later = []
            for k, child in node.items:
                if k in _TEXT_CONTAINERS or field_kind(k) == "text":
                    later.append((k, child))
                else:
                    self._visit(child, k, node, resource, patient, names, in_text)
            for k, child in later:
                self._visit(child, k, node, resource, patient, names, True)
            return
        self._leaf(node, key, owner, resource, patient, names, in_text)

    def _leaf(self, leaf: Leaf, key: str, owner: Obj | None, resource: str | None, patient: str | None,
              names: RecordNames, in_text: bool) -> None:
        value = leaf.value
        if not value.strip():
            return
        kind = self._kind(leaf, key, owner, resource, patient, in_text)
        if kind is None:
            return
        if kind == "reference":
            m = _PATIENT_REF.match(value)
            if m is None:
                return
            new = f"{m.group(1)}/{self.engine.replace('identifier', m.group(2))}"
        elif kind == "text":
            ctx = LineContext(patient=patient is not None or resource in PERSON_RESOURCES, log=False)
            new = deidentify_text(value, self.engine, patient=patient, ctx=ctx, names=names, dates=patient is not None)
        else:
            new = self.engine.replace(kind, value, patient)
            if kind in ("person_name", "given_name", "family_name"):
                names.add(value, new)
        if new != value:
            self.edits.append((leaf.start, leaf.end, self.encode(leaf, new)))

    def _kind(self, leaf: Leaf, key: str, owner: Obj | None, resource: str | None, patient: str | None,
              in_text: bool) -> str | None:
        if in_text or key == "#comment":
            return "text"
        personal = resource in PERSON_RESOURCES
        if resource is not None:
            fhir = self._fhir_kind(leaf, key, owner, resource, personal)
            if fhir != "":
                return fhir
        kind = field_kind(key)
        if kind is not None:
            return kind
        if key == "name" and (personal or (patient is not None and resource is None)):
            return "person_name"
        if key == "reference":
            return "reference"
        if resource is not None and _FHIR_DATE.match(leaf.value) and len(leaf.value) >= 10:
            return "date"
        if leaf.style in ('"', "'", "|", "text", "cdata", "attr") and any(c.isalnum() for c in leaf.value):
            return "text"
        return None

    def _fhir_kind(self, leaf: Leaf, key: str, owner: Obj | None, resource: str, personal: bool) -> str | None:
        """A FHIR element's kind; "" when FHIR says nothing and the generic rules decide."""
        if owner is None:
            return ""
        if key in ("family", "given") or (key in ("prefix", "suffix", "text") and _child(owner, "family") is not None):
            return {"family": "family_name", "given": "given_name", "text": "person_name"}.get(key)  # HumanName
        if key == "value" and _leaf(owner, "system") is not None:  # ContactPoint or Identifier
            system = (_leaf(owner, "system") or Leaf(0, 0, "")).value.lower()
            if system in ("phone", "fax", "sms", "pager"):
                return "phone"
            if system == "email":
                return "email"
            if system == "url":
                return None
            for needle, role in _SYSTEM_ROLES:
                if needle in system:
                    return role
            return "identifier"
        if key == "value" and _child(owner, "type") is not None:
            return "identifier"
        if key in ("line", "postalCode") or (key in ("city", "district", "text") and _child(owner, "city") is not None):
            return {"line": "street_address", "city": "city", "district": "city", "postalCode": "zip", "text": "street_address"}.get(key)  # Address
        if key == "display" and _leaf(owner, "reference") is not None:
            ref = (_leaf(owner, "reference") or Leaf(0, 0, "")).value
            return "person_name" if _PATIENT_REF.match(ref) else None
        if key == "birthDate":
            return "dob"
        if key == "id" and personal and (_leaf(owner, "resourceType") is not None or owner.tag in PERSON_RESOURCES):
            return "identifier"  # the person's own id: references to it follow (`reference`)
        if key in ("resourceType", "system", "code", "use", "status", "gender", "url", "id", "display", "unit"):
            return None
        return ""


def walk(root: Node, engine: Engine, encode: Encoder) -> list[Edit]:
    return Walker(engine, encode).walk(root)
