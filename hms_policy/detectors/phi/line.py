"""One line in, hits out: every identifier on the line with its span, label and confidence.

Evidence comes in three strengths (see `formats.Format`): the value alone, a patient on the
line or record, and a label naming the type (a field key, a word right before the value, an
HL7 field position, a FHIR element). A label that names a *different* type vetoes a match
(`phone=512-34-8891` is not an SSN) and a negative key (`order=`, `version=`) vetoes any.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field, replace

from hms_policy.detectors.phi.fields import Field, is_masked, line_fields
from hms_policy.detectors.phi.formats import FORMATS, LABEL_WORDS, PHONE_TYPES, Format, _email, birth_date_text, placeholder_email_in
from hms_policy.detectors.phi.keys import role_of
from hms_policy.detectors.phi.record import CONTACT, PERSONAL, STREET_WORD as _STREET_WORD, TableKind, faker_phone, judge, name_tokens, placeholder_address, synthetic_name
from hms_policy.detectors.phi import validators as v

# Words that put a patient on the line. Plain substring tests on the lower-cased line: an
# alternation regex with re.IGNORECASE costs ~100 us a line in the `re` module.
PATIENT_WORDS = (
    "patient", "pt_id", "ptid", "medical record", "medical_record", "medicalrecord", "beneficiar",
    "subscriber", "insured", "member_id", "memberid", "member id", "admission", "admitted", "discharg", "encounter",
    "diagnos", "date of birth", "date_of_birth", "dateofbirth", "birthdate", "birth_date",
    "aadhaar", "aadhar", "medicare", "medicaid",
)
# Short words that are patient context only as words: `ward=4B`, not `X-Forwarded-For`.
PATIENT_SHORT_WORDS = ("ward", "dob", "mrn", "nhs", "abha", "admit")
_SEGMENT_WORDS = ("PID|", "NK1|", "IN1|")


def _word_in(low: str, word: str) -> bool:
    at = low.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not low[at - 1].isalpha()) and (end >= len(low) or not low[end].isalpha()):
            return True
        at = low.find(word, end)
    return False


def patient_context(text: str, low: str) -> bool:
    return (
        any(w in low for w in PATIENT_WORDS)
        or any(_word_in(low, w) for w in PATIENT_SHORT_WORDS)
        or any(w in text for w in _SEGMENT_WORDS)
    )


_WINDOW_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_KEY_BEFORE = re.compile(r"([A-Za-z][\w.\-]{0,40})[\\\"')\]]*\s?[:=]\s?[\\\"'(\[]*\s?$")
_WINDOW = 32
_NAME_TOKEN = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*(?:['’.\-][^\W\d_]*)*\.?$")
_NAME_PLACEHOLDERS = frozenset(
    "john doe|jane doe|john smith test|test patient|test user|patient|unknown|anonymous|first last|"
    "firstname lastname|first name|last name|foo bar|foo|bar|baz|name|full name|your name|mr|mrs|ms|dr|"
    "sample|example|demo|dummy|null|none|john|jane|doe|test".split("|")
)
# Words that make a name-shaped value a place, a team or a status instead of a person.
_NOT_NAME_WORDS = frozenset(
    "ward clinic hospital department dept unit service services team room lab laboratory pharmacy centre center "
    "icu opd er theatre block floor wing building health care medical group inc ltd llc corp system admin "
    "admitted discharged pending active inactive unknown new updated found none null record records "
    "this that the these those field fields value values column".split()  # prose after a label
)
_NAME_EXTEND = re.compile(r"(?:[ \t]+[A-Z][^\W\d_'’.\-]*(?:['’.\-][^\W\d_]+)*\.?(?![\w=:]))+")
_ADDRESS_EXTEND = re.compile(r"(?:[ \t]+[\w#'’.\-]+(?![\w]*\s?[=:]))+")
_MRN_VALUE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-/.]{3,23}$")
_ICD10 = re.compile(r"^[A-TV-Z][0-9][0-9AB](?:\.?[0-9A-TV-Z]{1,4})?$")
_LABEL_MRN = re.compile(
    r"\b(?:mrn|medical record (?:number|no\.?|#)|member id|subscriber id|policy (?:number|no\.?))\b[\s#:=.\"']{1,4}"
    r"([A-Za-z0-9][A-Za-z0-9\-]{3,19})\b",
    re.I,
)
_EMAIL_VALUE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@(?:[A-Za-z0-9\-]{1,63}\.){1,8}[A-Za-z]{2,24}$")
_PATIENT_REF = re.compile(r"\bPatient/[A-Za-z0-9\-.]{1,64}")

# Hits of these types identify a person, so a diagnosis or an IP beside them is tied to one.
IDENTIFYING = frozenset(
    "us_ssn us_mbi mrn health_plan_id in_aadhaar in_abha_number in_abha_address uk_nhs person_name dob "
    "email us_phone in_mobile eu_phone street_address in_pan".split()
)
# A label and a value type that agree though their names differ: `pan=` is a payment card's
# primary account number when the value is one, `healthId` held ABHA addresses before ABHA.
_COMPATIBLE = frozenset(
    {("phone", t) for t in ("us_phone", "in_mobile", "eu_phone")}
    | {("in_pan", "credit_card"), ("in_abha_number", "in_abha_address"), ("in_abha_address", "in_abha_number")}
)
# Roles that a covering label may name without vetoing a type.
_NEUTRAL_ROLES = frozenset({None, "patient"})


@dataclass(slots=True)
class Hit:
    type: str
    start: int
    end: int
    confidence: float
    label_start: int  # where the evidence window starts (the key or label word)
    field: str = ""  # the label's normalised name: safe structure for the fingerprint


@dataclass(slots=True)
class LineContext:
    """What the file or record around a line says: set by the structured readers."""

    patient: bool = False  # the record is about a patient (FHIR Patient, HL7 PID, PHI columns)
    patient_id: bool = False  # ... and identifies one
    config: bool = False  # a configuration file: contact details need patient context
    extra_fields: list[Field] = field(default_factory=list)  # from CSV, SQL, HL7, FHIR readers
    # Record-level judgement (see `record`); a log line is judged as before.
    log: bool = True  # a log: every line is an event, no record structure to judge
    structured: bool = False  # structure alone says whether the record is a patient's, not words
    whole: bool = False  # the whole record is on this line (CSV row, INSERT tuple, dbunit element)
    person: bool = False  # table, element or enclosing JSON key is named for people
    table: TableKind | None = None  # the record's table or element, when known
    strong: bool = False  # FHIR Patient or HL7 PID structure
    query: bool = False  # SQL statement text (a query), not data
    record: int | None = None  # first line of a record written over several lines
    owner: int | None = None  # the record this one is a part of (a FHIR resource around its `name`)
    synthetic: bool = False  # the record's person is invented (set by a reader's marker, or by the analysis)
    contacts_of_staff: bool = False  # an HL7 order or result segment: its people are staff
    names: set[str] = field(default_factory=set)  # set by the analysis: the words of the record's names
    full_names: list[str] = field(default_factory=list)  # set by the analysis: the record's whole names


def _covering(fields: list[Field], start: int, end: int) -> Field | None:
    best = None
    for f in fields:
        if f.start <= start and end <= f.end and (best is None or f.end - f.start < best.end - best.start):
            best = f
    return best


def _window_label(text: str, start: int) -> tuple[str | None, int]:
    """The role named right before `start`, and where that label begins: first the token
    touching the value (`ssn=`, `"aadhaar_no": "`, `Key (ssn)=(`), then free-text words
    (`social security number is`). Several words only ever add evidence, never veto it."""
    lo = max(0, start - _WINDOW)
    key = _KEY_BEFORE.search(text, lo, start)
    if key is not None:
        role = role_of(key.group(1))
        if role is not None and role != "patient":
            return role, key.start(1)
    found = list(_WINDOW_WORD.finditer(text, lo, start))
    for k in (1, 2, 3):
        if k > len(found):
            break
        chosen = found[-k:]
        role = role_of("_".join(w.group(0) for w in chosen))
        if role is not None and role != "patient" and (k == 1 or role != "negative"):
            return role, chosen[0].start()
    return None, start


def _name_value(value: str, single_ok: bool) -> bool:
    cleaned = value.replace("^", " ").replace(",", " ").strip()
    tokens = cleaned.split()
    if not tokens or len(tokens) > 5 or len(cleaned) > 60 or (len(tokens) == 1 and not single_ok):
        return False
    if cleaned.lower() in _NAME_PLACEHOLDERS or all(t.lower() in _NAME_PLACEHOLDERS for t in tokens):
        return False
    if not all(_NAME_TOKEN.match(t) for t in tokens):
        return False
    if cleaned.islower():
        # `"name": "email verified"`, `"name": "role list"`: records spell people's names with
        # capitals (or in a script without case, where islower() is False); all lower-case
        # words are a label or a setting's name
        return False
    if any(t.lower().rstrip(".") in _NOT_NAME_WORDS for t in tokens):
        return False
    return any(len(t.rstrip(".")) >= 2 for t in tokens)


def _address_value(value: str) -> bool:
    text = value.strip()
    if not 6 <= len(text) <= 160 or is_masked(text):
        return False
    has_digit = any(c.isdigit() for c in text)
    has_word = re.search(r"[A-Za-z]{3,}", text) is not None
    return has_word and (bool(_STREET_WORD.search(text)) and has_digit or bool(re.match(r"^\d+[A-Za-z]?[ ,]+[A-Za-z]", text)))


def _mrn_value(value: str) -> bool:
    text = value.strip()
    if not _MRN_VALUE.match(text) or is_masked(text):
        return False
    digits = "".join(c for c in text if c.isdigit())
    return len(digits) >= 3 and not v.all_same(digits) and not _placeholder_number(digits) and not birth_date_text(text)


def _placeholder_number(digits: str) -> bool:
    """`100001`, `1000000`, `123456`, `987654321`: a round number or a run typed in for a record
    number, as scrubbed samples and forms write it."""
    if len(digits) >= 4 and digits.count("0") >= len(digits) - 2 and digits[0] != "0":
        return True
    steps = {int(b) - int(a) for a, b in zip(digits, digits[1:])}
    return len(digits) >= 5 and steps in ({1}, {-1})


def _clinical_value(value: str) -> bool:
    text = value.strip()
    return len(text) >= 3 and not is_masked(text) and not text.replace(".", "").isdigit()


_FIELD_PATH = re.compile(r"^[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)*$")


def _type_map_entry(f: Field, value: str) -> bool:
    """A JSON key spelled like a type (`"Condition"`, where a FHIR instance says `condition`)
    holding field names or paths (`subject`, `participant.actor`): schema or configuration keyed
    by resource type, as search-parameter and compartment tables are, not a patient's detail."""
    return f.source == "json" and f.key[:1].isupper() and "." not in f.key and _FIELD_PATH.match(value.strip()) is not None


def _diagnosis_code(value: str) -> bool:
    text = value.strip().upper()
    return bool(_ICD10.match(text)) or v.snomed_id(text)


def analyse(text: str, ctx: LineContext) -> list[Hit]:
    """Every hit on one line."""
    fields = [] if ctx.query else line_fields(text)
    if not ctx.log and fields:
        fields = [f for f in fields if f.source != "kv" or not _sql_predicate(text, f)]
    if ctx.person and fields and "</" in text:
        # CDA / HL7 v3 name parts of a person (`<name><given>..</given><family>..</family></name>`)
        fields = [replace(f, role="person_name") if f.source == "xml" and f.role is None and f.key in XML_NAME_PARTS else f for f in fields]
    if ctx.extra_fields:
        fields = ctx.extra_fields + fields
    low = text.lower()
    patient = ctx.patient or (not ctx.structured and patient_context(text, low))
    hits: list[Hit] = []
    _format_hits(text, low, fields, patient, ctx, hits)
    if "%" in text:
        _encoded_field_hits(text, fields, patient, hits)
    # outside logs a bare `name` is a person's only when structure says the record is one
    _field_hits(text, fields, patient if ctx.log else (ctx.patient or ctx.person), hits)
    _label_scan(text, low, hits)
    identified = ctx.patient_id or any(h.type in IDENTIFYING for h in hits) or bool(_PATIENT_REF.search(text)) or any(
        f.role == "patient" and not is_masked(f.value) and len(f.value) <= 64 for f in fields
    )
    hits = _tie_to_patient(_drop_nested(hits), patient, identified, fields)
    if not ctx.log:
        hits = _judge_record(text, hits, fields, ctx)
    elif any(f.role == "person_name" and synthetic_name(f.value) for f in (ctx.extra_fields if ctx.strong else fields)) or any(
        h.type == "person_name" and synthetic_name(text[h.start : h.end]) for h in hits
    ) or _test_identifier(text, hits, fields):
        # an event (or a whole FHIR resource on one NDJSON line) about an invented person (Jane
        # Doe, `user3`, a typed `zkxvk`): its personal values are a fixture's, as in a record
        hits = [h for h in hits if h.type not in PERSONAL]
    if "?" in text and hits:
        hits.extend(_in_query_strings(text, hits))
    return hits


# `WHERE name = 'x'`, `AND pit.name='ABHA'`: a key right after a SQL keyword is a predicate.
_SQL_KEYWORD_BEFORE = re.compile(r"(?:^|[\s(])(?:where|and|or|on|when|having|not)\s*$", re.I)


def _sql_predicate(text: str, f: Field) -> bool:
    """Query text in a data or config file (`where name = 'Admission Status'`,
    `diagnosis.voided = 0 AND`): a lookup, not a record."""
    if f.source != "kv":
        return False
    at = _key_start(text, f)
    if _SQL_KEYWORD_BEFORE.search(text, max(0, at - 12), at):
        return True
    quoted = text[f.start - 1 : f.start] in ("\"", "'")
    value = f.value.strip()
    column_or_number = value.replace(".", "").replace("_", "").isalnum() and ("." in value or value.isdigit())
    return "." in f.key and not quoted and column_or_number  # alias.column = other.column, = 0


_FIELD_END = re.compile(r"[,^|~]")  # a CSV cell, or an HL7 v2 component, field or repetition


def _judge_record(text: str, hits: list[Hit], fields: list[Field], ctx: LineContext) -> list[Hit]:
    """Keep only the personal hits the record as a whole supports (see `record.judge`)."""
    names = [f.value for f in fields if f.role == "person_name"]
    if not hits and not names:
        # a birth date too implausible to be a hit (after today), or a test-range identifier
        # written as an HL7 v3 id, still says the record is invented
        ctx.synthetic = ctx.synthetic or _born_in_the_future(text, hits, fields) or _test_identifier(text, hits, fields)
        return hits
    # CDA / HL7 v3 name parts count wherever the line's element stack stands (a document on one line)
    xml_names = [f.value for f in fields if f.source == "xml" and f.key in XML_NAME_PARTS] if "</" in text else []
    synthetic = ctx.synthetic or any(synthetic_name(value) for value in names + xml_names) or any(
        (h.type == "person_name" and synthetic_name(text[h.start : h.end]))
        or (h.type in CONTACT and faker_phone(_FIELD_END.split(text[h.start : h.end + 10])[0]))
        or (h.type == "street_address" and placeholder_address(text[h.start : h.end]))
        for h in hits
    ) or any(placeholder_address(f.value) for f in fields if f.role == "street_address") or ("@" in text and placeholder_email_in(text)) or _test_identifier(
        text, hits, fields
    ) or _born_in_the_future(text, hits, fields)
    ctx.synthetic = synthetic  # the scanner extends it to the rest of a multi-line record
    ctx.names = {t for value in names for t in name_tokens(value)}
    ctx.full_names = names + [text[h.start : h.end] for h in hits if h.type == "person_name"]
    personal = {h.type for h in hits if h.type in PERSONAL}
    if not personal:
        return hits
    verdict = judge(personal, whole=ctx.whole, person=ctx.person, table=ctx.table, strong=ctx.strong, synthetic=synthetic)
    return [h for h in hits if h.type not in PERSONAL or h.type in verdict.keep]


_ISO_DAY = re.compile(r"(?<!\d)((?:19|20|21)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")


def _born_in_the_future(text: str, hits: list[Hit], fields: list[Field]) -> bool:
    """A date of birth after today: no one's, an invented record's (`2087-03-14`)."""
    values = [text[h.start : h.end + 1] for h in hits if h.type == "dob"] + [f.value for f in fields if f.role == "dob"]
    if not values:
        return False  # most lines: no birth date, no clock read
    today = _dt.date.today().isoformat()
    for value in values:
        found = _ISO_DAY.search(value)
        if found and "-".join(found.groups()) > today:
            return True
    return False


def _test_identifier(text: str, hits: list[Hit], fields: list[Field]) -> bool:
    """A national identifier from a range kept for test data (an NHS number beginning with 9),
    or a record or member number typed as a pattern: the person it numbers is a test patient."""
    values = [text[h.start : h.end] for h in hits if h.type == "uk_nhs"] + [f.value for f in fields if f.role == "uk_nhs"]
    if "113883.2.1.4.1" in text:  # HL7 v3 / CDA: `<id extension="..." root="<the NHS number OID>"/>`
        values += [m.group(1) or m.group(2) for m in _NHS_OID_ID.finditer(text)]
    if any(v.nhs_never_issued("".join(c for c in value if c.isdigit())) for value in values):
        return True
    # `ABB2BB0BB22` as a subscriber id: a record number typed as a pattern of a few characters
    issued = [text[h.start : h.end] for h in hits if h.type in _ISSUED_NUMBERS] + [f.value for f in fields if f.role in _ISSUED_NUMBERS]
    return any(_patterned_identifier(value) for value in issued)


_ISSUED_NUMBERS = frozenset(("mrn", "health_plan_id"))


def _patterned_identifier(value: str) -> bool:
    """Eight or more letters and digits drawn from four characters at most, letters among them:
    a pattern someone typed. An issued record or member number with letters uses many more."""
    chars = [c for c in value.upper() if c.isalnum()]
    return len(chars) >= 8 and len(set(chars)) <= 4 and any(c.isalpha() for c in chars)


_NHS_OID_ID = re.compile(r'extension="(\d{10})"[^>]*root="2\.16\.840\.1\.113883\.2\.1\.4\.1"|root="2\.16\.840\.1\.113883\.2\.1\.4\.1"[^>]*extension="(\d{10})"')


# A URL's query string: after `?` up to whitespace or a quote (request lines, links, redirects).
_QUERY = re.compile(r"\?[^\s\"'<>]*[=][^\s\"'<>]*")


def _in_query_strings(text: str, hits: list[Hit]) -> list[Hit]:
    """An identifier inside a URL's query string is a second flaw: URLs are kept by browsers,
    proxies, load balancers and access logs whatever the application logs."""
    out = []
    for q in _QUERY.finditer(text):
        inside = [h for h in hits if h.type in IDENTIFYING and q.start() < h.start and h.end <= q.end()]
        if inside:
            best = max(inside, key=lambda h: h.confidence)
            out.append(Hit("phi_in_url", best.start, best.end, best.confidence, best.label_start, best.type))
    return out


def _drop_nested(hits: list[Hit]) -> list[Hit]:
    """A match inside a larger match of the same type is the same value seen twice."""
    if len(hits) < 2:
        return hits
    out = []
    for h in hits:
        if any(o is not h and o.type == h.type and o.start <= h.start and h.end <= o.end and (o.end - o.start, -o.start) > (h.end - h.start, -h.start) for o in hits):
            continue
        out.append(h)
    return out


def _candidate_formats(text: str, low: str, fields: list[Field], patient: bool) -> list[Format]:
    """The formats worth running on this line: a format that only counts under a label runs
    only when such a label (a word, or a field with its role) is there; one that needs a
    patient runs only on a patient's line; a trigger character must be present."""
    roles = {f.role for f in fields}
    if "phone" in roles:
        roles |= PHONE_TYPES
    labelled = {t for t, words in LABEL_WORDS.items() if t in roles or any(w in low for w in words)}
    out = []
    for fmt in FORMATS:
        if fmt.trigger and fmt.trigger not in text:
            continue
        if fmt.needs_patient and not patient and fmt.type != "ip_address":
            continue  # (an IP needs an identified patient: decided in _tie_to_patient)
        if fmt.none is None and fmt.patient is None and fmt.type in LABEL_WORDS and fmt.type not in labelled:
            continue
        out.append(fmt)
    return out


def _format_hits(text: str, low: str, fields: list[Field], patient: bool, ctx: LineContext, hits: list[Hit]) -> None:
    for fmt in _candidate_formats(text, low, fields, patient):
        for m in fmt.pattern.finditer(text):
            start, end = m.span()
            covering = _covering(fields, start, end)
            role: str | None
            if covering is not None and covering.role is not None and covering.source != "colon":
                role, label_start, name = covering.role, _key_start(text, covering), covering.key
            else:
                role, label_start = _window_label(text, start)
                name = role or ""
                if role is None and covering is not None:
                    role, label_start, name = covering.role, _key_start(text, covering), covering.key
            if role == "negative":
                continue
            labelled = role == fmt.type or (role, fmt.type) in _COMPATIBLE
            if not labelled and role not in _NEUTRAL_ROLES:
                continue  # the label names another type
            if covering is not None and is_masked(covering.value) and covering.value.strip() != m.group(0):
                continue
            if not fmt.validate(m.group(0)):
                continue
            if labelled:
                confidence = fmt.label if (patient or not fmt.needs_patient) else None
            elif patient:
                confidence = fmt.patient
            else:
                confidence = None if fmt.needs_patient else fmt.none
            if ctx.config and (fmt.type in PHONE_TYPES or fmt.type == "email") and not patient:
                confidence = None  # a maintainer's contact in configuration is not patient data
            if confidence is None and fmt.type != "ip_address":
                continue
            hits.append(Hit(fmt.type, start, end, confidence or 0.0, min(label_start, start), _safe(name)))


def _encoded_field_hits(text: str, fields: list[Field], patient: bool, hits: list[Hit]) -> None:
    """`aadhaar=2341%202341%202346`: a %-encoded value under its label, judged decoded."""
    for f in fields:
        if f.source != "kv" or "%" not in text[f.start : f.end] or f.role in (None, "negative", "patient"):
            continue
        for fmt in FORMATS:
            if not (f.role == fmt.type or (f.role, fmt.type) in _COMPATIBLE):
                continue
            m = fmt.pattern.fullmatch(f.value.strip())
            if m and fmt.validate(m.group(0)) and fmt.label is not None and (patient or not fmt.needs_patient):
                hits.append(Hit(fmt.type, f.start, f.end, fmt.label, _key_start(text, f), _safe(f.key)))
                break


def _key_start(text: str, f: Field) -> int:
    if f.source in ("csv", "sql", "hl7", "fhir"):
        return f.start
    at = text.rfind(f.key, max(0, f.start - len(f.key) - 8), f.start)
    return at if at >= 0 else f.start


def _safe(name: str) -> str:
    return re.sub(r"[^a-z0-9_]", "", name.lower())[:32]


XML_NAME_PARTS = frozenset(("given", "family"))  # CDA / HL7 v3 name parts


def _field_hits(text: str, fields: list[Field], patient: bool, hits: list[Hit]) -> None:
    for f in fields:
        role = f.role
        if role is None and f.key.lower() == "name":
            role = "generic_name"
        elif role == "patient" and f.source in ("colon", "kv") and f.key.split()[-1].lower() == "patient":
            role = "generic_name"  # `Patient: Meera Rao`, `patient=Jane Doe` (a number after it stays a patient id)
        if role in (None, "negative", "patient") or is_masked(f.value):
            continue
        strong = f.source in ("hl7", "fhir")
        start, end, value = f.start, f.end, f.value
        confidence: float | None = None
        type_ = role
        if role == "person_name":
            if f.source in ("kv", "colon") and end < len(text):
                ext = _NAME_EXTEND.match(text, end)
                if ext:
                    end = ext.end()
                    value = text[start:end]
            single = f.source in ("hl7", "fhir", "csv", "sql") or _single_name_key(f.key)
            if _name_value(value, single):
                confidence = 0.9 if strong else 0.85
        elif role == "generic_name":
            type_ = "person_name"
            if f.source in ("kv", "colon") and end < len(text):
                ext = _NAME_EXTEND.match(text, end)
                if ext:
                    end = ext.end()
                    value = text[start:end]
            if patient and _name_value(value, False):
                confidence = 0.9 if strong else 0.7
        elif role == "street_address":
            if f.source in ("kv", "colon") and end < len(text):
                ext = _ADDRESS_EXTEND.match(text, end)
                if ext:
                    end = ext.end()
                    value = text[start:end]
            if _address_value(value) or (strong and len(value.strip()) >= 4):
                confidence = 0.9 if strong else 0.8
        elif role == "dob":
            if birth_date_text(value):
                confidence = 0.95 if strong else 0.9
        elif role in ("mrn", "health_plan_id"):
            if _mrn_value(value) and not v.invalid_mbi(value):
                if role == "mrn":
                    confidence = 0.9 if (patient or strong) else 0.8
                else:
                    confidence = 0.85 if (patient or strong) else 0.65
        elif role == "clinical_field":
            if _type_map_entry(f, value):
                pass  # `{"Condition": ["subject", "asserter"]}`: a map keyed by resource type
            elif _clinical_value(value) and not _diagnosis_code(value):
                confidence = 0.0  # decided once the line's patient ties are known
            elif _diagnosis_code(value):
                type_, confidence = "diagnosis_code", 0.0
        elif role == "diagnosis_code":
            if _diagnosis_code(value):
                confidence = 0.0
        elif role == "phone" and strong:
            digits = "".join(c for c in value if c.isdigit())
            if 7 <= len(digits) <= 15 and not v.all_same(digits):
                type_ = "in_mobile" if value.strip().startswith("+91") else ("eu_phone" if value.strip().startswith("+") and not value.strip().startswith("+1") else "us_phone")
                confidence = 0.9
        elif role == "email" and "@" in value and f.source != "colon":
            m = _EMAIL_VALUE.match(value.strip())
            if m and _email(value.strip()):
                confidence = 0.9 if strong else 0.85
        elif role == "us_ssn" and strong:
            digits = "".join(c for c in value if c.isdigit())
            if v.ssn(digits):
                confidence = 0.95
        elif role == "fhir_clinical":
            type_, confidence = "fhir_clinical", 0.0
        if confidence is None:
            continue
        hits.append(Hit(type_, start, end, confidence, _key_start(text, f), _safe(f.key)))


_SINGLE_NAME_KEYS = ("first", "last", "given", "family", "surname", "middle", "maiden", "fname", "lname")


def _single_name_key(key: str) -> bool:
    low = key.lower()
    return any(part in low for part in _SINGLE_NAME_KEYS)


_LABEL_MRN_WORDS = ("mrn", "medical record", "member id", "subscriber id", "policy")


def _label_scan(text: str, low: str, hits: list[Hit]) -> None:
    """`MRN 00123456`, `member id: HX99812`: labels in free text, not key=value."""
    if not any(w in low for w in _LABEL_MRN_WORDS):
        return
    for m in _LABEL_MRN.finditer(text):
        value = m.group(1)
        if not _mrn_value(value):
            continue
        word = m.group(0).lower()
        type_ = "mrn" if word.startswith(("mrn", "medical")) else "health_plan_id"
        if any(h.start <= m.start(1) < h.end for h in hits):
            continue
        hits.append(Hit(type_, m.start(1), m.end(1), 0.8 if type_ == "mrn" else 0.65, m.start(), type_))


def _tie_to_patient(hits: list[Hit], patient: bool, identified: bool, fields: list[Field]) -> list[Hit]:
    """Diagnoses, clinical details and IP addresses count only when tied to a patient."""
    out = []
    for h in hits:
        if h.type in ("diagnosis_code", "clinical_field", "fhir_clinical"):
            if identified:
                h.confidence = 0.85
            elif patient:
                h.confidence = 0.7
            else:
                continue
        elif h.type == "ip_address":
            others = any(o.type in IDENTIFYING for o in hits)
            if not (others or identified):
                continue
            h.confidence = 0.7 if h.field in ("ip", "clientip", "remoteip", "patientip", "userip") else 0.6
        out.append(h)
    return out
