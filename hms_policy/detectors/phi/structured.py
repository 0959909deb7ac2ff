"""Structure that labels values: HL7 v2 segments, FHIR resources (in one line or pretty-printed
over many), CSV headers and SQL column lists. Each reader turns structure into `Field`s with
a role, so the line analyser treats `PID-5` or a `ssn` column exactly like a `ssn=` key."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hms_policy.detectors.phi.fields import Field, json_fields
from hms_policy.detectors.phi.keys import role_of
from hms_policy.detectors.phi.record import STREET_WORD

# ---- HL7 v2 -------------------------------------------------------------------------------

_HL7_SEGMENT = re.compile(r"(?:^|(?<=[\r\n\s\"'>])|(?<=\\r)|(?<=\\n))(MSH|PID|NK1|IN1|DG1)\|")
_HL7_ROLES: dict[tuple[str, int], str] = {
    ("PID", 2): "mrn", ("PID", 3): "mrn", ("PID", 4): "mrn", ("PID", 5): "person_name",
    ("PID", 6): "person_name", ("PID", 7): "dob", ("PID", 9): "person_name", ("PID", 11): "street_address",
    ("PID", 13): "phone", ("PID", 14): "phone", ("PID", 18): "health_plan_id", ("PID", 19): "us_ssn",
    ("NK1", 2): "person_name", ("NK1", 4): "street_address", ("NK1", 5): "phone", ("NK1", 6): "phone",
    ("IN1", 16): "person_name", ("IN1", 18): "dob", ("IN1", 19): "street_address",
    ("IN1", 36): "health_plan_id", ("IN1", 49): "health_plan_id",
    ("DG1", 3): "diagnosis_code", ("DG1", 4): "clinical_field",
}
_IDENTIFYING_ROLES = frozenset({"mrn", "person_name", "health_plan_id", "us_ssn"})
# Composite fields whose first component is the value (an id, a phone, a code).
_FIRST_COMPONENT = frozenset({"mrn", "health_plan_id", "phone", "diagnosis_code", "us_ssn", "dob"})
_SEGMENT_END = re.compile(r"[\r\n\"]|\\r|\\n")


def hl7_fields(text: str) -> tuple[list[Field], bool]:
    """Fields of the PID, NK1, IN1 and DG1 segments on the line; and whether a PID names someone."""
    out: list[Field] = []
    identified = False
    if "|" not in text:
        return out, identified
    for seg in _HL7_SEGMENT.finditer(text):
        name = seg.group(1)
        if name == "MSH":
            continue
        start = seg.end()
        stop = _SEGMENT_END.search(text, start)
        end = stop.start() if stop else len(text)
        index, cursor = 1, start
        for piece in text[start:end].split("|"):
            role = _HL7_ROLES.get((name, index))
            if role is not None and piece:
                value_end = cursor + len(piece)
                first_rep = piece.split("~", 1)[0]
                if role in _FIRST_COMPONENT:
                    value = first_rep.split("^", 1)[0]
                elif role == "street_address" and not first_rep.split("^", 1)[0].strip():
                    value = ""  # `^^^^^USA^H`: a country and an address type, no street
                else:
                    value = " ".join(p for p in first_rep.split("^") if p and not p.isdigit() or role == "street_address" and p)
                value_end = cursor + len(first_rep.split("^", 1)[0]) if role in _FIRST_COMPONENT else cursor + len(first_rep)
                if value.strip():
                    out.append(Field(f"{name}{index}", role, cursor, value_end, value, "hl7"))
                    if name == "PID" and role in _IDENTIFYING_ROLES:
                        identified = True  # a PID naming or numbering someone (a date alone names nobody)
            cursor += len(piece) + 1
            index += 1
    return out, identified


# NIST's HL7 v2 conformance-test messages (immunization, lab results, syndromic surveillance),
# copied into most HL7 projects' samples, issue their patient ids from a "NIST" authority
# (`PATID1234^^^NIST MPI^MR`, `90012^^^NIST-MPI-1^MR`): their patients are the test plan's.
_PID_IDS = re.compile(r"^PID\|[^|\r\n]*\|[^|\r\n]*\|([^|\r\n]*)")


def test_authority(text: str) -> bool:
    """A PID segment whose patient ids come from a conformance-test authority (NIST)."""
    found = _PID_IDS.match(text)
    if found is None:
        return False
    for repetition in found.group(1).split("~"):
        components = repetition.split("^")
        if len(components) > 3 and components[3].split("&", 1)[0].strip().upper().startswith("NIST"):
            return True
    return False


# ---- FHIR ---------------------------------------------------------------------------------

PERSON_RESOURCES = frozenset({"Patient", "RelatedPerson", "Person"})
CLINICAL_RESOURCES = frozenset(
    "Observation Condition Encounter Procedure DiagnosticReport MedicationRequest MedicationStatement "
    "MedicationAdministration MedicationDispense AllergyIntolerance Immunization CarePlan ClaimResponse Claim "
    "ExplanationOfBenefit Coverage ServiceRequest DocumentReference QuestionnaireResponse Specimen "
    "ImagingStudy FamilyMemberHistory RiskAssessment Goal CareTeam EpisodeOfCare Appointment".split()
)
_RESOURCE_TYPE = re.compile(r'"resourceType"\s*:\s*"([A-Za-z]+)"')
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]')
_ARRAY_OPEN = re.compile(r'^\s*"([A-Za-z_][\w]*)"\s*:\s*\[\s*$')
_BARE_ITEM = re.compile(r'^\s*"((?:[^"\\]|\\.){1,256})"\s*,?\s*$')
_SYSTEM_ROLES: tuple[tuple[str, str], ...] = (
    ("us-ssn", "us_ssn"), ("/ssn", "us_ssn"), ("us-mbi", "us_mbi"), ("mbi", "us_mbi"), ("nhs-number", "uk_nhs"),
    ("nhs.uk", "uk_nhs"), ("healthid", "in_abha_number"), ("abha", "in_abha_number"), ("ndhm", "in_abha_number"),
    ("abdm", "in_abha_number"), ("uidai", "in_aadhaar"), ("aadhaar", "in_aadhaar"), ("us-npi", "us_npi"),
)
_CODE_SYSTEMS = (("snomed", "diagnosis_code"), ("icd-10", "diagnosis_code"), ("icd10", "diagnosis_code"), ("icd-9", "diagnosis_code"))
_DIAGNOSIS_RESOURCES = frozenset({"Condition", "Encounter", "Claim", "ExplanationOfBenefit", "Procedure", "FamilyMemberHistory"})


@dataclass(slots=True)
class FhirState:
    """Where a pretty-printed FHIR document is: brace depth, the resources open at each depth
    ([depth, type, reported]), the last `system` seen in the current object, and an array whose
    items sit on their own lines."""

    depth: int = 0
    typed: list[list] = field(default_factory=list)  # type: ignore[type-arg]
    system: str = ""
    array_key: str | None = None

    def resource(self) -> str | None:
        return self.typed[-1][1] if self.typed else None


_REFERENCE_VALUE = re.compile(r'"reference"\s*:\s*"((?:[^"]*/)?Patient/[^"]*)"')


def _bracket(state: FhirState, c: str) -> None:
    """Move the structure by one bracket: `{` opens an object, `}` closes it and the resources
    it declared, `]` ends an array of bare items."""
    if c == "{":
        state.depth += 1
        state.system = ""
    elif c == "}":
        while state.typed and state.typed[-1][0] >= state.depth:
            state.typed.pop()
        state.depth -= 1
    elif c == "]":
        state.array_key = None


def fhir_brackets(text: str, state: FhirState) -> None:
    """A line of brackets and commas only (`}, {`, `] }`): the structure moves, no field."""
    for c in text:
        _bracket(state, c)


def fhir_fields(text: str, state: FhirState, multiline: bool) -> tuple[list[Field], bool, bool]:
    """Fields FHIR structure labels on this line; whether the line is inside a person resource,
    and whether it ties to an identified patient."""
    if not multiline:
        if '"resourceType"' not in text:
            return [], False, False
        return _fhir_single_line(text)
    if not state.typed and '"resourceType"' not in text:
        return [], False, False
    pairs = json_fields(text)
    bare = _BARE_ITEM.match(text) if multiline and state.array_key else None
    if bare:
        pairs.append(Field(state.array_key or "", None, bare.start(1), bare.end(1), bare.group(1), "json"))
    events: list[tuple[int, int, object]] = [(f.start, 1, f) for f in pairs]
    for tok in _TOKENS.finditer(text):
        if tok.group(0) in "{}[]":
            events.append((tok.start(), 0, tok.group(0)))
    if '"resourceType"' in text:  # substring tests first: most lines of a bundle hold neither
        for rt in _RESOURCE_TYPE.finditer(text):
            events.append((rt.start(1), 2, rt.group(1)))
    if "Patient/" in text:
        for ref in _REFERENCE_VALUE.finditer(text):
            events.append((ref.start(1), 3, ref))
    events.sort(key=lambda e: (e[0], e[1]))
    out: list[Field] = []
    person = identified = False
    for _, kind, item in events:
        if kind == 0:
            _bracket(state, item)  # type: ignore[arg-type]
            continue
        if kind == 2:
            state.typed.append([state.depth, item, False])
            continue
        if kind == 3:
            identified = True
            assert isinstance(item, re.Match)  # a Patient reference
            for entry in reversed(state.typed):  # the clinical resource around it is about that patient
                if entry[1] in CLINICAL_RESOURCES and not entry[2]:
                    entry[2] = True
                    out.append(Field("reference", "fhir_clinical", item.start(1), item.end(1), item.group(1), "fhir"))
                    break
            continue
        f: Field = item  # type: ignore[assignment]
        resource = state.resource()
        if resource is None:
            continue
        if f.key == "system":
            state.system = f.value.lower()
            continue
        if resource in PERSON_RESOURCES:
            person = True
        role = _fhir_role(f, resource, state, text)
        if role is not None:
            out.append(Field(f.key, role, f.start, f.end, f.value, "fhir"))
            if resource == "Patient":
                identified = True
    if multiline:
        opened = _ARRAY_OPEN.match(text)
        if opened:
            state.array_key = opened.group(1)
    return out, person or state.resource() in PERSON_RESOURCES, identified


def _typed_objects(text: str) -> list[tuple[int, int, str]]:
    """(start, end, resourceType) of every JSON object on the line that declares a type,
    wherever in the object `resourceType` sits. An object left open runs to the line's end."""
    types = {m.start(): m.group(1) for m in _RESOURCE_TYPE.finditer(text)}
    stack: list[list] = []  # type: ignore[type-arg]
    out: list[tuple[int, int, str]] = []
    for tok in _TOKENS.finditer(text):
        char = tok.group(0)
        if char == "{":
            stack.append([tok.start(), None])
        elif char == "}":
            if stack:
                start, type_ = stack.pop()
                if type_:
                    out.append((start, tok.end(), type_))
        elif tok.start() in types and stack:
            stack[-1][1] = types[tok.start()]
    out.extend((start, len(text), type_) for start, type_ in stack if type_)
    return out


def _fhir_single_line(text: str) -> tuple[list[Field], bool, bool]:
    objects = _typed_objects(text)

    def resource_at(pos: int) -> str | None:
        inside = [o for o in objects if o[0] <= pos < o[1]]
        return min(inside, key=lambda o: o[1] - o[0])[2] if inside else None

    out: list[Field] = []
    person = identified = False
    for f in json_fields(text):
        resource = resource_at(f.start)
        if resource is None or f.key == "system":
            continue
        person = person or resource in PERSON_RESOURCES
        role = _fhir_role(f, resource, FhirState(), text)
        if role is not None:
            out.append(Field(f.key, role, f.start, f.end, f.value, "fhir"))
            identified = identified or resource == "Patient"
    reported: set[int] = set()
    for ref in _REFERENCE_VALUE.finditer(text):
        identified = True
        for start, end, type_ in sorted(objects, key=lambda o: o[1] - o[0]):
            if start <= ref.start() < end and type_ in CLINICAL_RESOURCES and start not in reported:
                reported.add(start)
                out.append(Field("reference", "fhir_clinical", ref.start(1), ref.end(1), ref.group(1), "fhir"))
                break
    return out, person, identified


def _fhir_role(f: Field, resource: str, state: FhirState, text: str) -> str | None:
    key = f.key
    if resource in PERSON_RESOURCES:
        if key in ("family", "given"):
            return "person_name"
        if key == "text" and _inside_human_name(text, f.start):
            return "person_name"
        if key == "birthDate":
            return "dob"
        if key == "line":
            # a locality or a word of a split line (`"SURREY"`, `"HOME"`, `"2222"`) places nobody
            return "street_address" if _street_line(f.value) else None
        if key == "value":
            system = state.system or _sibling_system(text, f)
            if system in ("phone", "fax", "sms"):
                return "phone"
            if system == "email":
                return "email"
            for needle, role in _SYSTEM_ROLES:
                if needle in system:
                    return role
            return "mrn" if system.startswith(("http", "urn")) and resource == "Patient" else None
    if key == "code" and resource in _DIAGNOSIS_RESOURCES:
        system = state.system or _sibling_system(text, f)
        for needle, role in _CODE_SYSTEMS:
            if needle in system:
                return role
    return None


_HAS_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _street_line(value: str) -> bool:
    """An address line that can place someone: a number and a word (`12 Elm Road`, `Flat 3b`),
    or a street named as one (`Church Lane`)."""
    return (any(c.isdigit() for c in value) and _HAS_LETTERS.search(value) is not None) or (len(value.split()) > 1 and STREET_WORD.search(value) is not None)


_NAME_ARRAY = re.compile(r'"name"\s*:\s*\[\s*\{')


def _inside_human_name(text: str, position: int) -> bool:
    """`"name":[{"use":"official","text":"Peter Chalmers"}]`, not `"maritalStatus":{"text":...}`."""
    opened = None
    for m in _NAME_ARRAY.finditer(text, 0, position):
        opened = m
    return opened is not None and "}" not in text[opened.end() : position]


_SYSTEM_PAIR = re.compile(r'"system"\s*:\s*"([^"]*)"')


def _sibling_system(text: str, f: Field) -> str:
    lo = text.rfind("{", 0, f.start)
    hi = text.find("}", f.end)
    window = text[lo + 1 if lo >= 0 else 0 : hi if hi >= 0 else len(text)]
    m = _SYSTEM_PAIR.search(window)
    return m.group(1).lower() if m else ""


# ---- CSV ----------------------------------------------------------------------------------

_IDENTIFYING_ROLES = frozenset(
    "us_ssn us_mbi mrn health_plan_id in_aadhaar in_abha_number uk_nhs person_name generic_name dob email phone street_address".split()
)


@dataclass(slots=True)
class Columns:
    """A header: the role of each column, and whether its rows describe identified people."""

    names: list[str]
    roles: list[str | None]
    identifying: bool

    @classmethod
    def from_names(cls, names: list[str]) -> Columns:
        roles = [role_of(n) for n in names]
        identifying = any(r in _IDENTIFYING_ROLES for r in roles)
        roles = [("generic_name" if r is None and n.strip().lower() == "name" and identifying else r) for n, r in zip(names, roles)]
        return cls(names, roles, identifying)

    @property
    def useful(self) -> bool:
        return any(r not in (None, "negative") for r in self.roles)


def sniff_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def split_row(text: str, delimiter: str) -> list[tuple[int, int, str]]:
    """(start, end, value) of each cell, quotes removed."""
    cells = []
    i, n = 0, len(text)
    while i <= n:
        if i < n and text[i] == '"':
            j = i + 1
            while j < n:
                if text[j] == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        j += 2
                        continue
                    break
                j += 1
            cells.append((i + 1, j, text[i + 1 : j].replace('""', '"')))
            k = text.find(delimiter, j)
            i = (k if k >= 0 else n) + 1
        else:
            k = text.find(delimiter, i)
            k = n if k < 0 else k
            cells.append((i, k, text[i:k]))
            i = k + 1
    return cells


def row_fields(cells: list[tuple[int, int, str]], columns: Columns, source: str) -> list[Field]:
    out = []
    for (start, end, value), name, role in zip(cells, columns.names, columns.roles):
        if role is not None and role != "negative":
            out.append(Field(name, role, start, end, value, source))
    return out


# ---- SQL ----------------------------------------------------------------------------------

_CREATE = re.compile(r'^\s*CREATE\s+(?:TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([`"\[\]\w.]+)', re.I)
_COLUMN_DEF = re.compile(r'(?:^|[(,])\s*[`"\[]?([A-Za-z_]\w*)[`"\]]?\s+(?!KEY\b|CONSTRAINT\b|PRIMARY\b|UNIQUE\b|FOREIGN\b|INDEX\b|CHECK\b)[A-Za-z]', re.I)
_INSERT = re.compile(r'INSERT\s+(?:IGNORE\s+)?INTO\s+([`"\[\]\w.]+)\s*(?:\(([^)]*)\))?\s*VALUES\s*', re.I)
_COPY = re.compile(r'^COPY\s+([`"\w.]+)\s*\(([^)]*)\)\s+FROM\s+stdin', re.I)
_VALUE_TOKEN = re.compile(r"'(?:[^'\\]|\\.|'')*'|[(),]|[^,()'\s]+")


def _table(name: str) -> str:
    return name.strip('`"[]').rsplit(".", 1)[-1].strip('`"[]').lower()


def _names(column_list: str) -> list[str]:
    return [c.strip().strip('`"[]') for c in column_list.split(",")]


@dataclass(slots=True)
class SqlState:
    tables: dict[str, list[str]] = field(default_factory=dict)
    creating: str | None = None
    inserting: Columns | None = None  # an INSERT whose tuples continue on the next lines
    copying: Columns | None = None  # inside COPY ... FROM stdin
    table: str | None = None  # the table of that INSERT or COPY
    record_table: str | None = None  # the table whose data the last line held (None: statement text)


def sql_fields(text: str, state: SqlState) -> tuple[list[Field], bool]:
    """Fields of INSERT tuples and COPY rows, labelled by their column names."""
    state.record_table = state.table if (state.copying is not None or state.inserting is not None) else None
    if state.copying is not None:
        if text.startswith("\\."):
            state.copying = None
            state.record_table = None
            return [], False
        copying = state.copying
        row, cursor = [], 0
        for value in text.split("\t"):
            row.append((cursor, cursor + len(value), "" if value == "\\N" else value))
            cursor += len(value) + 1
        return row_fields(row, copying, "sql"), copying.identifying
    if state.creating is not None:
        for m in _COLUMN_DEF.finditer(text):
            state.tables.setdefault(state.creating, []).append(m.group(1))
        if text.rstrip().endswith(";") or text.lstrip().startswith(")"):
            state.creating = None
        return [], False
    created = _CREATE.match(text)
    if created:
        table = _table(created.group(1))
        state.tables[table] = [m.group(1) for m in _COLUMN_DEF.finditer(text, created.end())]
        if not text.rstrip().endswith(";"):
            state.creating = table
        return [], False
    copy = _COPY.match(text)
    if copy:
        state.copying = Columns.from_names(_names(copy.group(2)))
        state.table = _table(copy.group(1))
        return [], False
    insert = _INSERT.search(text)
    start = 0
    if insert:
        names = _names(insert.group(2)) if insert.group(2) else state.tables.get(_table(insert.group(1)), [])
        state.inserting = Columns.from_names(names) if names else None
        state.table = state.record_table = _table(insert.group(1))
        start = insert.end()
    columns = state.inserting
    if columns is None or not columns.useful:
        if text.rstrip().endswith(";"):
            state.inserting = None
        return [], False
    out: list[Field] = []
    index, depth = 0, 0
    cells: dict[int, tuple[int, int, str]] = {}
    width = len(columns.names)
    for tok in _VALUE_TOKEN.finditer(text, start):
        value = tok.group(0)
        if value == "(":
            depth += 1
            if depth == 1:
                index, cells = 0, {}
        elif value == ")":
            depth -= 1
            if depth == 0:
                out.extend(row_fields([cells.get(i, (0, 0, "")) for i in range(width)], columns, "sql"))
        elif value == ",":
            if depth == 1:
                index += 1
        elif depth == 1:
            if value.startswith("'"):
                cells[index] = (tok.start() + 1, tok.end() - 1, value[1:-1].replace("''", "'"))
            else:
                cells[index] = (tok.start(), tok.end(), "" if value.upper() == "NULL" else value)
    if text.rstrip().endswith(";"):
        state.inserting = None
    return out, columns.identifying
