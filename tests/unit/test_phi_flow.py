"""The PHI flow detectors: Python data flow, JavaScript/Java token rules, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

import hms_policy
from hms_policy.detectors.code.phi_names import classify, is_record
from hms_policy.detectors.code.python_phi import phi_flow
from hms_policy.model import TargetKind
from hms_policy.targets.document import Document, SourceFile


def _doc(text: str | bytes, path: str = "svc.py", kind: TargetKind = TargetKind.PYTHON) -> Document:
    data = text.encode() if isinstance(text, str) else text
    return Document(SourceFile(path, kind, len(data), "", data))


def flows(source: str, **params: object) -> list[tuple[int, str, str]]:
    """(line, sink, fields) of every PY flow in `source`."""
    return [(m.span.start, m.context["sink"], m.context["fields"]) for m in phi_flow(_doc(source), params)]


@pytest.mark.parametrize(
    "name, label",
    [("ssn", "ssn"), ("patientSsn", "ssn"), ("DATE_OF_BIRTH", "date_of_birth"), ("getMrn", "mrn"), ("abha_address", "abha"),
     ("aadhaarNo", "aadhaar"), ("home_address", "address"), ("insurance_member_id", "member_id"), ("icd10Code", "icd10")],
)
def test_names_that_are_patient_data(name: str, label: str) -> None:
    assert classify(name) is not None and classify(name)[0] == label


@pytest.mark.parametrize(
    "name",
    ["ssn_verified", "has_ssn", "isEmailValid", "ip_address", "mac_address", "server_address", "middleware_address", "serviceAddress", "email_template", "from_email",
     "admin_email", "ssn_last4", "dob_year", "phone_count", "patient_id", "ssnRegex", "email_field", "description", "zip"],
)
def test_names_that_are_not(name: str) -> None:
    assert classify(name) is None


def test_records() -> None:
    assert is_record("patient") and is_record("current_patient") and is_record("PatientRecord")
    assert not is_record("patient_id") and not is_record("PatientService") and not is_record("patient_count")


def test_taint_follows_assignments_and_formatting() -> None:
    source = '''
def f(patient, log):
    s = patient.ssn
    msg = "x" + s
    logger.info(msg)
    a = "%s" % patient.mrn
    b = "{}".format(a)
    c = f"{b}!"
    logger.info(c)
    logger.info("ok", extra={"dob": patient.date_of_birth})
    parts = []
    parts.append(patient.email)
    logger.info(" ".join(parts))
    logger.info(str(patient.phone).upper())
'''
    assert flows(source) == [
        (5, "logger.info", "ssn"),
        (9, "logger.info", "mrn"),
        (10, "logger.info", "date_of_birth"),
        (13, "logger.info", "email"),
        (14, "logger.info", "phone"),
    ]


def test_masking_reassignment_and_derived_values_are_clean() -> None:
    source = '''
def f(patient, ssn_ok: bool):
    s = mask(patient.ssn)
    logger.info(s)
    msg = f"{patient.ssn}"
    msg = "updated"
    logger.info(msg)
    logger.info(len(patient.mrn), patient.mrn is None, patient.id, ssn_ok)
    logger.info(hashlib.sha256(patient.mrn.encode()).hexdigest())
    logger.info(patient.ssn[-4:])
    logger.info("SSN missing")
'''
    assert flows(source) == []


def test_configurable_maskers() -> None:
    source = "def f(p):\n    logger.info(pii_safe(p.ssn))\n"
    assert flows(source) == [(2, "logger.info", "ssn")]
    assert flows(source, maskers=["pii_safe"]) == []


def test_branches_merge_and_loops_carry_taint() -> None:
    source = '''
def f(patient, flag):
    if flag:
        note = patient.diagnosis
    else:
        note = "n/a"
    logger.info(note)
    text = ""
    for p in patients:
        logger.info(text)
        text += p.name
'''
    assert flows(source) == [(7, "logger.info", "diagnosis"), (10, "logger.info", "name")]


def test_names_hold_what_they_say_even_from_unknown_calls() -> None:
    assert flows("def f(r):\n    ssn = r.fetch()\n    print(ssn)\n") == [(3, "print", "ssn")]


def test_sinks_by_kind() -> None:
    source = '''
import sentry_sdk
def f(patient):
    print(patient)
    raise ValueError(f"bad mrn {patient.mrn}")

@app.exception_handler(KeyError)
def handler(request, exc):
    return JSONResponse({"detail": f"missing {request.state.patient.ssn}"}, status_code=404)

def g(patient):
    sentry_sdk.set_context("patient", {"dob": patient.dob})
    audit_logger.info("opened %s", patient.mrn)
'''
    found = {(line, sink) for line, sink, _ in flows(source)}
    assert found == {(4, "print"), (5, "exception message (ValueError)"), (9, "error response (JSONResponse)"), (12, "sentry_sdk.set_context")}
    assert flows(source, exempt_receivers=[]) and (13, "audit_logger.info", "mrn") in flows(source, exempt_receivers=[])
    only_telemetry = flows(source, sinks=["telemetry"])
    assert [sink for _, sink, _ in only_telemetry] == ["sentry_sdk.set_context"]


def test_invalid_python_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("def f(:\n    logger.info(ssn)\n")
    report = hms_policy.scan([tmp_path], jobs=1, read_project_settings=False, cache=False)
    errors = [e for e in report.errors if e.path == "broken.py"]
    assert len(errors) == 1 and errors[0].reason == "parse"
    assert not [f for f in report.findings if f.path == "broken.py" and f.rule_id.startswith("PY")]


def test_non_utf8_python_is_reported_and_still_analysed(tmp_path: Path) -> None:
    (tmp_path / "legacy.py").write_bytes("# caf\xe9\ndef f(patient):\n    logger.info(patient.ssn)\n".encode("latin-1"))
    report = hms_policy.scan([tmp_path], jobs=1, read_project_settings=False, cache=False)
    assert any(e.path == "legacy.py" and e.reason == "decode" for e in report.errors)
    assert [(f.rule_id, f.line) for f in report.findings if f.rule_id == "PY001"] == [("PY001", 3)]


def test_minified_javascript_is_an_error_entry_not_a_hang(tmp_path: Path) -> None:
    line = "var a=1;console.log(b.id);" * 200_000 + "console.log(patient.ssn);"
    # Named `bundle.js`: a `.min.js` name makes the file vendored, which code rules do not judge.
    (tmp_path / "bundle.js").write_text(line)
    (tmp_path / "app.js").write_text("console.log(`ssn ${patient.ssn}`);\n")
    report = hms_policy.scan([tmp_path], jobs=1, read_project_settings=False, cache=False)
    (error,) = [e for e in report.errors if e.path == "bundle.js"]
    assert error.reason == "minified" and "characters" in error.message
    assert [(f.path, f.rule_id) for f in report.findings if f.rule_id == "JS002"] == [("app.js", "JS002")]


def test_javascript_templates_keys_and_assignments() -> None:
    from hms_policy.detectors.code.clike_phi import phi_in_javascript_log

    source = '''const msg = `SSN ${p.ssn}`
logger.info(msg)
logger.info({ ssn: "***", note: `count ${items.length}` })
const safe = mask(p.ssn)
logger.info(safe)
const s = "console.log(patient.ssn)"
console.error(new Error(p.dateOfBirth))
'''
    lines = [m.span.start for m in phi_in_javascript_log(_doc(source, "a.js", TargetKind.JAVASCRIPT), {})]
    assert lines == [2, 7]


def test_long_lines_do_not_backtrack(tmp_path: Path) -> None:
    """Pathological lines for every regex in the code rules; completes (no timing asserted)."""
    evil = "http://" + "a" * 300_000 + " " + "\"" + "\\" * 100_001 + " rejectUnauthorized" * 1000 + "\n"
    for name in ("x.py", "x.java", "x.go", "x.env"):
        (tmp_path / name).write_text(evil)
    report = hms_policy.scan([tmp_path], jobs=1, read_project_settings=False, cache=False)
    assert report.target.files_scanned == 4


def test_literal_values_on_a_finding_line_are_masked(tmp_path: Path) -> None:
    (tmp_path / "svc.py").write_text('def f(p):\n    logger.info("test 512-34-8891 jane@mail.example", p.ssn)\n')
    (tmp_path / "app.js").write_text('console.log("dob 1980-01-02", patient.ssn);\n')
    report = hms_policy.scan([tmp_path], jobs=1, read_project_settings=False, cache=False)
    snippets = {f.rule_id: f.snippet for f in report.findings if f.rule_id in ("PY001", "JS002")}
    assert set(snippets) == {"PY001", "JS002"}
    for value in ("512-34-8891", "jane@mail.example", "1980-01-02"):
        assert all(value not in s for s in snippets.values())
    assert "p.ssn" in snippets["PY001"] and "********" in snippets["PY001"]
