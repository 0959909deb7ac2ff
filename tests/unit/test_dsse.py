"""DSSE envelopes, in-toto statements and report verification (hms_policy.attest)."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import hms_policy
from hms_policy.attest import dsse
from hms_policy.attest.keys import keyid
from hms_policy.attest.statement import PREDICATE_TYPE, STATEMENT_TYPE, build_statement, canonical_json
from hms_policy.errors import SignatureError

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "hms-demo"


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="module")
def report() -> Any:
    return hms_policy.scan([DEMO], read_project_settings=False, jobs=1)


@pytest.fixture(scope="module")
def envelope(report: Any, key: Ed25519PrivateKey) -> dict[str, Any]:
    return hms_policy.sign(report, key)


def _payload(envelope: dict[str, Any]) -> bytes:
    return base64.b64decode(envelope["payload"])


def _with_payload(envelope: dict[str, Any], payload: bytes) -> dict[str, Any]:
    return {**envelope, "payload": base64.b64encode(payload).decode()}


def _reason(envelope: Any, public: Any, **kw: Any) -> str:
    with pytest.raises(SignatureError) as info:
        hms_policy.verify(envelope, public, **kw)
    return str(info.value)


def test_pae_matches_the_spec_test_vector() -> None:
    assert dsse.pae("http://example.com/HelloWorld", b"hello world") == b"DSSEv1 29 http://example.com/HelloWorld 11 hello world"
    # LEN counts bytes, not characters
    assert dsse.pae("t\u00e9", b"\xff") == b"DSSEv1 3 t\xc3\xa9 1 \xff"
    assert dsse.pae("", b"") == b"DSSEv1 0  0 "


def test_round_trip_returns_the_signed_report(report: Any, key: Ed25519PrivateKey, envelope: dict[str, Any]) -> None:
    assert envelope["payloadType"] == "application/vnd.in-toto+json"
    assert envelope["signatures"][0]["keyid"] == keyid(key.public_key())
    statement = json.loads(_payload(envelope))
    assert statement["_type"] == STATEMENT_TYPE
    assert statement["predicateType"] == PREDICATE_TYPE == "https://hms-policy.dev/attestation/report/v1"
    assert statement["subject"][0] == {"name": "hms-demo", "digest": {"sha256": report.target.digest.removeprefix("sha256:")}}
    if report.target.git_commit:
        assert {"gitCommit": report.target.git_commit} in [s["digest"] for s in statement["subject"]]
    verified = hms_policy.verify(json.dumps(envelope), key.public_key())
    assert verified.report == report.to_dict()
    assert verified.payload == _payload(envelope)  # the exact bytes that were signed
    assert verified.to_report() == report
    assert not verified.tree_checked


def test_statement_bytes_are_canonical(report: Any) -> None:
    once = build_statement(report.to_dict())
    assert once == canonical_json(json.loads(once))


@pytest.mark.parametrize("position", [0, 1, 100, -2, -1])
def test_any_flipped_payload_byte_fails(envelope: dict[str, Any], key: Ed25519PrivateKey, position: int) -> None:
    payload = bytearray(_payload(envelope))
    payload[position] ^= 0x01
    assert "signature does not verify" in _reason(_with_payload(envelope, bytes(payload)), key.public_key())


@pytest.mark.parametrize("position", [0, 31, 63])
def test_any_flipped_signature_byte_fails(envelope: dict[str, Any], key: Ed25519PrivateKey, position: int) -> None:
    sig = bytearray(base64.b64decode(envelope["signatures"][0]["sig"]))
    sig[position] ^= 0x80
    tampered = {**envelope, "signatures": [{**envelope["signatures"][0], "sig": base64.b64encode(bytes(sig)).decode()}]}
    assert "signature does not verify" in _reason(tampered, key.public_key())


def test_wrong_key_fails_and_names_both_key_ids(envelope: dict[str, Any]) -> None:
    other = Ed25519PrivateKey.generate().public_key()
    reason = _reason(envelope, other)
    assert "does not verify with the given key" in reason and keyid(other)[:16] in reason


def test_swapped_payload_type_fails(envelope: dict[str, Any], key: Ed25519PrivateKey) -> None:
    assert "payloadType is 'application/json'" in _reason({**envelope, "payloadType": "application/json"}, key.public_key())
    # signed properly, but as another type: still refused
    other_type = dsse.sign(_payload(envelope), key, payload_type="application/json")
    assert "payloadType" in _reason(other_type, key.public_key())


def test_edited_finding_fails(envelope: dict[str, Any], key: Ed25519PrivateKey) -> None:
    statement = json.loads(_payload(envelope))
    statement["predicate"]["findings"][0]["severity"] = "info"
    statement["predicate"]["findings"] = statement["predicate"]["findings"][1:]
    edited = _with_payload(envelope, canonical_json(statement))
    assert "signature does not verify" in _reason(edited, key.public_key())


@pytest.mark.parametrize("count", [0, 2])
def test_zero_or_two_signatures_fail(envelope: dict[str, Any], key: Ed25519PrivateKey, count: int) -> None:
    tampered = {**envelope, "signatures": envelope["signatures"] * count}
    assert f"carries {count} signatures" in _reason(tampered, key.public_key())


@pytest.mark.parametrize(
    "document, expected",
    [
        (b"not json", "not valid JSON"),
        (b"[]", "not a JSON object"),
        (json.dumps({"payload": "e30="}).encode(), "not a DSSE envelope"),
        (json.dumps({"payloadType": dsse.PAYLOAD_TYPE, "payload": "!!", "signatures": [{"sig": "AA=="}]}).encode(), "not valid base64"),
    ],
)
def test_malformed_envelopes_fail(key: Ed25519PrivateKey, document: bytes, expected: str) -> None:
    assert expected in _reason(document, key.public_key())


def test_url_safe_unpadded_base64_is_accepted(envelope: dict[str, Any], key: Ed25519PrivateKey) -> None:
    def urlsafe(text: str) -> str:
        return base64.urlsafe_b64encode(base64.b64decode(text)).decode().rstrip("=")

    converted = {**envelope, "payload": urlsafe(envelope["payload"]),
                 "signatures": [{**envelope["signatures"][0], "sig": urlsafe(envelope["signatures"][0]["sig"])}]}
    assert hms_policy.verify(converted, key.public_key()).report["schema_version"] == "1"


def _signed_statement(key: Ed25519PrivateKey, statement: dict[str, Any]) -> dict[str, Any]:
    return dsse.sign(canonical_json(statement), key)


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda s: s.update(_type="https://in-toto.io/Statement/v0.1"), "statement _type"),
        (lambda s: s.update(predicateType="https://slsa.dev/provenance/v1"), "predicateType"),
        (lambda s: s["subject"][0]["digest"].update(sha256="0" * 64), "subject digest does not match"),
        (lambda s: s.update(subject=[]), "no subject"),
        (lambda s: s["predicate"]["target"].update(digest="sha256:" + "1" * 64), "subject digest does not match"),
        (lambda s: s["predicate"].pop("summary"), "report schema v1"),
        (lambda s: s["predicate"]["findings"][0].update(severity="catastrophic"), "report schema v1"),
    ],
)
def test_statement_and_schema_are_checked_after_the_signature(envelope: dict[str, Any], key: Ed25519PrivateKey, change: Any, expected: str) -> None:
    statement = json.loads(_payload(envelope))
    change(statement)
    assert expected in _reason(_signed_statement(key, statement), key.public_key())


def test_sign_accepts_pem_text_and_paths(tmp_path: Path, report: Any) -> None:
    from hms_policy.attest.dsse import dumps
    from hms_policy.attest.keys import load_public_key, write_keypair

    private, public = write_keypair(tmp_path / "ci")
    assert oct(private.stat().st_mode & 0o777) == "0o600"
    envelope = hms_policy.sign(report, private.read_text())
    assert hms_policy.verify(envelope, str(public)).keyid == keyid(load_public_key(public))
    stored = tmp_path / "report.dsse.json"
    stored.write_text(dumps(envelope))
    assert hms_policy.verify(stored, public).report == report.to_dict()


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "hms-demo"
    shutil.copytree(DEMO, root)
    (root / "build").mkdir()
    (root / "build" / "out.txt").write_text("generated\n")
    (root / "notes.txt").write_text("kept\n")
    (root / ".gitignore").write_text("build/\n")
    return root


def test_root_recomputes_the_tree_digest(tree: Path, key: Ed25519PrivateKey) -> None:
    report = hms_policy.scan([tree], exclude=["notes.txt"], read_project_settings=False, jobs=1)
    envelope = hms_policy.sign(report, key)
    assert hms_policy.verify(envelope, key.public_key(), root=tree).tree_checked
    # files outside the recorded selection may change freely
    (tree / "notes.txt").write_text("changed\n")
    (tree / "build" / "out.txt").write_text("changed\n")
    assert hms_policy.verify(envelope, key.public_key(), root=tree).tree_checked
    # one changed byte in a scanned file does not
    log = tree / "logs" / "admissions.log"
    log.write_bytes(log.read_bytes().replace(b"ward=4B", b"ward=4C", 1))
    assert "another tree, or files changed" in _reason(envelope, key.public_key(), root=tree)


@pytest.mark.parametrize("change", ["add", "delete", "rename"])
def test_root_detects_added_deleted_and_renamed_files(tree: Path, key: Ed25519PrivateKey, change: str) -> None:
    envelope = hms_policy.sign(hms_policy.scan([tree], read_project_settings=False, jobs=1), key)
    target = tree / "Dockerfile"
    if change == "add":
        (tree / "app" / "new.py").write_text("x = 1\n")
    elif change == "delete":
        target.unlink()
    else:
        target.rename(tree / "Dockerfile.old")
    assert "tree digest of" in _reason(envelope, key.public_key(), root=tree)


def test_root_of_a_partial_scan_repeats_the_scanned_paths(tree: Path, key: Ed25519PrivateKey, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    report = hms_policy.scan(["app", "logs"], read_project_settings=False, jobs=1)
    assert report.target.selection is not None and report.target.selection["paths"] == ["app", "logs"]
    envelope = hms_policy.sign(report, key)
    (tree / "Dockerfile").write_text("FROM scratch\n")  # not scanned
    assert hms_policy.verify(envelope, key.public_key(), root=tree).tree_checked
    shutil.rmtree(tree / "logs")
    assert "'logs' does not exist" in _reason(envelope, key.public_key(), root=tree)


def test_attest_stays_outside_the_engine_and_import_stays_light() -> None:
    for module in (REPO / "hms_policy" / "attest").glob("*.py"):
        text = module.read_text()
        assert "hms_policy.engine" not in text, module.name
    for module in (REPO / "hms_policy" / "engine").glob("*.py"):
        assert "hms_policy.attest" not in module.read_text(), module.name
    probe = "import sys, hms_policy, hms_policy.attest; print('cryptography' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_root_leaves_out_the_baseline_file_as_the_scan_did(tree: Path, key: Ed25519PrivateKey) -> None:
    from hms_policy.cli import main

    baseline = tree / ".hms-policy-baseline.json"
    assert main(["baseline", "create", str(tree), "--baseline", str(baseline)]) == 0
    report = hms_policy.scan([tree], baseline=baseline, read_project_settings=False, jobs=1)
    assert report.target.selection is not None and report.target.selection["excluded_files"] == [".hms-policy-baseline.json"]
    envelope = hms_policy.sign(report, key)
    assert hms_policy.verify(envelope, key.public_key(), root=tree).tree_checked
