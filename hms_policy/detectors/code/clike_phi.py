"""Patient data written to logs, the console or exception messages in JavaScript/TypeScript
and Java: pattern rules over a token stream (see `clike.py`), not a data-flow analysis.

A sink is a call on a logger-like receiver (`console.*`; winston, pino and bunyan loggers
named `logger`, `log`, `this.logger`, `req.log`, ...; SLF4J / Log4j / JUL loggers named
`log`, `logger`, `LOG`, `LOGGER`, ...), `System.out` / `System.err` printing, or the
arguments of `throw new X(...)`. Inside a sink's arguments a value counts as patient data
when it is named like it (`ssn`, `patient.dateOfBirth`, `row['mrn']`, `p.getSsn()`; see
`phi_names`), when it is a whole patient record (`patient`, `JSON.stringify(patient)`) or
an identifying field of one (`patient.name`), or when it is a local name assigned earlier
in the file from such a value (`const msg = "SSN " + p.ssn;` then `log.info(msg)`).

Not reported: string text ("missing ssn"), object keys (`{ssn: '***'}`), values inside a
masking helper (the `maskers` param, matched as part of the called name: `mask(p.ssn)`,
`redactSsn(x)`), inside a predicate or counter (`isValid(ssn)`, `hasSsn(x)`, `ssn.length`),
`patient.id`, and names that are flags or helpers (`ssnVerified`, `emailTemplate`).
What is written decides, not the words around it: a chain is judged by its last member
(`obs.getUuid()` is an id), a ternary's condition is not written, and a lookup's result
(`getVisitType(uuid)`, `diagnose(patient)`) does not carry its arguments.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, Mapping

from hms_policy.detectors.code.client_side import runs_client_side
from hms_policy.detectors.code.clike import IDENT, PUNCT, STRING, Token, document_tokens, line_of, line_starts, matching_paren
from hms_policy.detectors.code.phi_names import CONTACT_OR_NAME, RECORD_FIELDS, TERMS, classify, is_record, literal_value_spans, manages_accounts, about_patients, PATIENT_WORDS, network_object, patient_bearing_model, thing_member, words
from hms_policy.model import LineSpan, Match, Redaction, Severity
from hms_policy.targets.document import Document

RECORD = "patient record"
MASKERS_DEFAULT = ("mask", "redact", "anonymize", "anonymise", "pseudonymize", "hash", "tokenize", "scrub", "obfuscate", "encrypt", "sanitize", "digest")
STRONG_LABELS = frozenset(label for _, label, strong in TERMS if strong)

_JS_LOG_METHODS = frozenset("log info warn warning error debug trace fatal verbose silly http dir table child".split())
_JAVA_LOG_METHODS = frozenset("trace debug info warn warning error fatal severe fine finer finest config log atInfo atDebug atWarn atError".split())
_LOGGER_WORDS = frozenset("console log logger logging winston pino bunyan loglevel slf4j log4j logs".split())
# JPA entity-listener callbacks: what they receive is the entity being written.
_JPA_CALLBACKS = frozenset("PrePersist PostPersist PreUpdate PostUpdate PreRemove PostRemove PostLoad".split())
_PRINT_METHODS = frozenset("println print printf format".split())
# ... and a validation or form-control state of it (`phone.error`, `email.errors`, `dob.touched`).
_DERIVED_MEMBERS = frozenset("length size count isEmpty isPresent isBlank error errors valid invalid touched dirty pristine".split())
_DERIVED_CALL_PREFIXES = ("is", "has", "validate", "check", "count", "verify", "contains", "equals", "compare")
_GETTER_VERBS = frozenset("get fetch load read lookup find format normalize extract decrypt decode".split())
_SAFE_MEMBERS = frozenset("id uuid pk".split())
_CONTACT_LABELS = frozenset("email phone address".split())
_PERSON_WORDS = frozenset("patient patients person member members insuree beneficiary client guardian mother father child kin caregiver".split())
# Owners of a contact that are organisations or system accounts, not persons.
_ORGANISATION_WORDS = frozenset(
    """support vendor vendors manufacturer supplier company organisation organization facility hospital
    clinic pharmacy lab laboratory office helpdesk service sender noreply smtp admin system""".split()
)
# The signed-in principal of a request or session: whoever operates the system.
_PRINCIPAL_WORDS = frozenset("authenticated principal operator staff".split())
_PRINCIPAL_NAMES = frozenset("currentUser current_user loggedInUser authUser sessionUser signedInUser".split())
_ADDRESS = frozenset({"address"})
_MEMBER_ID = frozenset({"member_id"})
_DECLARATION_REACH = 3000  # tokens: a long method's parameters
_ADDRESS_GETTERS = frozenset("address getAddress remoteAddress localAddress getInetAddress getRemoteAddress getLocalAddress getLocalSocketAddress getRemoteSocketAddress".split())
_SOCKET_TYPES = frozenset("AddressInfo SocketAddress InetSocketAddress InetAddress".split())
# The last word of a member that names an opaque key or metadata, not the value itself:
# `getUuid()`, `obs.getId()`, `result.getStatus()`, `visit.getVisitType()`.
_SAFE_LAST_WORDS = frozenset("id ids uuid uuids pk guid status type kind class hash count size length".split())
# Members that hand back the value they are called on (a conversion), so the chain still
# carries the patient data of what came before: `ssn.trim()`, `dob.toString()`.
_CARRY_MEMBERS = frozenset(
    """toString trim strip toUpperCase toLowerCase toLocaleUpperCase toLocaleLowerCase intern get
    orElse orElseGet orElseThrow getValue value getText text asText textValue toJson toJSON
    toISOString toLocaleDateString toDateString toLocaleString format formatted join concat
    toPrettyString valueOf""".split()
)
# A call whose first word is one of these looks something up or acts on its arguments; its
# result is not its arguments (`diagnoseNoMatch(patient, ...)`, `getVisitType(uuid)`).
_OPAQUE_VERBS = frozenset(
    """get find fetch load lookup search query select count save persist store insert update
    delete remove send post put submit publish process handle compute calculate evaluate
    resolve diagnose match matches exists sync schedule register notify emit dispatch
    enqueue apply run execute""".split()
)


@dataclass(frozen=True, slots=True)
class Sink:
    line: int
    end_line: int
    name: str
    labels: tuple[str, ...]
    about_patient: bool  # the call also names a patient (`patientId`, `patient: ...`)


# CONSTANT_CASE with an underscore (`CODING_MEDICARE_BENEFICIARY_ID`, `SSN_PATTERN`): a static
# final or module constant, whose value is fixed in the code.
_CONSTANT_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")


# Calls whose result is what their callback returns (`rows.map(r => r.phone)`): the callback's
# body is part of the value, unlike `forEachPage(..., rows => {...})`, whose result is its own.
_RESULT_CALLBACK_CALLEES = frozenset(
    "map flatMap reduce reduceRight then catch finally collect mapToObj orElseGet computeIfAbsent compute apply supply supplyAsync thenApply thenCompose".split()
)


@lru_cache(maxsize=4096)
def _first_word(name: str) -> str:
    ws = words(name)
    return ws[0] if ws else ""


@lru_cache(maxsize=4096)
def _opaque(callee: str) -> bool:
    ws = words(callee)
    return bool(ws) and ws[0] in _OPAQUE_VERBS


@lru_cache(maxsize=4096)
def _is_safe_member(name: str) -> bool:
    """`id`, `getUuid`, `getPatientId`, `getStatus`: an opaque key or metadata (but not
    `getHealthId`, whose term is an identifier)."""
    ws = words(name)
    return name in _SAFE_MEMBERS or (len(ws) > 1 and ws[-1] in _SAFE_LAST_WORDS and classify(name) is None)


def _is_logger(name: str) -> bool:
    lower = name.lower()
    return lower in _LOGGER_WORDS or lower.endswith(("logger", "_log")) or lower.startswith(("logger", "log_"))


class _Scanner:
    def __init__(self, toks: list[Token], javascript: bool, maskers: tuple[str, ...]) -> None:
        self.toks = toks
        self.javascript = javascript
        self.maskers = tuple(m.lower() for m in maskers)
        self.tainted: dict[str, frozenset[str]] = {}
        self.patient_locals: set[str] = set()  # locals assigned from a patient's field
        self._questions: list[int] | None = None  # indexes of `?` tokens, found once

    def _text(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < len(self.toks) else ""

    def _punct(self, i: int, value: str) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].kind == PUNCT and self.toks[i].text == value

    def labels(self, start: int, end: int, *, callbacks: bool = True) -> frozenset[str]:
        """Patient-data labels of the tokens in [start, end). With `callbacks=False` the bodies
        of function literals are left out: what a callback reads is not the call's result."""
        found: set[str] = set()
        stack: list[tuple[str, str]] = []  # (bracket, callee or "") for every open bracket
        conditions = self._conditions(start, end)
        i = start
        while i < end:
            tok = self.toks[i]
            if i in conditions:
                i += 1  # `flag ? a : b`: the condition is tested, not written
                continue
            carried = bool(stack) and stack[-1][1] in _RESULT_CALLBACK_CALLEES
            if not callbacks and not carried and (function_end := self._function_literal_end(i, end)) is not None:
                i = function_end
                continue
            if tok.kind == PUNCT:
                if tok.text in ("(", "[", "{"):
                    callee = self._text(i - 1) if tok.text == "(" and self.toks[i - 1].kind == IDENT else ""
                    stack.append((tok.text, callee))
                elif tok.text in (")", "]", "}") and stack:
                    stack.pop()
                i += 1
                continue
            if tok.kind == STRING and self._punct(i - 1, "[") and i - 2 >= start and self.toks[i - 2].kind == IDENT:
                label = self._member(tok.text, self._root(i - 2))
                if label and not self._masked(stack):
                    found |= label
                i += 1
                continue
            if tok.kind != IDENT:
                i += 1
                continue
            name = tok.text
            if self.javascript and self._text(i - 1) == "as" and self.toks[i - 1].kind == IDENT:
                i += 1  # `x as AddressInfo`: a TypeScript type, not a value
                continue
            member = self._punct(i - 1, ".") or self._punct(i - 1, "?.")
            if self._punct(i + 1, ":") and stack and stack[-1][0] == "{" and not self._punct(i - 1, "?"):
                i += 1  # an object key: `{ssn: "***"}`
                continue
            if self._masked(stack) or self._derived_next(i):
                i += 1
                continue
            root = self._root(i - 2) if member and i - 2 >= start else ""
            if self._punct(i + 1, "("):
                close = matching_paren(self.toks, i + 1, 400)
                label = frozenset() if self._derived_next(close) else self._call_label(name, root if member else None)
            elif member and root in self.tainted and not self.tainted[root] and root == self._text(i - 2):
                label = frozenset()  # a field of a local that is clean by construction (`address.port`)
            elif member:
                label = self._member(name, root)
            elif name in self.tainted:
                label = self.tainted[name]
            else:
                label = self._named(name, chained=self._punct(i + 1, ".") or self._punct(i + 1, "?.") or self._punct(i + 1, "["))
            owner = self._text(i - 2) if self._punct(i - 1, "::") else (root if member else "")
            if label == _MEMBER_ID and owner and (thing_member(owner) or thing_member(self._declared_type(owner, i))):
                label = frozenset()  # `ReferenceSetMember::getMemberId`: an entry of a terminology set
            if label and self._superseded(i, label):
                label = frozenset()
            if label and label <= _CONTACT_LABELS and (self._labelled_as_organisation(i) or self._of_principal(i)):
                label = frozenset()
            if label == _ADDRESS and self._with_port(root if member else name, i):
                label = frozenset()  # `${address.address}:${address.port}`: a socket address
            found |= label
            i += 1
        return frozenset(found)

    def _function_literal_end(self, i: int, end: int) -> int | None:
        """Index just past the body of the function literal whose arrow (`=>`, `->`) or
        `function` keyword is token `i`, or None when token `i` starts no function body."""
        tok = self.toks[i]
        if tok.kind == PUNCT and tok.text in ("=>", "->"):
            if self._punct(i + 1, "{"):
                return min(end, matching_paren(self.toks, i + 1) + 1)
            return min(end, self._expression_end(i + 1))  # `row => row.phone`
        if self.javascript and tok.kind == IDENT and tok.text == "function":
            j = i + 1
            while j < end and not self._punct(j, "("):
                j += 1
            body = matching_paren(self.toks, j, 400) + 1 if j < end else end
            while body < end and not self._punct(body, "{"):
                body += 1  # a return type annotation
            return min(end, matching_paren(self.toks, body) + 1) if body < end else end
        return None

    def _conditions(self, start: int, end: int) -> set[int]:
        """Token indexes of ternary conditions in [start, end): `a == null ? x : y`."""
        out: set[int] = set()
        if self._questions is None:
            self._questions = [i for i, t in enumerate(self.toks) if t.kind == PUNCT and t.text == "?"]
        first = bisect.bisect_left(self._questions, start)
        for q in self._questions[first : bisect.bisect_left(self._questions, end)]:
            depth = 0
            j = q - 1
            while j >= start:
                tok = self.toks[j]
                if tok.kind == PUNCT and tok.text in (")", "]", "}"):
                    depth += 1
                elif tok.kind == PUNCT and tok.text in ("(", "[", "{"):
                    if depth == 0:
                        break
                    depth -= 1
                elif depth == 0 and (tok.kind == PUNCT and tok.text in (",", "=", ";", ":", "?", "=>", "->", "+=") or tok.text == "return"):
                    break
                j -= 1
            out.update(range(j + 1, q))
        return out

    def _next_member(self, i: int) -> int | None:
        """Index of the member that follows token `i` in its chain (`a.b`, `a().b`, `a[0].b`)."""
        j = i + 1
        while self._punct(j, "(") or self._punct(j, "["):
            j = matching_paren(self.toks, j, 400) + 1
        if (self._punct(j, ".") or self._punct(j, "?.")) and j + 1 < len(self.toks) and self.toks[j + 1].kind == IDENT:
            return j + 1
        return None

    def _superseded(self, i: int, label: frozenset[str]) -> bool:
        """The chain goes on to something else, so what is written is decided further on:
        `obs.getUuid()` is an id, `candidate.getStatus()` a status, `patient.name` the name,
        while `ssn.trim()` and `address.city` still carry the value."""
        nxt = self._next_member(i)
        if nxt is None:
            return False
        name = self.toks[nxt].text
        if name in _CARRY_MEMBERS:
            return False
        if _is_safe_member(name):
            return True
        if self._punct(nxt + 1, "(") or RECORD in label:
            return True  # another getter, or a field of a record: the member decides
        return False  # a field of a value (`address.city`, `name.given`)

    def _masked(self, stack: list[tuple[str, str]]) -> bool:
        for _, callee in stack:
            lower = callee.lower()
            if callee and (any(m in lower for m in self.maskers) or lower.startswith(_DERIVED_CALL_PREFIXES) or callee in ("Boolean", "typeof")):
                return True
            if callee and _opaque(callee):
                return True  # the arguments of a lookup or an action are not its result
        return False

    def _derived_next(self, i: int) -> bool:
        """`ssn.length`, `email.isEmpty()`: a count or a flag, not the value."""
        return (self._punct(i + 1, ".") or self._punct(i + 1, "?.")) and self._text(i + 2) in _DERIVED_MEMBERS

    def _declared_type(self, name: str, i: int) -> str:
        """The type a Java local or parameter `name` was declared with above token `i`
        (`ReferenceSetMember member`), or "" when no declaration is in reach."""
        for j in range(i - 1, max(0, i - _DECLARATION_REACH), -1):
            tok = self.toks[j]
            if tok.kind == IDENT and tok.text == name and self.toks[j - 1].kind == IDENT and not self._punct(j - 2, "."):
                return self.toks[j - 1].text
        return ""

    def _root(self, i: int) -> str:
        """The first name of the member chain that ends at token `i`."""
        while i >= 2 and (self._punct(i - 1, ".") or self._punct(i - 1, "?.")) and self.toks[i - 2].kind == IDENT:
            i -= 2
        return self._text(i)

    def _named(self, name: str, *, chained: bool) -> frozenset[str]:
        if _CONSTANT_NAME.match(name):
            return frozenset()  # `MEDICARE_BENEFICIARY_ID`: a constant names a field or a system, it holds no one's value
        found = classify(name)
        if found:
            return frozenset({found[0]})
        if not chained and is_record(name) and name[:1].islower():
            return frozenset({RECORD})  # the whole record, not `patient.id`
        return frozenset()

    def _member(self, name: str, root: str) -> frozenset[str]:
        if _is_safe_member(name) or _CONSTANT_NAME.match(name):
            return frozenset()
        found = classify(name)
        if found:
            return frozenset({found[0]})
        if self._record_root(root) and name.lower() in RECORD_FIELDS:
            return frozenset({name.lower()})
        return frozenset()

    def _labelled_as_organisation(self, i: int) -> bool:
        """`"Invalid Support Email: " + email`: the text joined right before the value says
        whose contact it is, and it is an organisation's (a vendor, the support desk), not a
        person's."""
        j = i - 1
        while j >= 0 and self.toks[j].kind == PUNCT and self.toks[j].text == "(":
            j -= 1
        if not (self._punct(j, "+") and j >= 1 and self.toks[j - 1].kind == STRING):
            return False
        said = set(words(self.toks[j - 1].text))
        return bool(_ORGANISATION_WORDS & said) and not (_PERSON_WORDS & said)

    def _of_principal(self, i: int) -> bool:
        """`ctx.authenticated.email`, `req.principal.phone`, `currentUser.email`: the signed-in
        operator's own contact, which audit lines name on purpose; not a patient's."""
        j = i
        while j >= 2 and (self._punct(j - 1, ".") or self._punct(j - 1, "?.")) and self.toks[j - 2].kind == IDENT:
            j -= 2
            if set(words(self._text(j))) & _PRINCIPAL_WORDS or self._text(j) in _PRINCIPAL_NAMES:
                return True
        return False

    def _with_port(self, root: str, i: int) -> bool:
        """Beside it (a template's other substitution, the next argument) the code reads
        `<root>.port`: root is a host and port, not a person."""
        if not root:
            return False
        return any(
            self.toks[j].kind == IDENT and self.toks[j].text == root and self._punct(j + 1, ".") and self._text(j + 2) == "port"
            for j in range(max(0, i - 40), min(i + 40, len(self.toks) - 2))
        )

    def _network_address(self, start: int, end: int) -> bool:
        """`server.address()`, `socket.getRemoteAddress()`, `... as AddressInfo`: a value taken
        from a network object is a host or a socket address, not a person's postal address."""
        for j in range(start, min(end, len(self.toks))):
            tok = self.toks[j]
            if tok.kind != IDENT:
                continue
            if tok.text in _SOCKET_TYPES and self._text(j - 1) == "as":
                return True
            if tok.text in _ADDRESS_GETTERS and self._punct(j + 1, "(") and (self._punct(j - 1, ".") or self._punct(j - 1, "?.")):
                root = self._root(j - 2)
                if root and network_object(root):
                    return True
        return False

    def _record_root(self, root: str) -> bool:
        """A whole patient record by its name, or a local assigned from one."""
        return bool(root) and (is_record(root) or RECORD in self.tainted.get(root, frozenset()))

    def _call_label(self, name: str, root: str | None) -> frozenset[str]:
        """`getSsn()`, `patient.getDateOfBirth()`, `formatDob(x)`: a getter of patient data;
        `request.getIdentifier()` on a patient record: an identifying field of it."""
        found = classify(name)
        if found:
            if _is_safe_member(name) or (found[0] == "address" and root and network_object(root)):
                return frozenset()
            first = _first_word(name)
            return frozenset({found[0]}) if first in _GETTER_VERBS or classify(first) else frozenset()
        if root is None:
            return frozenset()
        ws = words(name)
        field = "".join(ws[1:]) if ws and ws[0] in _GETTER_VERBS else ""
        owner = classify(root)
        if owner is not None and owner[1] and field in ("identifier", "value"):
            # OpenMRS `patientIdentifier.getIdentifier()`: the identifier object's own value.
            return frozenset({owner[0]})
        if not self._record_root(root) or field not in RECORD_FIELDS:
            return frozenset()
        # A local built from a record keeps the record's label (and its findings' keys).
        return self.tainted.get(root) or frozenset({field.removesuffix("firstrep")})

    # --- statements ---------------------------------------------------------------

    def scan(self) -> Iterator[tuple[int, int, str, frozenset[str], bool]]:
        """(first token, last token, sink name, labels, whether the call names a patient) of
        every sink with patient data."""
        toks = self.toks
        n = len(toks)
        i = 0
        listeners: list[tuple[int, str]] = []  # (body end, name) of entity-listener parameters in scope
        while i < n:
            tok = toks[i]
            while listeners and i > listeners[-1][0]:
                self.tainted.pop(listeners.pop()[1], None)
            if not self.javascript and tok.kind == PUNCT and tok.text == "@" and self._text(i + 1) in _JPA_CALLBACKS:
                listeners.extend(self._entity_listener(i + 2))
            if tok.kind == IDENT and self._punct(i + 1, "=") and not self._punct(i - 1, ".") and (i + 2 < n):
                end = self._expression_end(i + 2)
                labels = self.labels(i + 2, end, callbacks=False)
                self.patient_locals.discard(tok.text)
                if labels:
                    self.tainted[tok.text] = labels
                    if self._names_patient(i + 2, end):
                        self.patient_locals.add(tok.text)  # `const address = patient.address`
                elif self._cleaned(i + 2, end) or self._network_address(i + 2, end):
                    # `const ssn = mask(raw)`, `const address = server.address()`: clean by construction
                    self.tainted[tok.text] = frozenset()
                else:
                    self.tainted.pop(tok.text, None)  # judged by its name again
            sink = self._sink_at(i)
            if sink is not None:
                name, open_index = sink
                close = matching_paren(toks, open_index)
                labels = self.labels(open_index + 1, close)
                if labels:
                    yield i, close, name, labels, self._names_patient(i, close + 1)
                i = open_index + 1
                continue
            i += 1

    def _names_patient(self, start: int, end: int) -> bool:
        """Tokens in [start, end) name a patient: an identifier or text with a patient word
        (`patientId`, "Invalid patient email"), or a local assigned from a patient's field."""
        for tok in self.toks[start:end]:
            if tok.kind == IDENT and (tok.text in self.patient_locals or PATIENT_WORDS.intersection(words(tok.text))):
                return True
            if tok.kind == STRING and PATIENT_WORDS.intersection(words(tok.text)):
                return True
        return False

    def _entity_listener(self, i: int) -> list[tuple[int, str]]:
        """A JPA callback (`@PostUpdate void audit(Encounter e) {...}`) on a patient-bearing
        entity: its parameter (or `this`, inside such an entity) is the whole record within
        the method's body. Returns (body end, name) for the scan to drop at the body's end."""
        toks = self.toks
        j = i
        while j < min(len(toks), i + 40) and not self._punct(j, "("):
            j += 1
        if not self._punct(j, "("):
            return []
        close = matching_paren(toks, j, 200)
        body = close + 1
        while body < min(len(toks), close + 20) and not self._punct(body, "{"):
            body += 1  # `throws X`
        if not self._punct(body, "{"):
            return []
        end = matching_paren(toks, body)
        params = [k for k in range(j + 1, close) if toks[k].kind == IDENT and (self._punct(k + 1, ",") or k + 1 == close)]
        names = [toks[k].text for k in params if k - 1 > j and toks[k - 1].kind == IDENT and patient_bearing_model(toks[k - 1].text)]
        if not params and patient_bearing_model(self._enclosing_class(i)):
            names = ["this"]
        for name in names:
            self.tainted[name] = frozenset({RECORD})
        return [(end, name) for name in names]

    def _enclosing_class(self, i: int) -> str:
        for k in range(i - 1, max(-1, i - 20000), -1):
            if self.toks[k].kind == IDENT and self.toks[k].text in ("class", "record") and k + 1 < len(self.toks) and self.toks[k + 1].kind == IDENT:
                return self.toks[k + 1].text
        return ""

    def _cleaned(self, start: int, end: int) -> bool:
        """The value is a literal, or the result of a masking, hashing or predicate call."""
        if end - start == 1 and self.toks[start].kind in (STRING, "number"):
            return True
        # `mask(x)` or `Masking.maskSsn(x)`: a name chain, then one call spanning the rest.
        j = start
        while j + 2 < end and self.toks[j].kind == IDENT and (self._punct(j + 1, ".") or self._punct(j + 1, "?.")):
            j += 2
        if j < end and self.toks[j].kind == IDENT and self._punct(j + 1, "(") and matching_paren(self.toks, j + 1, 400) >= end - 1:
            return self._masked([("(", self.toks[j].text)])
        return False

    def _expression_end(self, start: int) -> int:
        depth = 0
        limit = min(len(self.toks), start + 2000)
        for j in range(start, limit):
            tok = self.toks[j]
            if tok.kind == PUNCT:
                if tok.text in ("(", "[", "{"):
                    depth += 1
                elif tok.text in (")", "]", "}"):
                    if depth == 0:
                        return j
                    depth -= 1
                elif depth == 0 and tok.text in (";", ","):
                    return j
            if depth == 0 and tok.newline_before and j > start and self.javascript:
                before = self.toks[j - 1]
                if not (before.kind == PUNCT and before.text in ("+", "=", "(", ",", ".", "?", ":", "&&", "||", "+=")) and not (tok.kind == PUNCT and tok.text in ("+", ".", "?.", "?", ":")):
                    return j
        return limit

    def _sink_at(self, i: int) -> tuple[str, int] | None:
        """(sink name, index of its `(`) when a sink call starts at token `i`."""
        toks = self.toks
        tok = toks[i]
        if tok.kind != IDENT:
            return None
        if tok.text == "throw" and self._text(i + 1) == "new" and i + 3 < len(toks) and toks[i + 2].kind == IDENT:
            j = i + 2
            while self._punct(j + 1, ".") and j + 2 < len(toks) and toks[j + 2].kind == IDENT:
                j += 2
            if self._punct(j + 1, "("):
                return f"exception message ({toks[j].text})", j + 1
            return None
        if self._punct(i - 1, ".") or self._punct(i - 1, "?."):
            return None  # only chains that start here
        chain = [tok.text]
        j = i
        while (self._punct(j + 1, ".") or self._punct(j + 1, "?.")) and j + 2 < len(toks) and toks[j + 2].kind == IDENT and len(chain) < 6:
            j += 2
            chain.append(toks[j].text)
        if len(chain) < 2 or not self._punct(j + 1, "("):
            return None
        method, receiver = chain[-1], chain[:-1]
        if not self.javascript and receiver[-2:] in (["System", "out"], ["System", "err"]) and method in _PRINT_METHODS:
            return ".".join(chain), j + 1
        methods = _JS_LOG_METHODS if self.javascript else _JAVA_LOG_METHODS
        if method in methods and _is_logger(receiver[-1]):
            return ".".join(chain[-2:]), j + 1
        return None


def _sinks(doc: Document, javascript: bool, maskers: tuple[str, ...]) -> list[Sink]:
    toks = document_tokens(doc, javascript=javascript)
    if toks is None:
        return []
    text = doc.text
    starts = line_starts(text)
    out = []
    for first, last, name, labels, about_patient in _Scanner(toks, javascript, maskers).scan():
        end_offset = toks[last].start if last < len(toks) else toks[-1].start
        out.append(Sink(line_of(text, toks[first].start, starts), line_of(text, end_offset, starts), name, tuple(sorted(labels)), about_patient))
    return out


def _matches(doc: Document, params: Mapping[str, Any], javascript: bool) -> Iterator[Match]:
    maskers = tuple(str(m) for m in params.get("maskers", MASKERS_DEFAULT))
    key = f"clike-phi:{javascript}:{maskers}"
    sinks: list[Sink] = doc.memo(key, lambda: _sinks(doc, javascript, maskers))
    account_code = manages_accounts(doc.path)
    patient_code = about_patients(doc.path)
    for sink in sinks:
        fields = ", ".join(sink.labels)
        strong = bool(STRONG_LABELS.intersection(sink.labels))
        last = min(sink.end_line, sink.line + 2)
        redactions = tuple(
            Redaction(n, a, b, "phi") for n in range(sink.line, last + 1) for a, b in literal_value_spans(doc.line(n))
        )
        # A name or a contact alone does not say whose it is: a patient's, or a staff user's,
        # an operator's, a vendor's. In JavaScript (servers and consoles that mostly log their
        # operators' accounts) it is reported when the same call ties it to a patient
        # (`log.child({patient: patientId, email})`) or the file handles patients (a patient
        # portal's login); Java back ends log the people of HL7 and FHIR messages by name, so
        # there it is always reported. Either way it fails the gate only with stronger
        # evidence (a patient-specific field, a whole patient record).
        contact_only = not strong and set(sink.labels) <= CONTACT_OR_NAME
        if contact_only and (account_code or (javascript and not (sink.about_patient or patient_code))):
            continue
        # The browser's console of the user who is looking at the record: worth removing,
        # but it is not a log that is kept or read by anyone else, so it does not fail the gate.
        own_console = javascript and sink.name.startswith("console.") and runs_client_side(doc)
        yield Match(
            LineSpan(sink.line, last),
            key=f"{sink.name}:{fields}",
            redactions=redactions,
            confidence=0.85 if strong else 0.65 if any(label != RECORD for label in sink.labels) else 0.55,
            context={"fields": fields, "sink": sink.name},
            extra={"fields": list(sink.labels)},
            max_severity=Severity.MEDIUM if contact_only or own_console else None,
        )


def phi_in_javascript_log(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    yield from _matches(doc, params, javascript=True)


def phi_in_java_log(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    yield from _matches(doc, params, javascript=False)
