"""Bad input never crashes a scan and is never skipped silently."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

import hms_policy


def errors_by_path(report) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in report.errors:
        out.setdefault(e.path, []).append(f"{e.reason}: {e.message}")
    return out


def test_bad_files_are_reported_and_the_rest_scanned(tmp_path: Path) -> None:
    (tmp_path / "broken.tf").write_text('resource "aws_db_instance" "x" {\n  storage_encrypted = \n')
    (tmp_path / "bad.yaml").write_text("apiVersion: v1\nkind: Pod\nspec: [unclosed\n")
    (tmp_path / "empty.tf").write_text("")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "latin1.log").write_bytes("patient ssn=512-34-8891 caf\xe9\n".encode("latin-1"))
    (tmp_path / "broken.py").write_text("def f(:\n    logger.info(ssn)\n")
    (tmp_path / "good.tf").write_text('resource "aws_db_instance" "p" {\n  storage_encrypted = false\n}\n')
    report = hms_policy.scan([tmp_path], jobs=1)
    errors = errors_by_path(report)
    assert any("invalid HCL" in m for m in errors["broken.tf"])
    assert any("invalid YAML at line" in m for m in errors["bad.yaml"])
    assert any(m.startswith("binary") for m in errors["image.png"])
    assert any("invalid UTF-8" in m for m in errors["latin1.log"])
    assert any("Python" in m for m in errors["broken.py"])
    assert "empty.tf" not in errors
    # The other files were still scanned, and the broken log's text too.
    rules = {(f.path, f.rule_id) for f in report.findings}
    assert ("good.tf", "TF101") in rules
    assert ("latin1.log", "LOG001") in rules


def test_secrets_in_unparseable_files_are_still_found(tmp_path: Path) -> None:
    body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCFAKEFAKEFAKEFAK"
    (tmp_path / "values.yaml").write_text(f"key: |\n  -----BEGIN PRIVATE KEY-----\n  {body}\n  {body}\n  -----END PRIVATE KEY-----\nbroken: [\n")
    report = hms_policy.scan([tmp_path], jobs=1)
    assert any(f.rule_id == "SEC100" for f in report.findings)


def test_too_large_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("x" * 5000)
    report = hms_policy.scan([tmp_path], max_file_bytes=1000, jobs=1)
    assert any(e.reason == "too-large" and "1000-byte cap" in e.message for e in report.errors)


def test_large_logs_are_streamed_not_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hms_policy.targets.discover as discover

    monkeypatch.setattr(discover, "STREAM_ABOVE_BYTES", 1000)
    lines = ["2026-01-01 INFO nothing here"] * 200 + ["2026-01-01 INFO patient ssn=512-34-8891"]
    (tmp_path / "app.log").write_text("\n".join(lines) + "\n")
    report = hms_policy.scan([tmp_path], jobs=1)
    (finding,) = [f for f in report.findings if f.rule_id == "LOG001"]
    assert finding.line == 201 and "8891" in finding.snippet and "512-34" not in finding.snippet


def test_gzip_and_truncated_gzip_logs(tmp_path: Path) -> None:
    data = gzip.compress(b"INFO patient ssn=512-34-8891\n" * 50)
    (tmp_path / "ok.log.gz").write_bytes(data)
    (tmp_path / "cut.log.gz").write_bytes(data[: len(data) // 2])
    report = hms_policy.scan([tmp_path], jobs=1)
    assert any(f.path == "ok.log.gz" for f in report.findings)
    assert "cut.log.gz" in errors_by_path(report)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loops_and_broken_links(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("hello\n")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path / "loop_b", tmp_path / "loop_a")
    os.symlink(tmp_path / "loop_a", tmp_path / "loop_b")
    (tmp_path / "dir").mkdir()
    os.symlink(tmp_path, tmp_path / "dir" / "up")
    report = hms_policy.scan([tmp_path], jobs=1)
    errors = errors_by_path(report)
    assert any("broken symbolic link" in m for m in errors["dangling.txt"])
    assert any("loop" in m for m in errors["loop_a"])
    assert any("directory" in m for m in errors["dir/up"])
    assert report.target.files_scanned == 1


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads everything")
def test_unreadable_file(tmp_path: Path) -> None:
    secret = tmp_path / "locked.txt"
    secret.write_text("x\n")
    secret.chmod(0)
    report = hms_policy.scan([tmp_path], jobs=1)
    assert any(e.reason == "unreadable" for e in report.errors)


def test_yaml_alias_bomb_is_bounded(tmp_path: Path) -> None:
    bomb = ["apiVersion: v1", "kind: ConfigMap", 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    (tmp_path / "bomb.yaml").write_text("\n".join(bomb) + "\n")
    report = hms_policy.scan([tmp_path], jobs=1)
    assert any("alias" in e.message for e in report.errors)


def test_minified_long_line(tmp_path: Path) -> None:
    (tmp_path / "bundle.min.js").write_text("var a=1;" * 400_000 + "\n")
    report = hms_policy.scan([tmp_path], jobs=1)
    assert report.target.files_scanned == 1
