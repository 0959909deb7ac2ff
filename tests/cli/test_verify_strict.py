"""`verify` refuses what a valid signature alone does not make trustworthy (issue #11):
a report that contradicts itself, an envelope or payload that two JSON readers would read
differently (duplicate keys, unknown fields, non-canonical base64), and nesting deep
enough to exhaust the parser. Each is exit 1 with one line saying why."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any, Callable

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import hms_policy
from hms_policy.attest import dsse
from hms_policy.attest.statement import build_statement, canonical_json
from hms_policy.cli import main
from hms_policy.errors import SignatureError

TF = 'resource "aws_db_instance" "p" {\n  storage_encrypted = false\n}\n'  # one high finding


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="module")
def public_pem(key: Ed25519PrivateKey, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("keys") / "ci.pub"
    path.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tree = tmp_path_factory.mktemp("tree")
    (tree / "main.tf").write_text(TF)
    data = hms_policy.scan([tree], read_project_settings=False, jobs=1, cache=False).to_dict()
    assert data["summary"]["result"] == "fail" and data["findings"]
    return data


def _verify(envelope: str | bytes | dict[str, Any], public_pem: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = tmp_path / "report.dsse.json"
    text = envelope if isinstance(envelope, (str, bytes)) else json.dumps(envelope)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    code = main(["verify", str(path), "--key", str(public_pem)])
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1, err
    return code, err


def test_the_unedited_report_verifies(report: dict[str, Any], key: Ed25519PrivateKey, public_pem: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _verify(hms_policy.sign(report, key), public_pem, tmp_path, capsys)
    assert code == 0, err


def _pass_summary(r: dict[str, Any]) -> None:
    r["summary"]["result"] = "pass"


def _severity_count(r: dict[str, Any]) -> None:
    r["summary"]["by_severity"]["high"] += 1


def _category_count(r: dict[str, Any]) -> None:
    r["summary"]["by_category"] = {}


def _total(r: dict[str, Any]) -> None:
    r["summary"]["findings"] = 0


def _control_passes(r: dict[str, Any]) -> None:
    failing = next(c for c in r["controls"] if c["status"] == "fail")
    failing.update(status="pass", findings=0)


def _control_count(r: dict[str, Any]) -> None:
    next(c for c in r["controls"] if c["status"] == "fail")["findings"] += 2


def _gate_raised(r: dict[str, Any]) -> None:
    r["summary"]["fail_on"] = "critical"  # the findings are high: this gate passes, yet result says fail


def _unlisted_control(r: dict[str, Any]) -> None:
    r["findings"][0]["controls"] = [*r["findings"][0]["controls"], "hipaa:no-such-control"]


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (_pass_summary, "summary.result is 'pass', but 1 unsuppressed finding(s) are at or above fail_on 'high'"),  # TF101
        (_gate_raised, "summary.result is 'fail', but no unsuppressed finding is at or above fail_on 'critical'"),
        (_severity_count, "summary.by_severity['high']"),
        (_category_count, "summary.by_category["),
        (_total, "summary.findings is 0, but the report lists "),
        (_control_passes, "unsuppressed finding(s) map to it"),
        (_control_count, "finding(s) and 0 suppressed, but the report lists "),
        (_unlisted_control, "control 'hipaa:no-such-control', which the report does not list"),
    ],
)
def test_a_validly_signed_report_that_contradicts_itself_does_not_verify(
    report: dict[str, Any], key: Ed25519PrivateKey, public_pem: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    edit: Callable[[dict[str, Any]], None], reason: str,
) -> None:
    edited = copy.deepcopy(report)
    edit(edited)
    signed = dsse.sign(build_statement(edited), key)  # signed with the real key, below hms_policy.sign's own check
    code, err = _verify(signed, public_pem, tmp_path, capsys)
    assert code == 1 and err.startswith("hms-policy: not verified: the signed report contradicts itself: "), err
    assert reason in err
    with pytest.raises(SignatureError, match="contradicts itself"):
        hms_policy.sign(edited, key)  # and such a report is never signed in the first place


def _envelope_text(report: dict[str, Any], key: Ed25519PrivateKey) -> str:
    return json.dumps(hms_policy.sign(report, key))


def test_duplicate_payload_key_does_not_verify(report: dict[str, Any], key: Ed25519PrivateKey, public_pem: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = hms_policy.sign(report, key)
    other = base64.b64encode(b'{"anything": "else"}').decode()
    text = (
        f'{{"payload": "{other}", "payload": "{good["payload"]}", '
        f'"payloadType": "{good["payloadType"]}", "signatures": {json.dumps(good["signatures"])}}}'
    )
    code, err = _verify(text, public_pem, tmp_path, capsys)  # json.loads alone keeps the last, signed, one
    assert code == 1 and "the envelope has the key 'payload' twice" in err


def test_duplicate_key_inside_a_signature_entry_does_not_verify(report: dict[str, Any], key: Ed25519PrivateKey, public_pem: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = hms_policy.sign(report, key)
    sig = good["signatures"][0]["sig"]
    text = json.dumps(good).replace(f'"sig": "{sig}"', f'"sig": "{sig}", "sig": "{sig}"')
    code, err = _verify(text, public_pem, tmp_path, capsys)
    assert code == 1 and "the key 'sig' twice" in err


def test_duplicate_key_in_the_signed_payload_does_not_verify(report: dict[str, Any], key: Ed25519PrivateKey, public_pem: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    statement = canonical_json(json.loads(build_statement(report)))
    passing = copy.deepcopy(report)
    passing["summary"]["result"] = "pass"
    # a second "summary" that a last-wins reader would take, inside validly signed bytes
    doubled = statement.replace(b'"summary":', b'"summary":' + canonical_json(passing["summary"]) + b',"summary":', 1)
    code, err = _verify(dsse.sign(doubled, key), public_pem, tmp_path, capsys)
    assert code == 1 and "the signed payload has the key 'summary' twice" in err


@pytest.mark.parametrize("field", ["note", "payloadtype"])
def test_unknown_top_level_field_does_not_verify(report: dict[str, Any], key: Ed25519PrivateKey, public_pem: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str) -> None:
    envelope = {**hms_policy.sign(report, key), field: "unsigned text an auditor might read"}
    code, err = _verify(envelope, public_pem, tmp_path, capsys)
    assert code == 1 and f"the envelope has unknown field {field!r}" in err


def test_unknown_signature_field_does_not_verify(report: dict[str, Any], key: Ed25519PrivateKey, public_pem: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    envelope = hms_policy.sign(report, key)
    envelope["signatures"][0]["signer"] = "the hospital's CISO"
    code, err = _verify(envelope, public_pem, tmp_path, capsys)
    assert code == 1 and "the signature entry has unknown field 'signer'" in err


def _trailing_bits(text: str) -> str:
    """The same bytes spelt differently: set a bit that decoding discards."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    body = text.rstrip("=")
    last = alphabet.index(body[-1])
    assert last & 1 == 0
    return body[:-1] + alphabet[last | 1] + text[len(body):]


@pytest.mark.parametrize(
    ("field", "respell"),
    [
        ("sig", _trailing_bits),
        ("payload", lambda t: t[:40] + "\n" + t[40:]),  # whitespace inside
        ("payload", lambda t: t.rstrip("=") + "=" * (5 - len(t) + len(t.rstrip("=")))),  # wrong padding
    ],
)
def test_non_canonical_base64_does_not_verify(
    report: dict[str, Any], key: Ed25519PrivateKey, public_pem: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    field: str, respell: Callable[[str], str],
) -> None:
    envelope = hms_policy.sign(report, key)
    entry = envelope if field == "payload" else envelope["signatures"][0]
    entry[field] = respell(entry[field])
    code, err = _verify(envelope, public_pem, tmp_path, capsys)
    what = "signature" if field == "sig" else field
    assert code == 1 and (f"the {what} is not canonical base64" in err or f"the {what} is not valid base64" in err), err


def test_mixed_base64_alphabets_do_not_verify(public_pem: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sig = base64.b64encode(bytes(64)).decode()
    for payload, reason in [("-+//", "the payload is not canonical base64"), ("++//", "signature does not verify")]:
        envelope = {"payloadType": dsse.PAYLOAD_TYPE, "payload": payload, "signatures": [{"sig": sig}]}
        code, err = _verify(envelope, public_pem, tmp_path, capsys)
        assert code == 1 and reason in err, err


def test_deeply_nested_signed_payload_does_not_verify(key: Ed25519PrivateKey, public_pem: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = b'{"_type":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    code, err = _verify(dsse.sign(deep, key), public_pem, tmp_path, capsys)
    assert code == 1 and "the signed payload nests deeper than 64 levels" in err


def test_deeply_nested_envelope_does_not_verify(report: dict[str, Any], key: Ed25519PrivateKey, public_pem: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    envelope = hms_policy.sign(report, key)
    text = json.dumps(envelope)[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    code, err = _verify(text, public_pem, tmp_path, capsys)
    assert code == 1 and "the envelope nests deeper than 64 levels" in err


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    from hms_policy.attest.strict_json import loads

    text = json.dumps({"snippet": "[" * 1000 + '\\"{' * 500})
    assert loads(text, "x") == json.loads(text)


def test_an_unterminated_string_of_escaped_quotes_is_refused_in_linear_time(public_pem: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import time

    hostile = b'{"payload": "' + b'\\"' * 200_000  # every escaped quote could start a string
    started = time.monotonic()
    code, err = _verify(hostile, public_pem, tmp_path, capsys)
    assert code == 1 and "the envelope is not valid JSON" in err
    assert time.monotonic() - started < 10  # a backtracking scan takes minutes here
