"""Patient data flowing, inside one Python function, into places it must not reach.

Sources: values named like patient data (`ssn`, `patient.date_of_birth`, `row["mrn"]`,
`getattr(p, "abha_number")`, `get_dob()`; see `phi_names`), and whole patient records:
names like `patient` / `patient_record`, parameters or variables annotated with a Patient
type, and values built by `Patient(...)`, `Patient.objects.get(...)`, `get_patient(...)`.
Of a record, only identifying attributes count (`patient.name`, `patient.ssn`), never
`patient.id`.

Propagation, in statement order within a function (branches merged, loop bodies run
twice): assignments (`s = patient.ssn; msg = "x" + s`), augmented assignments, f-strings,
`%`, `.format`, concatenation, `str()`/`json.dumps()`/string methods, containers and
`extra=` dicts (`ctx["ssn"] = ssn` taints `ctx`; so does `parts.append(ssn)`). A value
passed through a masking helper (configurable `maskers`, matched as a substring of the
called name: `mask_ssn(x)`, `redact(x)`), a hash (`hashlib`, `hmac`), `len()`/`bool()`, a
comparison, or a last-four slice (`ssn[-4:]`) is clean. Reassigning a name to a clean
value clears it. A name annotated `bool`/`int`/`float` is not patient data.

Sinks (the `sinks` param picks which a rule reports):
  log        logging / loguru / structlog calls on a logger-like receiver (receivers
             whose name contains an `exempt_receivers` word, by default "audit", are the
             audit trail and are skipped), `logger.bind(...)`
  print      print, pprint, sys.stdout/stderr.write, click.echo
  exception  the arguments of a raised exception, `warnings.warn`, an assert message
  response   HTTP error responses: `abort(...)`, raised HTTP exceptions (HTTPException,
             Http404, ValidationError, ...), and responses returned from an error handler
             (`@app.errorhandler`, `@app.exception_handler`, `handle_*error*`) or from
             an `except` block (jsonify, Response, JSONResponse, JsonResponse, dicts)
  telemetry  error-tracking and analytics calls (sentry_sdk.capture_message/set_user/
             set_tag/set_context/add_breadcrumb, analytics/segment track/identify,
             mixpanel, posthog, statsd tags, OpenTelemetry span attributes, New Relic)

Only field labels ("ssn", "date_of_birth") leave the detector, never values.

Modules: `walk` (the taint analysis), `sinks` (what counts as a sink), `cleaning` (masking
and clean-value rules), `syntax` (names read off expressions). This module holds the
detector entry points and re-exports the names other modules and tests import.
"""

from __future__ import annotations

import re

from typing import Any, Iterator, Mapping

from hms_policy.detectors.code.phi_names import CONTACT_OR_NAME, literal_value_spans, manages_accounts, mentions_patient
from hms_policy.detectors.code.pysource import parse_python
from hms_policy.detectors.code.python_phi.cleaning import MASKERS_DEFAULT
from hms_policy.detectors.code.python_phi.debug_guard import debug_only_lines
from hms_policy.detectors.code.python_phi.receivers import connected_receivers
from hms_policy.detectors.code.python_phi.relevance import Relevance
from hms_policy.detectors.code.python_phi.sinks import ALL_SINKS, EXEMPT_DEFAULT
from hms_policy.detectors.code.python_phi.walk import (
    CLEAN,
    RECORD,
    STRONG_LABELS,
    SYNTHETIC,
    Analyzer,
    Flow,
    Taint,
)
from hms_policy.model import LineSpan, Match, Redaction, Severity
from hms_policy.targets.document import Document

__all__ = [
    "ALL_SINKS", "CLEAN", "EXEMPT_DEFAULT", "MASKERS_DEFAULT", "RECORD", "STRONG_LABELS", "SYNTHETIC",
    "Flow", "Taint", "analyse", "phi_flow", "phi_in_log_call",
]


def analyse(doc: Document, maskers: tuple[str, ...] = MASKERS_DEFAULT, exempt: tuple[str, ...] = EXEMPT_DEFAULT) -> list[Flow]:
    """Every PHI flow into every sink in the document (memoised per configuration)."""

    def compute() -> list[Flow]:
        tree = parse_python(doc)
        if tree is None:
            return []
        analyzer = Analyzer(maskers, exempt)
        # a text test first: most modules connect no signal (a full tree walk each otherwise)
        analyzer.receivers = connected_receivers(tree) if ".connect(" in doc.text else frozenset()
        analyzer.relevance = Relevance(doc.text, analyzer.receivers)
        analyzer.run_function(tree.body, {}, "", False)
        merged: dict[tuple[int, str, str], Flow] = {}
        for flow in analyzer.flows:  # loop bodies run twice: one flow per sink call
            key = (flow.line, flow.sink_kind, flow.sink)
            seen = merged.get(key)
            if seen is not None:
                flow = Flow(flow.line, max(flow.end_line, seen.end_line), flow.sink_kind, flow.sink,
                            tuple(sorted(set(seen.labels) | set(flow.labels))), flow.scope, flow.strong or seen.strong)
            merged[key] = flow
        return sorted(merged.values(), key=lambda f: (f.line, f.sink_kind, f.sink))

    flows: list[Flow] = doc.memo(f"python:phi-flows:{maskers}:{exempt}", compute)
    return flows


_DEBUG_TEST = re.compile(r"(?im)^[ \t]*(?:el)?if\b[^\n]*debug")


def phi_flow(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """The detector PY001-PY003 name (`hms.python.phi_flow`); `sinks` picks the sink kinds."""
    maskers = tuple(str(m) for m in params.get("maskers", MASKERS_DEFAULT))
    exempt = tuple(str(e) for e in params.get("exempt_receivers", EXEMPT_DEFAULT))
    sinks = set(params.get("sinks", ALL_SINKS))
    flows = analyse(doc, maskers, exempt)
    tree = parse_python(doc) if flows else None
    guarded = tree is not None and _DEBUG_TEST.search(doc.text) is not None  # `if DEBUG:` needs an `if` line naming it
    debug_only = doc.memo("python:debug-only-lines", lambda: debug_only_lines(tree)) if guarded else set()
    account_code = manages_accounts(doc.path)
    for flow in flows:
        if flow.sink_kind not in sinks:
            continue
        contact_only = not flow.strong and set(flow.labels) <= CONTACT_OR_NAME
        if contact_only and account_code:
            continue  # a staff account's own e-mail in the sign-in or account code that manages it
        fields = ", ".join(flow.labels)
        last = min(flow.end_line, flow.line + 2)
        # A name or a contact alone may be a staff user's, a developer's or an operator's: it
        # fails the gate only where the sink names a patient (`patient.phone_number`), as
        # JAVA002 and JS002 decide.
        unowned = contact_only and not mentions_patient("\n".join(doc.line(n) for n in range(flow.line, flow.end_line + 1)))
        redactions = tuple(
            Redaction(n, a, b, "phi") for n in range(flow.line, last + 1) for a, b in literal_value_spans(doc.line(n))
        )
        yield Match(
            LineSpan(flow.line, flow.end_line),
            key=f"{flow.scope}:{flow.sink}:{fields}",
            redactions=redactions,
            confidence=0.9 if flow.strong else 0.7 if any(label != RECORD for label in flow.labels) else 0.6,
            context={"fields": fields, "sink": flow.sink},
            extra={"fields": list(flow.labels), "sink": flow.sink_kind, **({"debug_only": True} if flow.line in debug_only else {})},
            max_severity=Severity.MEDIUM if flow.line in debug_only or unowned else None,
        )


# The detector id the first release used; same analysis, log/print/exception sinks.
def phi_in_log_call(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    yield from phi_flow(doc, {"sinks": ("log", "print", "exception"), **params})
