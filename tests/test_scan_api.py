"""The library entry point end to end: control status, settings, determinism, parallelism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import hms_policy
from hms_policy.errors import ConfigError, UsageError

UNENCRYPTED = 'resource "aws_db_instance" "p" {\n  storage_encrypted = false\n}\n'
ENCRYPTED = 'resource "aws_db_instance" "p" {\n  storage_encrypted = true\n}\n'


def control(report, ref: str):
    policy, cid = ref.split(":", 1)
    return next(c for c in report.controls if c.policy == policy and c.id == cid)


def test_control_status_fail_pass_and_not_evaluated(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(UNENCRYPTED)
    report = hms_policy.scan([tmp_path], policies=["hipaa"])
    assert control(report, "hipaa:164.312(a)(2)(iv)").status == "fail"
    # No Kubernetes, compose or Dockerfile in the tree: their control does not apply here.
    hardening = control(report, "hipaa:164.308(a)(1)(ii)(B)")
    assert hardening.status == "not-applicable"
    assert hardening.reason.startswith("no files of the kinds its rules read")

    (tmp_path / "main.tf").write_text(ENCRYPTED)
    report = hms_policy.scan([tmp_path], policies=["hipaa"])
    assert control(report, "hipaa:164.312(a)(2)(iv)").status == "pass"


def test_unresolved_value_is_never_a_pass(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_db_instance" "p" {\n  storage_encrypted = var.flag\n}\n')
    report = hms_policy.scan([tmp_path], policies=["hipaa"], settings={"policy": ["hipaa"], "disable": ["CFN101"]})
    assert control(report, "hipaa:164.312(a)(2)(iv)").status != "pass"


def test_a_control_with_no_applicable_file_is_not_evaluated(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing to see\n")
    report = hms_policy.scan([tmp_path], policies=["gdpr"])
    assert control(report, "gdpr:art5-1-f").status in ("pass", "not-evaluated")
    assert all(c.status != "fail" for c in report.controls)
    assert report.summary.result == "pass"


def test_findings_carry_only_selected_pack_controls(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(UNENCRYPTED)
    report = hms_policy.scan([tmp_path], policies=["gdpr"])
    finding = next(f for f in report.findings if f.rule_id == "TF101")
    assert finding.controls and all(c.startswith("gdpr:") for c in finding.controls)
    assert {p.id for p in report.policies} == {"gdpr"}


def test_fail_on_sets_the_gate(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nCMD python\n")  # medium: runs as root
    assert hms_policy.scan([tmp_path], fail_on="high").summary.result == "pass"
    assert hms_policy.scan([tmp_path], fail_on="medium").summary.result == "fail"


def test_project_settings_apply_and_flags_win(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(UNENCRYPTED)
    (tmp_path / "pyproject.toml").write_text('[tool.hms-policy]\npolicy = ["gdpr"]\nfail_on = "critical"\n')
    report = hms_policy.scan([tmp_path])
    assert {p.id for p in report.policies} == {"gdpr"} and report.summary.result == "pass"
    assert hms_policy.scan([tmp_path], fail_on="high").summary.result == "fail"


def test_hms_policy_yaml_settings_and_excludes(tmp_path: Path) -> None:
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "main.tf").write_text(UNENCRYPTED)
    (tmp_path / ".hms-policy.yaml").write_text("exclude: ['vendor/']\n")
    report = hms_policy.scan([tmp_path])
    assert not [f for f in report.findings if f.path.startswith("vendor/")]


def test_invalid_settings_are_a_config_error(tmp_path: Path) -> None:
    (tmp_path / ".hms-policy.yaml").write_text("fail_on: sometimes\n")
    with pytest.raises(ConfigError, match="fail_on"):
        hms_policy.scan([tmp_path])


def test_missing_path_and_unknown_policy_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        hms_policy.scan([tmp_path / "nope"])
    with pytest.raises(UsageError, match="unknown policy"):
        hms_policy.scan([tmp_path], policies=["sox"])


def normalised(report) -> dict:
    data = report.to_dict()
    data.pop("generated_at")
    return data


def test_same_tree_gives_the_same_report(demo: Path) -> None:
    first, second = hms_policy.scan([demo], jobs=1), hms_policy.scan([demo], jobs=1)
    assert json.dumps(normalised(first), sort_keys=True) == json.dumps(normalised(second), sort_keys=True)
    keys = [(f.path, f.line, f.rule_id, f.fingerprint) for f in first.findings]
    assert keys == sorted(keys)
    assert first.target.digest.startswith("sha256:")


def test_parallel_scan_equals_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hms_policy.engine.run as run

    for i in range(12):
        (tmp_path / f"m{i}").mkdir()
        (tmp_path / f"m{i}" / "main.tf").write_text(UNENCRYPTED if i % 2 else ENCRYPTED)
        (tmp_path / f"app{i}.log").write_text(f"patient ssn=512-34-{1000 + i}\n" * 3)
    monkeypatch.setattr(run, "PARALLEL_MIN_UNITS", 2)
    monkeypatch.setattr(run, "PARALLEL_MIN_BYTES", 1)
    serial, parallel = hms_policy.scan([tmp_path], jobs=1), hms_policy.scan([tmp_path], jobs=2)
    assert normalised(serial) == normalised(parallel)
    assert serial.findings


def test_digest_changes_with_any_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one\n")
    before = hms_policy.scan([tmp_path]).target.digest
    (tmp_path / "a.txt").write_text("two\n")
    assert hms_policy.scan([tmp_path]).target.digest != before


def test_import_stays_light() -> None:
    import subprocess
    import sys

    code = "import sys, hms_policy; heavy = [m for m in ('hcl2', 'bandit', 'detect_secrets', 'pip_audit', 'cryptography', 'jinja2', 'jsonschema', 'yaml') if m in sys.modules]; print(heavy)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_terraform_parser_is_not_imported_without_terraform(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "app.py").write_text("print('hello')\n")
    code = f"import sys, hms_policy; hms_policy.scan([{str(tmp_path)!r}], jobs=1); print('hcl2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_to_json_equals_one_json_dumps(demo: Path) -> None:
    """The finding-by-finding JSON writer gives exactly the text of one json.dumps."""
    report = hms_policy.scan([demo], jobs=1)
    assert report.findings
    expected = json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert report.to_json() == expected
    assert json.loads(report.to_json(indent=None)) == json.loads(expected)
