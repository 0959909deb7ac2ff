"""Signing a Report finding by finding (attest/payload.py, dsse.PaeBuffer): the same envelope
bytes and the same refusals as the whole-dict path it replaced, with the statement held once."""

from __future__ import annotations

import dataclasses
import io
import json
import tracemalloc
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import hms_policy
from hms_policy.attest import dsse, signed_report
from hms_policy.attest.statement import build_statement
from hms_policy.attest.verifier import check_consistent, check_report_schema
from hms_policy.errors import SignatureError
from hms_policy.model import (
    Category,
    ControlResult,
    FileRole,
    Finding,
    PolicyRef,
    Report,
    Severity,
    Suppression,
    TargetInfo,
)
from hms_policy.report.build import control_counts, summarize

DIGEST = "sha256:" + "ab" * 32
ODD = 'naïve "quoted" \\ \u2028 \x00 患者 🙂 </script>'
CONTROLS = ("hipaa:164.312(b)", "gdpr:art9")


def _finding(n: int) -> Finding:
    return Finding(
        fingerprint=f"{n:032x}",
        rule_id=("LOG001", "PHI006")[n % 2],
        rule_name="ssn-in-log",
        category=(Category.PHI_EXPOSURE, Category.SECRET)[n % 2],
        severity=Severity(n % 5),
        path=f"logs/{ODD}/app{n}.log",
        line=n % 40 + 1,
        end_line=n % 40 + 1,
        message=f"US Social Security number in clear text ({ODD})",
        snippet="ssn=*******1000",
        controls=CONTROLS[: 1 + n % 2],
        entity=ODD if n % 3 else None,
        confidence=0.9 if n % 2 else None,
        suppressed=n % 7 == 0,
        suppression=Suppression("baseline", ODD) if n % 7 == 0 else None,
        extra={"nested": [1, 2.5, None, True, ODD]},
        role=FileRole.PRODUCTION if n % 2 else None,
    )


def _report(count: int) -> Report:
    """A report that agrees with itself (summary and controls derived from its findings)."""
    findings = tuple(_finding(n) for n in range(count))
    failing, suppressed = control_counts(findings)
    controls = tuple(
        ControlResult(ref.split(":")[0], ref.split(":")[1], ODD, "fail" if failing[ref] else "pass", failing[ref], suppressed=suppressed[ref])
        for ref in CONTROLS
    )
    return Report(
        schema_version="1",
        tool={"name": "hms-policy", "version": "0.1.0"},
        target=TargetInfo("/srv/repo", "c" * 40, 3, 300, DIGEST, name=f"repo {ODD}"),
        policies=(PolicyRef("hipaa", "2026.11", DIGEST, ODD),),
        findings=findings,
        controls=controls,
        errors=(),
        summary=summarize(findings, Severity.HIGH),
        generated_at="2026-01-01T00:00:00Z",
    )


def _old_envelope_text(report: Report, key: Ed25519PrivateKey) -> str:
    """What signing wrote before: the whole dict, its canonical statement, PAE, envelope."""
    data = report.to_dict()
    return dsse.dumps(dsse.sign(build_statement(data), key))


def _written(signed: dsse.Signed) -> str:
    out = io.StringIO()
    dsse.write(signed, out)
    return out.getvalue()


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.mark.parametrize("count", [0, 1, 40])
def test_signed_envelope_is_byte_identical_to_the_whole_dict_path(key: Ed25519PrivateKey, count: int) -> None:
    report = _report(count)
    expected = _old_envelope_text(report, key)
    assert _written(signed_report(report, key)) == expected
    assert dsse.dumps(hms_policy.sign(report, key)) == expected
    assert hms_policy.verify(expected.encode(), key.public_key()).report == report.to_dict()


def test_signing_a_report_never_builds_its_whole_dict(key: Ed25519PrivateKey, monkeypatch: pytest.MonkeyPatch) -> None:
    report = _report(5)
    expected = _old_envelope_text(report, key)

    def whole_dict(self: Report) -> dict[str, Any]:
        raise AssertionError("signing built the full report dict")

    monkeypatch.setattr(Report, "to_dict", whole_dict)
    assert _written(signed_report(report, key)) == expected


def test_the_statement_is_held_once(key: Ed25519PrivateKey) -> None:
    try:
        key.sign(memoryview(b"probe"))  # type: ignore[arg-type]
    except TypeError:
        pytest.skip("this cryptography signs only bytes: the message is copied once for the call")
    report = _report(200)
    signed_report(_report(1), key)  # imports and the schema's caches outside the trace
    tracemalloc.start()
    try:
        signed = signed_report(report, key)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = len(signed.payload)
    # The signed message (the payload, plus up to 1/8 of growth room), one finding's dict and
    # the small rest: 1.35x here. Before, the payload and its PAE copy were held together
    # (2.2x here), after the dict of every finding had been checked and dropped.
    assert peak < 1.8 * size, (peak, size)


def _broken(report: Report) -> Report:
    """Schema problems in two findings (one past index 9, to check the ordering) and in the rest."""
    findings = list(report.findings)
    findings[2] = dataclasses.replace(findings[2], line=-1, controls=("no-colon",))
    findings[11] = dataclasses.replace(findings[11], rule_name="")
    return dataclasses.replace(report, findings=tuple(findings), tool={"name": "hms-policy", "version": ""})


def _refusal(call: Any, *args: Any) -> str:
    with pytest.raises(SignatureError) as info:
        call(*args)
    return str(info.value)


@pytest.mark.parametrize(
    "damage",
    [
        _broken,
        lambda r: dataclasses.replace(r, findings=r.findings[:3] + (dataclasses.replace(r.findings[3], confidence=1.5),) + r.findings[4:]),
        lambda r: dataclasses.replace(r, summary=dataclasses.replace(r.summary, result="maybe")),
    ],
)
def test_schema_refusals_are_those_of_the_whole_dict(key: Ed25519PrivateKey, damage: Any) -> None:
    report = damage(_report(14))
    expected = _refusal(check_report_schema, report.to_dict())
    assert _refusal(signed_report, report, key) == expected
    assert "(and" in _refusal(signed_report, _broken(_report(14)), key)  # the count of the rest too


def test_contradictions_are_refused_as_before(key: Ed25519PrivateKey) -> None:
    report = _report(14)
    lying = dataclasses.replace(report, summary=dataclasses.replace(report.summary, result="pass", findings=1))
    expected = _refusal(check_consistent, lying.to_dict())
    assert _refusal(signed_report, lying, key) == expected
    # Both problems at once: the schema's is reported, as it always was.
    both = _broken(lying)
    assert _refusal(signed_report, both, key) == _refusal(check_report_schema, both.to_dict())


def test_pae_buffer_signs_what_pae_gives(key: Ed25519PrivateKey) -> None:
    payload = json.dumps({"x": ODD}, ensure_ascii=False).encode() * 999
    message = dsse.PaeBuffer()
    for start in range(0, len(payload), 1000):
        message.write(payload[start : start + 1000])
    signed = message.sign(key)
    assert bytes(signed.payload) == payload
    assert signed == dsse.signed(payload, key)
    with pytest.raises(BufferError):  # the signed message cannot change afterwards
        message.write(b"more")
    with pytest.raises(RuntimeError):
        message.sign(key)
    assert bytes(signed.payload) == payload
