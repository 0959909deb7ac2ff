"""The streamed writers (report/jsonstream.py) give exactly the bytes of one json.dumps of the
whole document, and writing a long report does not hold its text in memory."""

from __future__ import annotations

import base64
import io
import json
import os
import tracemalloc
from typing import Any

import pytest

from hms_policy.attest import dsse
from hms_policy.attest.statement import build_statement, build_statement_streamed
from hms_policy.model import (
    Category,
    ControlResult,
    FileRole,
    Finding,
    PolicyRef,
    Report,
    RuleInfo,
    ScanError,
    Severity,
    Summary,
    Suppression,
    TargetInfo,
)
from hms_policy.report.formats import write
from hms_policy.report.formats.sarif import to_sarif
from hms_policy.report.jsonstream import Lazy, dump, dump_compact

DIGEST = "sha256:" + "cd" * 32
ODD = 'naïve "quoted" \\ back\tslash \u2028 \x00 \x1b[31m 患者 🙂 </script>'


def _finding(number: int) -> Finding:
    return Finding(
        fingerprint=f"{number:032x}",
        rule_id=("LOG001", "PHI006", "SEC100")[number % 3],
        rule_name="ssn-in-log",
        category=Category.PHI_EXPOSURE,
        severity=Severity(number % 5),
        path=f"logs/{ODD}/app{number // 40}.log",
        line=number % 40 + 1,
        end_line=number % 40 + 2,
        message=f"US Social Security number in clear text ({ODD})",
        snippet="******** ssn=********1000 ********\nsecond line",
        controls=("hipaa:164.312(b)", "gdpr:art9"),
        entity=ODD if number % 2 else None,
        confidence=0.95 if number % 3 else None,
        unresolved=bool(number % 4 == 0),
        suppressed=number % 7 == 0,
        suppression=Suppression("baseline", ODD, "2030-01-01") if number % 7 == 0 else None,
        extra={"phi_type": "us_ssn", "nested": {"list": [1, 2.5, None, True, ODD]}, "empty": []},
        role=FileRole.PRODUCTION if number % 2 else None,
    )


def _report(count: int) -> Report:
    findings = tuple(_finding(n) for n in range(count))
    return Report(
        schema_version="1",
        tool={"name": "hms-policy", "version": "0.1.0"},
        target=TargetInfo("/srv/repo", "a" * 40, 3, 300, DIGEST, name=f"repo {ODD}", selection={"mode": "paths", "paths": ["."], "exclude": []}),
        policies=(PolicyRef("hipaa", "2026.11", DIGEST, f"HIPAA {ODD}"),),
        findings=findings,
        controls=(ControlResult("hipaa", "164.312(b)", f"Audit {ODD}", "fail", count, "45 CFR 164.312(b)", ("LOG001",), reason=ODD),),
        errors=(ScanError(f"bin/{ODD}", "binary file: contents not scanned", "binary"), ScanError("a.log", ODD, "decode")),
        summary=Summary(count, 0, {"critical": 0, "high": count, "medium": 0, "low": 0, "info": 0}, {"phi-exposure": count}, "fail", "high"),
        generated_at="2026-01-01T00:00:00Z",
        targets=(TargetInfo("/srv/a", None, 1, 1, DIGEST, name="a"), TargetInfo("/srv/b", None, 1, 1, DIGEST, name="b")),
        rules=(RuleInfo("LOG001", "ssn-in-log", ODD, Category.PHI_EXPOSURE, Severity.HIGH, ODD, ODD, ("https://example.org/a",)),),
    )


@pytest.mark.parametrize("count", [0, 1, 2, 150])
def test_json_report_is_exactly_one_json_dumps(count: int) -> None:
    report = _report(count)
    expected = json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert report.to_json() == expected
    out = io.StringIO()
    write(report, "json", out)
    assert out.getvalue() == expected
    assert json.loads(out.getvalue()) == report.to_dict()


@pytest.mark.parametrize("count", [0, 1, 150])
def test_sarif_is_exactly_one_json_dumps(count: int) -> None:
    report = _report(count)
    expected = json.dumps(to_sarif(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    out = io.StringIO()
    write(report, "sarif", out)
    assert out.getvalue() == expected


def _documents() -> list[Any]:
    return [
        {"a": Lazy([]), "b": 1},
        {"z": Lazy([{"x": ODD, "y": [1, {"q": []}]}, 2, ODD, None, [], {}]), "a": {"deep": Lazy(iter([{"k": {}}]))}, "m": []},
        {"runs": [{"results": Lazy([{"a": 1}, {"b": [ODD]}]), "tool": {"rules": Lazy([])}}], ODD: Lazy([ODD])},
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, Lazy):
        return [_plain(item) for item in value.items]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


@pytest.mark.parametrize("number", range(3))
def test_lazy_lists_anywhere_give_the_same_text(number: int) -> None:
    indented, compact = io.StringIO(), io.BytesIO()
    dump(_documents()[number], indented)
    dump_compact(_documents()[number], compact)
    expected = _plain(_documents()[number])
    assert indented.getvalue() == json.dumps(expected, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert compact.getvalue() == json.dumps(expected, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def test_signed_statement_and_envelope_are_the_same_bytes() -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    report = _report(60)
    data = report.to_dict()
    targets = {key: data[key] for key in ("target", "targets")}
    assert build_statement_streamed(targets, report.findings_document()) == build_statement(data)
    payload = build_statement(data) + "é".encode() * 400_000  # longer than one base64 chunk
    signed = dsse.signed(payload, Ed25519PrivateKey.generate())
    out = io.StringIO()
    dsse.write(signed, out)
    assert out.getvalue() == dsse.dumps(signed.envelope())
    assert json.loads(out.getvalue())["payload"] == base64.b64encode(payload).decode("ascii")


def test_writing_a_long_report_does_not_hold_its_text() -> None:
    report = _report(3000)
    size = len(report.to_json())
    with open(os.devnull, "w", encoding="utf-8") as sink:
        tracemalloc.start()
        try:
            write(report, "json", sink)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    # One finding at a time, plus the small rest of the report: far below the text's size.
    assert peak < size / 10, (peak, size)
