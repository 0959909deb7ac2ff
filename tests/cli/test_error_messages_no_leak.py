"""Usage and configuration errors say which file, which key or line and what is wrong, in
one line with exit 2, and never echo the content they are about (a secret pasted in the
wrong place, a `.env` given as a policy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hms_policy.cli import main

SECRET = "Pw9xQ2zLm4sekretVALUE"
TOKEN = "ghp_R7sK2mQ9vX4tL1pZ8wN3bY6cF0hJ5dG2aE7u"
KEY_ID = "AKIAZ7QXBPLM4RTW2NVY"
LEAKS = (SECRET, TOKEN, KEY_ID, "R7sK2mQ9", "Z7QXBPLM")


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code = main(args)
    captured = capsys.readouterr()
    assert code == 2, captured.err
    err = captured.err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err, err
    assert not [v for v in LEAKS if v in captured.out + captured.err], err
    return err


@pytest.mark.parametrize(
    "text",
    [
        f"AWS_ACCESS_KEY_ID={KEY_ID}\nDB_PASSWORD={SECRET}\n",  # valid YAML: one string, not a pack
        f"AWS_ACCESS_KEY_ID={KEY_ID}\nDB_PASSWORD: '{SECRET}'\n  bad: [x\n",  # invalid YAML
    ],
)
def test_env_file_given_as_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    (tmp_path / ".env").write_text(text)
    err = _run(["scan", str(tmp_path), "--policy", str(tmp_path / ".env")], capsys)
    assert ".env" in err


def test_schema_error_in_project_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".hms-policy.yaml").write_text(f"exclude: 'postgres://admin:{SECRET}@db/x'\n")
    err = _run(["scan", str(tmp_path)], capsys)
    assert ".hms-policy.yaml" in err and "exclude" in err and "array" in err


def test_unknown_key_that_is_a_pasted_secret(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".hms-policy.yaml").write_text(f"{KEY_ID}: {SECRET}\n")
    assert "unknown key" in _run(["scan", str(tmp_path)], capsys)


@pytest.mark.parametrize(
    "text",
    [
        f"exclude: *{SECRET}\n",  # PyYAML quotes an undefined alias
        f'exclude: "{SECRET}\\q"\n',  # ... and an unknown escape
        f"exclude: !{SECRET} x\n",  # ... and an unknown tag
        f"exclude: [{SECRET}\n",
    ],
)
def test_yaml_errors_in_project_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    (tmp_path / ".hms-policy.yaml").write_text(text)
    assert ".hms-policy.yaml" in _run(["scan", str(tmp_path)], capsys)


def test_schema_error_in_policy_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(f'id: mine\nversion: "1"\ntitle: t\ncontrols: "{TOKEN}"\n')
    err = _run(["scan", str(tmp_path), "--policy", str(pack)], capsys)
    assert "controls" in err


def test_schema_error_in_rules_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "X001-x.yaml").write_text(f"id: X001\nname: x\nseverity: {TOKEN}\n")
    err = _run(["scan", str(tmp_path), "--rules-dir", str(rules)], capsys)
    assert "X001-x.yaml" in err


def test_broken_baseline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bl.json").write_text('{"baseline_version": "' + SECRET + '", "findings": []}')
    assert "bl.json" in _run(["scan", str(tmp_path), "--baseline", str(tmp_path / "bl.json")], capsys)
    (tmp_path / "bl.json").write_text('{"baseline_version": "1", "x": "' + TOKEN + '" ')
    assert "bl.json" in _run(["scan", str(tmp_path), "--baseline", str(tmp_path / "bl.json")], capsys)


def test_ignore_until_is_not_echoed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".hms-policy.yaml").write_text(f"ignore:\n  - rule: SEC001\n    reason: r\n    until: '{SECRET}'\n")
    _run(["scan", str(tmp_path)], capsys)


def test_scanned_yaml_parse_error_does_not_quote_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "deploy.yaml").write_text(f"apiVersion: v1\nkind: Secret\ndata:\n  token: *{SECRET}\n")
    main(["scan", str(tmp_path), "--format", "json", "--fail-on", "none", "--no-cache"])
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] and SECRET not in json.dumps(report["errors"])


@pytest.mark.parametrize("report", [{"schema_version": SECRET}, {"schema_version": "1", "tool": TOKEN}])
def test_merge_of_a_broken_report_does_not_echo_it(tmp_path: Path, capsys: pytest.CaptureFixture[str], report: dict[str, str]) -> None:
    (tmp_path / "r.json").write_text(json.dumps(report))
    assert "r.json" in _run(["merge", str(tmp_path / "r.json"), str(tmp_path / "r.json"), "-o", str(tmp_path / "m.json")], capsys)
