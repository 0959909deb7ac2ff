"""keygen, scan --sign-key and verify through main(): exit codes 0 verified, 1 not
verified (one line saying why), 2 usage errors."""

from __future__ import annotations

import base64
import json
import shutil
import stat
from pathlib import Path

import pytest

from hms_policy.cli import main

DEMO = Path(__file__).resolve().parents[2] / "examples" / "hms-demo"


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    prefix = tmp_path_factory.mktemp("keys") / "ci"
    assert main(["keygen", "--out", str(prefix)]) == 0
    return Path(f"{prefix}.key"), Path(f"{prefix}.pub")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo") / "hms-demo"
    shutil.copytree(DEMO, root)
    return root


@pytest.fixture(scope="module")
def signed(tree: Path, keys: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "report.dsse.json"
    assert main(["scan", str(tree), "--sign-key", str(keys[0]), "--output", str(out)]) == 1  # the demo fails its gate
    return out


def _verify(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["verify", *args])
    err = capsys.readouterr().err
    return code, err


def test_keygen_writes_a_private_key_only_its_owner_reads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prefix = tmp_path / "k"
    assert main(["keygen", "--out", str(prefix)]) == 0
    private, public = Path(f"{prefix}.key"), Path(f"{prefix}.pub")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert public.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    before = private.read_bytes()
    assert main(["keygen", "--out", str(prefix)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert private.read_bytes() == before
    private.chmod(0o644)
    assert main(["keygen", "--out", str(prefix), "--force"]) == 0
    assert private.read_bytes() != before and stat.S_IMODE(private.stat().st_mode) == 0o600
    assert main(["keygen", "--out", str(tmp_path / "missing-dir" / "k")]) == 2


def test_signed_demo_report_verifies(signed: Path, keys: tuple[Path, Path], tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    envelope = json.loads(signed.read_text())
    assert envelope["payloadType"] == "application/vnd.in-toto+json"
    code, err = _verify(capsys, str(signed), "--key", str(keys[1]), "--root", str(tree))
    assert code == 0, err
    assert err.startswith("hms-policy: verified:") and "tree digest recomputed" in err


def _tampered(signed: Path, tmp_path: Path, edit: str) -> Path:
    envelope = json.loads(signed.read_text())
    if edit == "payload":
        statement = json.loads(base64.b64decode(envelope["payload"]))
        statement["predicate"]["findings"][0]["message"] = "nothing to see"
        envelope["payload"] = base64.b64encode(json.dumps(statement).encode()).decode()
    elif edit == "signature":
        sig = bytearray(base64.b64decode(envelope["signatures"][0]["sig"]))
        sig[10] ^= 1
        envelope["signatures"][0]["sig"] = base64.b64encode(bytes(sig)).decode()
    elif edit == "type":
        envelope["payloadType"] = "application/json"
    out = tmp_path / f"tampered-{edit}.json"
    out.write_text(json.dumps(envelope))
    return out


@pytest.mark.parametrize(
    "edit, reason",
    [("payload", "signature does not verify"), ("signature", "signature does not verify"), ("type", "payloadType")],
)
def test_tampered_report_does_not_verify(
    signed: Path, keys: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: str, reason: str
) -> None:
    code, err = _verify(capsys, str(_tampered(signed, tmp_path, edit)), "--key", str(keys[1]))
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("hms-policy: not verified: ") and reason in err


def test_wrong_key_does_not_verify(signed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keygen", "--out", str(tmp_path / "other")]) == 0
    capsys.readouterr()
    code, err = _verify(capsys, str(signed), "--key", str(tmp_path / "other.pub"))
    assert code == 1 and "does not verify with the given key" in err


def test_changed_file_in_tree_does_not_verify(signed: Path, keys: tuple[Path, Path], tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    changed = tmp_path / "hms-demo"
    shutil.copytree(tree, changed)
    code, _ = _verify(capsys, str(signed), "--key", str(keys[1]), "--root", str(changed))
    assert code == 0  # a copy of the same files is the same tree
    (changed / "app" / "settings.env").write_text("LOG_LEVEL=debug\n")
    code, err = _verify(capsys, str(signed), "--key", str(keys[1]), "--root", str(changed))
    assert code == 1 and "files changed since the scan" in err


@pytest.mark.parametrize(
    "args",
    [
        ["missing.dsse.json", "--key", "KEY_PUB"],
        ["SIGNED", "--key", "KEY_PRIVATE"],  # the private key where the public one belongs
        ["SIGNED"],  # --key is required
        ["SIGNED", "--key", "KEY_PUB", "--root", "no/such/dir"],
        ["SIGNED", "--key", "KEY_PUB", "--output", "x.html"],  # --output needs --format
    ],
)
def test_verify_usage_errors_exit_2(signed: Path, keys: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    names = {"SIGNED": str(signed), "KEY_PUB": str(keys[1]), "KEY_PRIVATE": str(keys[0]), "missing.dsse.json": str(tmp_path / "missing.json")}
    code, err = _verify(capsys, *[names.get(a, a) for a in args])
    assert code == 2 and err.startswith("hms-policy: error: ")


def test_verify_renders_the_verified_report(signed: Path, keys: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "audit.html"
    code, _ = _verify(capsys, str(signed), "--key", str(keys[1]), "--format", "html", "--output", str(page))
    assert code == 0
    assert "verified: Ed25519 key" in page.read_text()


def test_attestation_goes_beside_another_format(tree: Path, keys: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sarif, envelope = tmp_path / "r.sarif", tmp_path / "r.dsse.json"
    code = main(["scan", str(tree), "-f", "sarif", "-o", str(sarif), "--sign-key", str(keys[0]), "--attestation", str(envelope)])
    assert code == 1
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert _verify(capsys, str(envelope), "--key", str(keys[1]), "--root", str(tree))[0] == 0


def test_sign_key_with_another_format_needs_attestation(tree: Path, keys: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(tree), "-f", "sarif", "--sign-key", str(keys[0])]) == 2
    assert "--attestation" in capsys.readouterr().err
    assert main(["scan", str(tree), "--attestation", "x.json"]) == 2


def test_signing_key_from_the_environment(
    tree: Path, keys: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "env.dsse.json"
    monkeypatch.setenv("HMS_POLICY_SIGNING_KEY", keys[0].read_text())  # the PEM itself, as CI secret stores hand it over
    assert main(["scan", str(tree), "-o", str(out)]) == 1
    assert _verify(capsys, str(out), "--key", str(keys[1]))[0] == 0
    monkeypatch.setenv("HMS_POLICY_SIGNING_KEY", str(keys[0]))  # or a path
    assert main(["scan", str(tree), "-o", str(out)]) == 1
    assert _verify(capsys, str(out), "--key", str(keys[1]))[0] == 0
    monkeypatch.setenv("HMS_POLICY_SIGNING_KEY", "c2VjcmV0LWtleS1tYXRlcmlhbA")
    assert main(["scan", str(tree)]) == 2
    err = capsys.readouterr().err
    assert "HMS_POLICY_SIGNING_KEY" in err and "c2VjcmV0" not in err  # never echoed


def test_a_non_ed25519_key_is_a_usage_error(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    (tmp_path / "ec.key").write_bytes(pem)
    assert main(["scan", str(tree), "--sign-key", str(tmp_path / "ec.key")]) == 2
    assert "not Ed25519" in capsys.readouterr().err
