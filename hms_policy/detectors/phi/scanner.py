"""One pass over a file for every identifier type, shared by all PHI rules through the
document's memo.

Logs are searched block by block with the prefilter; only lines it hits are decoded and
analysed. Structured data files (CSV with PHI columns, SQL dumps, pretty-printed FHIR JSON,
HL7 files) are read line by line with their structure. The result is bounded whatever the
file's size: per type, the first `cap` lines with a finding and a count of all of them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

from hms_policy.detectors.phi.keys import provider_directory
from hms_policy.detectors.phi.line import XML_NAME_PARTS, Hit, LineContext, analyse
from hms_policy.detectors.phi.postal import AddressCheck, column_pairs, hl7_invented_address, invented_address
from hms_policy.detectors.phi.prefilter import compile_prefilter
from hms_policy.detectors.phi.record import CLINICAL, PERSONAL, NameStats, synthetic_name, table_kind, template_record
from hms_policy.detectors.phi.records import JsonKeys, XmlElements
from hms_policy.detectors.phi.structured import (
    Columns,
    FhirState,
    SqlState,
    test_authority,
    fhir_brackets,
    fhir_fields,
    hl7_fields,
    row_fields,
    sniff_delimiter,
    split_row,
    sql_fields,
)
from hms_policy.detectors.phi.types import TYPES
from hms_policy.model import FileRole, Redaction, TargetKind
from hms_policy.targets.roles import classify_role
from hms_policy.targets.document import Document

# Below this a hit is not reported at all; `--min-confidence` raises the bar further.
REPORT_FLOOR = 0.5
# Around a hit inside a very long line, this much text on each side is analysed.
LONG_LINE_WINDOW = 2048

_PREFILTER: Any = None

# Published FHIR examples: the specification's and implementation guides' example instances
# carry the id `example` (`example-1`, `us-core-example`) or the IG publisher's "Generated
# Narrative". Their people (HL7's Amy V. Shaw, Peter Chalmers) are invented and ship in every
# FHIR library's test resources; a record exported from a live server has neither marker. The
# specification's other examples point at its example patient (`"reference": "Patient/example"`).
# HL7 v3 and CDA samples identify their people and organisations under HL7's example OID arc.
_PUBLISHED_EXAMPLE = re.compile(
    rb'"id"\s*:\s*"(?:[A-Za-z0-9.]+-)?example(?:[-.][A-Za-z0-9.-]*)?"|<id value="(?:[A-Za-z0-9.]+-)?example(?:[-.][A-Za-z0-9.-]*)?"\s*/>'
    rb'|"reference"\s*:\s*"Patient/example"|<reference value="Patient/example"\s*/>'
    rb"|Generated Narrative"
    # HL7's arc for example identifiers (2.16.840.1.113883.19): the OIDs of every published CDA
    # and HL7 v3 sample document (`<id root="2.16.840.1.113883.19.5.99999.1"/>`)
    rb'|root="2\.16\.840\.1\.113883\.19(?:\.[\d.]*)?"'
)


# Keys only an identity provider's export has (a Keycloak realm, its users file): its people are
# the system's accounts and its "names" label clients and protocol mappers (`Client IP Address`,
# `given name`), not anyone's health record.
_IDP_EXPORT_KEYS = (b'"protocolMapper"', b'"keycloakVersion"', b'"realmRoles"', b'"clientScopeMappings"', b'"requiredActions"')


def prefilter() -> Any:
    global _PREFILTER  # compiled once per process; immutable afterwards
    if _PREFILTER is None:
        _PREFILTER = compile_prefilter()
    return _PREFILTER


@dataclass(frozen=True, slots=True)
class Kept:
    """One reported line of one type: where, how sure, what to mask. Never the value."""

    line: int
    confidence: float
    redactions: tuple[Redaction, ...]
    field: str
    length: int
    record: object = None  # the record the line belongs to (see `Records`)
    owner: object = None  # the record that record is a part of (a FHIR resource), if any


@dataclass(slots=True)
class PhiResult:
    kept: dict[str, list[Kept]] = field(default_factory=lambda: defaultdict(list))
    totals: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lines_analysed: int = 0

    def retract(self, record: object | None) -> None:
        """Withdraw the personal findings of one record (None: of every record)."""
        for type_ in PERSONAL:
            kept = self.kept.get(type_)
            if not kept:
                continue
            left = [k for k in kept if record is not None and k.record != record]
            self.totals[type_] -= len(kept) - len(left)
            self.kept[type_] = left

    def retract_type(self, type_: str) -> None:
        """Withdraw every finding of one type."""
        self.kept.pop(type_, None)
        self.totals.pop(type_, None)

    def identifies_someone(self) -> bool:
        """A person's own values were kept: a name, an identifier, a date of birth, a contact."""
        return any(self.kept.get(type_) for type_ in PERSONAL - CLINICAL)

    def retract_owner(self, owner: object) -> None:
        """Withdraw the personal findings of every part of one record (a FHIR resource)."""
        for type_ in PERSONAL:
            kept = self.kept.get(type_)
            if kept:
                left = [k for k in kept if k.owner != owner]
                self.totals[type_] -= len(kept) - len(left)
                self.kept[type_] = left


@dataclass(slots=True)
class Records:
    """The people of a data file, record by record (a record's lines are contiguous, so only
    the current one is remembered, and memory stays bounded however long the file is).

    One invented person in a record withdraws the whole record; names reused from an invented
    person are invented too; when at least half of a file's people are invented (and more than
    one), the file is a test dataset and all its people are withdrawn."""

    people: int = 0  # records with personal values or an invented person
    invented_people: int = 0
    invented_names: set[str] = field(default_factory=set)  # name words of invented people
    current: object = None
    current_names: set[str] = field(default_factory=set)
    current_invented: bool = False
    current_counted: bool = False
    kinds: dict[object, set[str]] = field(default_factory=lambda: defaultdict(set))  # of records with kept findings

    def enter(self, record: object, ctx: LineContext, personal: bool) -> bool:
        """Note one line of `record`; True when the line's record is newly found invented."""
        if record != self.current:
            self.current, self.current_names = record, set()
            self.current_invented = self.current_counted = False
        self.current_names |= ctx.names
        newly = False
        if not self.current_invented and (ctx.synthetic or self.current_names & self.invented_names):
            self.current_invented = newly = True
            self.invented_people += 1
        if self.current_invented:
            self.invented_names |= self.current_names
        if (personal or self.current_invented) and not self.current_counted:
            self.current_counted = True
            self.people += 1
        return newly

    def test_dataset(self, fixture: bool) -> bool:
        """At least half of the file's people are invented (and more than one, outside tests:
        in a test fixture, one invented person among two says how all of them were written)."""
        return self.invented_people >= (1 if fixture else 2) and 2 * self.invented_people >= self.people

    def lone_values(self) -> list[object]:
        """Records with one kind of personal value only (a name, or a date of birth), or with
        clinical values only (a diagnosis tied to an opaque patient reference, no person)."""
        return [r for r, kinds in self.kinds.items() if len(kinds) < 2 or kinds <= CLINICAL]


# ---- readers: what structure says about each line ------------------------------------------

Reader = Callable[[str], "LineContext | None"]


class _LogReader:
    """Self-contained lines: HL7 segments and FHIR resources inside the line itself."""

    full = False

    def __init__(self, config: bool, log: bool = True) -> None:
        self.config = config
        self.log = log

    def __call__(self, text: str) -> LineContext | None:
        ctx = LineContext(config=self.config, log=self.log)
        if "|" in text:
            fields, identified = hl7_fields(text)
            if fields:
                ctx.extra_fields.extend(fields)
                ctx.patient = True
                ctx.patient_id = ctx.patient_id or identified
                ctx.strong = identified
        if '"resourceType"' in text:
            fields, person, identified = fhir_fields(text, FhirState(), multiline=False)
            ctx.extra_fields.extend(fields)
            ctx.patient = ctx.patient or person or identified
            ctx.patient_id = ctx.patient_id or identified
            ctx.strong = ctx.strong or person or identified
        return ctx


def _invented_hl7_address(segment: str, number: int) -> bool:
    """The segment's address field (PID-11, NK1-4) pairs a state with another state's ZIP."""
    fields = segment.split("|", number + 1)
    return len(fields) > number and hl7_invented_address(fields[number])


_PERSON_SEGMENTS = frozenset(("PID|", "NK1|", "IN1|", "IN2|", "GT1|", "PD1|", "MRG|"))
_STAFF_SEGMENTS = frozenset(("ORC", "OBR", "OBX", "NTE", "SPM", "MSH", "SFT", "PV1", "PV2", "EVN", "TQ1"))


class _Hl7Reader(_LogReader):
    """A .hl7 file: one segment per line; a PID ties the message's DG1 diagnoses to a patient.
    A message is one record: an invented patient in its PID withdraws its other segments."""

    full = True

    def __init__(self) -> None:
        super().__init__(config=False, log=False)
        self.identified = False
        self.message = 0

    def __call__(self, text: str) -> LineContext | None:
        if text.startswith("MSH|"):
            self.identified = False
            self.message += 1
        ctx = super().__call__(text)
        assert ctx is not None
        ctx.record = self.message
        ctx.synthetic = text.startswith("PID|") and (test_authority(text) or _invented_hl7_address(text, 11))
        ctx.synthetic = ctx.synthetic or (text.startswith("NK1|") and _invented_hl7_address(text, 4))
        self.identified = self.identified or ctx.patient_id
        ctx.patient_id = self.identified
        if text[:4] in _PERSON_SEGMENTS or text[:3] not in _STAFF_SEGMENTS:
            ctx.patient = ctx.patient or self.identified
            ctx.strong = ctx.strong or self.identified
        else:
            # an order's or result's contacts (ORC callback number, OBX-16 responsible
            # observer, NTE submitter remarks) are the lab's and its staff's, not the patient's
            ctx.contacts_of_staff = True
        return ctx


class _CsvReader:
    """A delimited file: the header names each column's role."""

    def __init__(self) -> None:
        self.columns: Columns | None = None
        self.addresses: list[tuple[int, int]] = []  # (state, ZIP) column pairs
        self.delimiter = ","
        self.full = True
        self.providers = False  # a provider directory: its people are providers
        self._fallback = _LogReader(config=False, log=False)

    def __call__(self, text: str) -> LineContext | None:
        if self.columns is None:
            self.delimiter = sniff_delimiter(text)
            names = [c for _, _, c in split_row(text, self.delimiter)]
            self.columns = Columns.from_names(names)
            self.addresses = column_pairs(names)
            self.full = self.columns.useful
            self.providers = provider_directory(names)
            return None
        if not self.columns.useful:
            return self._fallback(text)
        ctx = LineContext(patient=self.columns.identifying, patient_id=self.columns.identifying, log=False, structured=True, whole=True)
        cells = split_row(text, self.delimiter)
        ctx.extra_fields = row_fields(cells, self.columns, "csv")
        ctx.synthetic = any(z < len(cells) and invented_address(cells[s][2], cells[z][2]) for s, z in self.addresses)
        ctx.contacts_of_staff = self.providers
        return ctx


class _SqlReader:
    full = True

    def __init__(self) -> None:
        self.state = SqlState()

    def __call__(self, text: str) -> LineContext | None:
        fields, identifying = sql_fields(text, self.state)
        ctx = LineContext(patient=identifying, patient_id=identifying, extra_fields=fields, log=False, structured=True)
        table = self.state.record_table
        if table is None:
            ctx.query = True  # statement text: DDL, SELECT/UPDATE ... WHERE lookups
        else:
            ctx.whole, ctx.table = True, table_kind(table)
            ctx.person = ctx.table == "person"
            ctx.patient = ctx.patient or ctx.person
        return ctx


_STRUCTURE_ONLY = " \t{}[],"


class _JsonReader:
    """A JSON document, possibly pretty-printed: FHIR resources span many lines."""

    full = True

    def __init__(self, config: bool) -> None:
        self.state = FhirState()
        self.keys = JsonKeys()
        self.addresses = AddressCheck()
        self.config = config

    def __call__(self, text: str) -> LineContext | None:
        if not text.strip(_STRUCTURE_ONLY):
            # `}, {`, `] },`: about a quarter of a pretty-printed bundle's lines hold no value
            fhir_brackets(text, self.state)
            self.keys.feed(text)
            return None
        fields, person, identified = fhir_fields(text, self.state, multiline=True)
        ctx = LineContext(patient=person or identified, patient_id=identified, config=self.config, extra_fields=fields, log=False)
        ctx.strong = person or identified
        ctx.person = self.keys.feed(text)
        ctx.record, ctx.owner = self.keys.record, self.keys.owner
        ctx.synthetic = self.addresses.feed(ctx.owner if ctx.owner is not None else ctx.record, text)
        return ctx


class _XmlReader:
    """An XML file: an element written with attributes (a dbunit row `<person_name given_name=...
    />`) is a record of the table it is named after; other lines are plain text. Every line is
    read, so an element's attributes continued over several lines stay in its record."""

    full = True

    def __init__(self, config: bool) -> None:
        self.elements = XmlElements()
        self.plain = _LogReader(config, log=False)
        self.addresses = AddressCheck()

    def __call__(self, text: str) -> LineContext | None:
        ctx = self.plain(text)
        assert ctx is not None
        element, whole = self.elements.feed(text)
        ctx.person = ctx.patient = ctx.patient or self.elements.person
        ctx.contacts_of_staff = self.elements.staff  # a clinical document's author, performer or organisation
        if element is not None:
            ctx.table = table_kind(element)
            ctx.structured, ctx.whole, ctx.record = True, whole, self.elements.number
            ctx.person = ctx.patient = ctx.table == "person"
        enclosing = self.elements.person_record
        row = ctx.table == "person" and text.rstrip().endswith("/>")  # `<patient id=".." name=".."/>`: a table row
        if enclosing is not None and not row:
            # a part of a document's patient element (a CDA `<id>`, `<addr>`, `<name>` inside
            # `<patientRole>`), not a row of a people table: one record, so an invented name
            # there withdraws its ids too
            ctx.record, ctx.whole, ctx.table = enclosing, False, None  # `<name use="L">` is no table row
            ctx.person = ctx.patient = ctx.person or self.elements.person
        ctx.synthetic = ctx.synthetic or self.addresses.feed(ctx.record, text)
        return ctx


def _pretty_printed(doc: Document) -> bool:
    """An `.ndjson` file whose first line is a lone `{` or `[`: indented JSON documents (a test
    suite's expected bundles), to be read as JSON records, not as one event a line."""
    for _, line in doc.iter_lines():  # streamed documents have no whole text
        if line.strip():
            return line.strip() in ("{", "[")
    return False


# A data file whose name says its people are made up: `fake-pdi-covid-19.csv`, `dummy_patients.json`.
# A name that says the file holds no personal data (`elims_2_72_NoPII.hl7`, `sample-no-phi.csv`).
# (`Bundle-IPS-Immunization-Example-Bundle-01.json`: an implementation guide's example resource)
_MADE_UP_NAME = re.compile(r"(?i)(?:^|[-_.])(?:fake|faked|dummy|synthetic|fabricated|mock|mocked|examples?|no[-_]?pii|no[-_]?phi)(?:[-_.]|$)")


def reader_for(doc: Document) -> Any:
    name = doc.path.rsplit("/", 1)[-1].lower()
    if name.endswith(".gz"):
        name = name[:-3]
    config = doc.kind is TargetKind.CONFIG
    if name.endswith((".csv", ".tsv", ".psv")):
        return _CsvReader()
    if name.endswith(".sql"):
        return _SqlReader()
    if name.endswith(".hl7"):
        return _Hl7Reader()
    if name.endswith(".json") or (name.endswith((".ndjson", ".jsonl")) and _pretty_printed(doc)):
        return _JsonReader(config)
    if name.endswith(".xml"):
        return _XmlReader(config)
    # NDJSON streams are mostly exported structured logs: one event a line, judged like a log
    return _LogReader(config, log=doc.kind is TargetKind.LOG or name.endswith((".ndjson", ".jsonl")))


# An OpenAPI or Swagger description (`openapi: 3.0.0`, `"swagger": "2.0"`) near the top.
_API_DESCRIPTION = re.compile(r"""^\s*["']?(?:openapi|swagger)["']?\s*:\s*["']?\d""")


def _api_description(doc: Document) -> bool:
    """An API description: every concrete value in it is an example, a default or an enum of
    the interface it documents, published for readers, not a record of anyone."""
    if not doc.path.lower().endswith((".yaml", ".yml", ".json")):
        return False
    for index, (_, line) in enumerate(doc.iter_lines()):
        if _API_DESCRIPTION.match(line):
            return True
        if index >= 40:
            return False
    return False


# ---- the pass ------------------------------------------------------------------------------


def scan_document(doc: Document, cap: int, floor: float) -> PhiResult:
    result = PhiResult()
    records = Records()
    reader = reader_for(doc)
    fixture = not getattr(reader, "log", False) and classify_role(doc.path, doc.kind) is FileRole.TEST
    made_up = not getattr(reader, "log", False) and _MADE_UP_NAME.search(doc.path.rsplit("/", 1)[-1]) is not None
    published = _api_description(doc)  # a published FHIR example (see _PUBLISHED_EXAMPLE), or an API description
    name_stats = NameStats()  # the names of whole records, for a generated dataset
    examples_possible = isinstance(reader, (_JsonReader, _XmlReader))
    accounts = False  # an identity provider's export (see _IDP_EXPORT_KEYS)
    pattern = prefilter()
    bar = max(floor, REPORT_FLOOR)
    last_line = -1
    last_types: set[str] = set()  # pieces of one long line must not count a type twice
    invented_owners: set[object] = set()  # resources with an invented person in one of their parts
    patients_referenced: set[int] = set()  # hashes (in memory only) of the Patient references reported

    def handle(number: int, text: str, ctx: LineContext | None) -> None:
        nonlocal last_line, last_types
        if ctx is None:
            return
        result.lines_analysed += 1
        hits = [h for h in analyse(text, ctx) if h.confidence >= bar]
        if hits and template_record(text):
            # a record written as a template (`##PatientID##`, `SSNHOLDER`): its people are filler
            hits = [h for h in hits if h.type not in PERSONAL]
        if ctx.contacts_of_staff:
            hits = [h for h in hits if h.type not in PERSONAL or h.type in CLINICAL]
        record: object = ("record", ctx.record) if ctx.record is not None else number
        owner: object = ("owner", ctx.owner) if ctx.owner is not None else None
        if ctx.whole:
            for name in ctx.full_names:
                name_stats.add(name)
        if not ctx.log:
            if records.enter(record, ctx, any(h.type in PERSONAL for h in hits)):
                result.retract(record)
            if records.current_invented and owner is not None and owner not in invented_owners:
                invented_owners.add(owner)  # an invented name in a part: the resource is invented
                result.retract_owner(owner)
            if records.current_invented or (owner is not None and owner in invented_owners):
                hits = [h for h in hits if h.type not in PERSONAL]
        if not hits:
            return
        if number != last_line:
            last_line, last_types = number, set()
        by_type: dict[str, list[Hit]] = defaultdict(list)
        for h in hits:
            by_type[h.type].append(h)
        pin = False
        for type_, group in by_type.items():
            if type_ in last_types:
                continue
            last_types.add(type_)
            result.totals[type_] += 1
            kept = result.kept[type_]
            primary = max(group, key=lambda h: (h.confidence, -h.start))
            if type_ == "fhir_clinical" and not ctx.log:
                # One finding per patient a file's clinical resources point at: a bundle's twenty
                # Observations of one `Patient/123` are one problem, counted in total_in_file.
                seen = hash(text[primary.start : primary.end])
                if seen in patients_referenced:
                    continue
                patients_referenced.add(seen)
            if len(kept) < cap:
                kept.append(Kept(number, primary.confidence, _redactions(number, text, primary, group, hits), primary.field, primary.end - primary.start, record, owner))
                if fixture and type_ in PERSONAL:
                    records.kinds[record].update(h.type for h in hits if h.type in PERSONAL)
                pin = True
        if pin:
            doc.pin_line(number, text)

    for block in doc.iter_blocks():
        data = block.data
        if examples_possible and not published and (b"example" in data or b"Narrative" in data or b"113883.19" in data) and _PUBLISHED_EXAMPLE.search(data):
            published = True
        if examples_possible and not accounts and any(key in data for key in _IDP_EXPORT_KEYS):
            accounts = True
        if block.partial:
            _scan_piece(block.first_line, data, reader, pattern, handle)
            continue
        if reader.full:
            number = block.first_line
            for raw in data.split(b"\n"):
                text = raw.decode("utf-8", "replace").rstrip("\r")
                ctx = reader(text)
                if ctx is not None and (ctx.extra_fields or ctx.person or pattern.search(raw)):
                    handle(number, text, ctx)
                number += 1
            continue
        number, counted = block.first_line, 0
        found = pattern.search(data)
        while found is not None:
            start = data.rfind(b"\n", 0, found.start()) + 1
            end = data.find(b"\n", found.start())
            end = len(data) if end < 0 else end
            number += data.count(b"\n", counted, start)
            counted = start
            text = data[start:end].decode("utf-8", "replace").rstrip("\r")
            handle(number, text, reader(text))
            found = pattern.search(data, end) if end < len(data) else None  # next line with a hit
    if published or made_up or accounts or records.test_dataset(fixture) or name_stats.generated() or (fixture and name_stats.repeated()):
        result.retract(None)
    elif fixture:
        # secondary signal: in a test fixture one lone name or date, or a diagnosis with no
        # person on record, is too weak to call PHI
        for record in records.lone_values():
            result.retract(record)
    if not getattr(reader, "log", False) and result.kept.get("fhir_clinical") and not result.identifies_someone():
        # FHIR clinical resources tied only to an opaque patient reference (`Patient/1`), with
        # nobody's name, identifier, birth date or contact in the file: nothing names the patient
        result.retract_type("fhir_clinical")
    return result


def _scan_piece(number: int, data: bytes, reader: Any, pattern: Any, handle: Any) -> None:
    """A piece of a line too long to analyse whole: analyse a window around each hit."""
    done = -1
    # A clinical document written on one line: its patient's name may sit far from the ids, so
    # an invented name anywhere in the piece (`<family>TEST</family>`) marks every window.
    invented = isinstance(reader, _XmlReader) and _invented_xml_person(data)
    for m in pattern.finditer(data):
        if m.start() < done:
            continue
        lo = max(0, m.start() - LONG_LINE_WINDOW)
        hi = min(len(data), m.end() + LONG_LINE_WINDOW)
        text = data[lo:hi].decode("utf-8", "replace")
        ctx = reader(text) if not getattr(reader, "full", False) else _LogReader(False)(text)
        if ctx is not None and invented:
            ctx.synthetic = True
        handle(number, text, ctx)
        done = hi - 256


_XML_NAME_PART = re.compile(rb"<(?:\w+:)?(?:" + "|".join(sorted(XML_NAME_PARTS)).encode() + rb")\b[^>]*>([^<]{1,64})</")


def _invented_xml_person(data: bytes) -> bool:
    return any(synthetic_name(m.group(1).decode("utf-8", "replace")) for m in _XML_NAME_PART.finditer(data))


def _redactions(number: int, text: str, primary: Hit, same: list[Hit], everything: list[Hit]) -> tuple[Redaction, ...]:
    """A keyhole: the label and the masked value stay visible, the rest of the line is masked,
    and every other value found on the line is masked inside the keyhole too."""
    keep = TYPES[primary.type].keep_last
    label = TYPES[primary.type].id
    out = [Redaction(number, h.start, h.end, label, keep) for h in same]
    lo = min(primary.label_start, primary.start)
    if lo > 1:
        out.append(Redaction(number, 0, lo - 1, "context"))
    if primary.end + 1 < len(text):
        out.append(Redaction(number, primary.end + 1, len(text), "context"))
    out.extend(Redaction(number, h.start, h.end, h.type) for h in everything if h.type != primary.type)
    return tuple(out)
