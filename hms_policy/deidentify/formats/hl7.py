"""HL7 v2 messages: segments, fields, repetitions, components and subcomponents, with the
message's own delimiters (MSH-1, MSH-2) and escapes (\\F\\ \\S\\ \\T\\ \\R\\ \\E\\).

Roles come from the field's position (PID-5 a name, PID-3 identifiers, PID-11 an address, ...):
a name split into family^given components, or a phone into area^local number, is replaced
part by part, consistently with the same person written whole elsewhere. A message is held
until the next MSH (messages are small), so its dates shift by its patient's offset (PID-3).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from hms_policy.deidentify.engine import Engine
from hms_policy.deidentify.text import RecordNames, deidentify_text
from hms_policy.detectors.phi.line import LineContext

# (segment, field) -> kind of the whole field; composite kinds are split by component below.
_FIELDS: dict[tuple[str, int], str] = {
    ("PID", 2): "cx", ("PID", 3): "cx", ("PID", 4): "cx", ("PID", 5): "xpn", ("PID", 6): "xpn",
    ("PID", 7): "dob", ("PID", 9): "xpn", ("PID", 11): "xad", ("PID", 13): "xtn", ("PID", 14): "xtn",
    ("PID", 18): "cx", ("PID", 19): "us_ssn", ("PID", 20): "identifier", ("PID", 21): "cx", ("PID", 29): "date",
    ("NK1", 2): "xpn", ("NK1", 4): "xad", ("NK1", 5): "xtn", ("NK1", 6): "xtn", ("NK1", 30): "xpn",
    ("NK1", 31): "xtn", ("NK1", 32): "xad", ("NK1", 33): "cx", ("NK1", 37): "us_ssn",
    ("IN1", 16): "xpn", ("IN1", 18): "dob", ("IN1", 19): "xad", ("IN1", 36): "cx", ("IN1", 49): "cx",
    ("GT1", 3): "xpn", ("GT1", 5): "xad", ("GT1", 6): "xtn", ("GT1", 7): "xtn", ("GT1", 8): "dob", ("GT1", 12): "us_ssn",
    ("PV1", 19): "cx", ("PV1", 50): "cx", ("MRG", 1): "cx", ("MRG", 2): "cx", ("MRG", 3): "cx", ("MRG", 7): "xpn",
    ("NTE", 3): "text", ("OBX", 5): "obx",
}
_XPN = {1: "family_name", 2: "given_name", 3: "given_name"}
_XAD = {1: "street_address", 2: "street_address", 3: "city", 5: "zip", 9: "city"}
_CX_TYPES = {"SS": "us_ssn", "NH": "uk_nhs", "NHS": "uk_nhs", "NPI": "us_npi", "MC": "us_mbi", "MR": "mrn",
             "PI": "mrn", "AN": "health_plan_id", "MB": "health_plan_id", "SN": "health_plan_id", "AADHAAR": "in_aadhaar",
             "ABHA": "in_abha_number"}
_DATE = re.compile(r"^\d{8}(?:\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,4})?)?)?)?(?:[+-]\d{4})?$")
_ESCAPE = re.compile(r"\\[FSTRE]\\|\\X[0-9A-Fa-f]+\\")


@dataclass(slots=True)
class Delimiters:
    field: str = "|"
    component: str = "^"
    repetition: str = "~"
    escape: str = "\\"
    subcomponent: str = "&"

    @classmethod
    def of(cls, msh: str) -> Delimiters:
        if len(msh) < 8:
            return cls()
        chars = msh[4:8]
        return cls(msh[3], chars[0], chars[1], chars[2], chars[3] if len(chars) > 3 else "&")

    def unescape(self, value: str) -> str:
        if self.escape not in value:
            return value
        table = {"F": self.field, "S": self.component, "T": self.subcomponent, "R": self.repetition, "E": self.escape}
        return re.sub(re.escape(self.escape) + r"([FSTRE])" + re.escape(self.escape), lambda m: table[m.group(1)], value)

    def escape_value(self, value: str) -> str:
        out = value.replace(self.escape, f"{self.escape}E{self.escape}")
        for char, code in ((self.field, "F"), (self.component, "S"), (self.subcomponent, "T"), (self.repetition, "R")):
            out = out.replace(char, f"{self.escape}{code}{self.escape}")
        return out


class _Message:
    def __init__(self, engine: Engine, delimiters: Delimiters) -> None:
        self.engine = engine
        self.d = delimiters
        self.patient: str | None = None
        self.names = RecordNames()

    def find_patient(self, segments: list[str]) -> None:
        for segment in segments:
            if segment.startswith("PID" + self.d.field):
                fields = segment.split(self.d.field)
                for index in (3, 2, 4):
                    if index < len(fields) and fields[index]:
                        first = fields[index].split(self.d.repetition)[0].split(self.d.component)[0]
                        if first:
                            self.patient = self.d.unescape(first)
                            return

    def value(self, kind: str, raw: str) -> str:
        if not raw or raw == '""':
            return raw
        decoded = self.d.unescape(raw)
        new = self.engine.replace(kind, decoded, self.patient)
        if kind in ("family_name", "given_name", "person_name"):
            self.names.add(decoded, new)
        return raw if new == decoded else self.d.escape_value(new)

    def segment(self, text: str) -> str:
        d = self.d
        name = text[:3]
        fields = text.split(d.field)
        for index in range(1, len(fields)):
            number = index + 1 if name == "MSH" else index  # MSH-1 is the field separator itself
            if name == "MSH" and index == 1:
                continue  # MSH-2, the encoding characters
            kind = _FIELDS.get((name, number))
            fields[index] = self.field(fields[index], kind, fields, name)
        return d.field.join(fields)

    def field(self, raw: str, kind: str | None, fields: list[str], segment: str) -> str:
        d = self.d
        if not raw:
            return raw
        reps = raw.split(d.repetition)
        return d.repetition.join(self.repetition(rep, kind, fields, segment) for rep in reps)

    def repetition(self, raw: str, kind: str | None, fields: list[str], segment: str) -> str:
        d = self.d
        comps = raw.split(d.component)
        if kind == "text" or (kind == "obx" and len(fields) > 2 and fields[2] in ("TX", "FT", "ST", "CE", "CWE")):
            ctx = LineContext(patient=True, log=False)
            return d.component.join(self._text(c, ctx) for c in comps)
        if kind == "cx":
            code = comps[4] if len(comps) > 4 else ""
            comps[0] = self.value(_CX_TYPES.get(code.upper(), "mrn"), comps[0])
            return d.component.join(comps)
        if kind == "xpn":
            return d.component.join(self._subs(c, _XPN.get(i + 1)) for i, c in enumerate(comps))
        if kind == "xad":
            return d.component.join(self._subs(c, _XAD.get(i + 1)) for i, c in enumerate(comps))
        if kind == "xtn":
            return self._telecom(comps)
        if kind in ("dob", "date", "us_ssn", "identifier"):
            comps[0] = self.value(kind, comps[0])
            return d.component.join(self._dates(c) if i else c for i, c in enumerate(comps))
        return d.component.join(self._dates(c) for c in comps)

    def _subs(self, raw: str, kind: str | None) -> str:
        if kind is None or not raw:
            return self._dates(raw)
        if self.d.subcomponent in raw and kind in ("family_name", "street_address"):
            # `van&der&Berg`, `1 Main St&Main St&1`: each part with letters is replaced
            parts = raw.split(self.d.subcomponent)
            return self.d.subcomponent.join(self.value(kind, p) if any(c.isalpha() for c in p) else p for p in parts)
        return self.value(kind, raw)

    def _telecom(self, comps: list[str]) -> str:
        d = self.d
        if comps and comps[0]:
            kind = "email" if "@" in comps[0] else "phone"
            comps[0] = self.value(kind, comps[0])
        if len(comps) > 3 and comps[3] and "@" in comps[3]:
            comps[3] = self.value("email", comps[3])
        if len(comps) > 6 and (comps[5] or comps[6]):
            # area code and local number in two components: one number, split back
            area, local = comps[5], comps[6]
            whole = self.engine.replace("us_phone", area + local, self.patient) if (area + local).isdigit() and len(area + local) == 10 else None
            if whole is not None:
                comps[5], comps[6] = whole[: len(area)], whole[len(area) :]
            else:
                comps[6] = self.value("phone", local) if local else local
        return d.component.join(comps)

    def _dates(self, raw: str) -> str:
        if raw and _DATE.match(raw):
            return self.value("date", raw)
        return raw

    def _text(self, raw: str, ctx: LineContext) -> str:
        if not raw:
            return raw
        decoded = self.d.unescape(raw)
        new = deidentify_text(decoded, self.engine, patient=self.patient, ctx=ctx, names=self.names, dates=True)
        return raw if new == decoded else self.d.escape_value(new)


def _split_segments(message: str) -> list[tuple[str, str]]:
    """(segment, the separator after it): HL7 ends segments with CR; files often use LF or CRLF."""
    out = []
    for m in re.finditer(r"([^\r\n]*)(\r\n|\r|\n|$)", message):
        if m.group(0) == "":
            break
        out.append((m.group(1), m.group(2)))
    return out


def deidentify_message(message: str, engine: Engine) -> str:
    parts = _split_segments(message)
    msh = next((seg for seg, _ in parts if seg.startswith("MSH")), "MSH|^~\\&")
    handler = _Message(engine, Delimiters.of(msh))
    handler.find_patient([seg for seg, _ in parts])
    out = []
    for segment, ending in parts:
        out.append((handler.segment(segment) if len(segment) > 3 and segment[:3].isalnum() else segment) + ending)
    return "".join(out)


def messages(lines: Iterable[str]) -> Iterator[str]:
    """Whole messages: from one MSH to the next (lines keep their endings)."""
    pending: list[str] = []
    for line in lines:
        # a CR-only file arrives as one "line" holding many segments: split on MSH there too
        for piece in re.split(r"(?<=[\r\n])(?=MSH)", line):
            if piece.startswith("MSH") and pending:
                yield "".join(pending)
                pending = []
            pending.append(piece)
    if pending:
        yield "".join(pending)


def deidentify_hl7(lines: Iterable[str], engine: Engine, errors: list[str]) -> Iterator[str]:
    for message in messages(lines):
        yield deidentify_message(message, engine)
