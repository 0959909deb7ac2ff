"""The CLI contract: exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hms_policy import __version__
from hms_policy.cli import main

UNENCRYPTED = 'resource "aws_db_instance" "p" {\n  storage_encrypted = false\n}\n'


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "main.tf").write_text(UNENCRYPTED)  # one high finding
    (tmp_path / "Dockerfile").write_text("FROM python:3.12-slim\nUSER app\n")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([], 1),  # default gate: high
        (["--fail-on", "critical"], 0),
        (["--fail-on", "high"], 1),
        (["--fail-on", "medium"], 1),
        (["--fail-on", "none"], 0),
        (["--policy", "gdpr"], 1),
        (["--disable", "TF101"], 0),
    ],
)
def test_scan_exit_codes(tree: Path, args: list[str], code: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(tree), *args]) == code
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scan", "/definitely/not/here"], "path does not exist"),
        (["scan", ".", "--policy", "sox"], "unknown policy"),
        (["scan", ".", "--fail-on", "severe"], "invalid choice"),
        (["scan", ".", "--format", "pdf"], "invalid choice"),
        (["scan", ".", "--jobs", "0"], "at least 1"),
        (["scan", ".", "--shard", "3/2"], "between 1 and N"),
        (["scan", ".", "--shard", "half"], "expected I/N"),
        (["scan", ".", "--file-timeout", "0"], "more than 0"),
        (["scan", ".", "--policy", "missing-pack.yaml"], "not found"),
        (["explain", "XX999"], "unknown rule"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and err.startswith("hms-policy: error:")
    assert "Traceback" not in err


def test_bad_config_exits_2(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / ".hms-policy.yaml").write_text("jobs: many\n")
    assert main(["scan", str(tree)]) == 2
    assert "jobs" in capsys.readouterr().err


def test_malformed_user_rule_exits_2(tree: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path_factory.mktemp("rules")
    (rules / "TST001-x.yaml").write_text("id: TST001\nname: x\n")
    assert main(["scan", str(tree), "--rules-dir", str(rules)]) == 2
    err = capsys.readouterr().err
    assert "TST001" in err and "TST001-x.yaml" in err


def test_internal_error_is_one_line(tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import hms_policy.api

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(hms_policy.api, "scan_with_settings", boom)
    assert main(["scan", str(tree)]) == 2
    err = capsys.readouterr().err
    assert "internal error" in err and "Traceback" not in err


def test_json_output_to_file(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    out = tmp_path_factory.mktemp("out") / "report.json"
    assert main(["scan", str(tree), "--format", "json", "--output", str(out)]) == 1
    data = json.loads(out.read_text())
    assert data["schema_version"] == "1" and data["summary"]["result"] == "fail"
    assert {"fingerprint", "rule_id", "category", "severity", "path", "line", "end_line", "message", "snippet", "controls", "suppressed"} <= set(data["findings"][0])


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


def test_rules_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--policy", "hipaa"]) == 0
    listing = capsys.readouterr().out
    assert "TF101" in listing and "hipaa:164.312(a)(2)(iv)" in listing
    assert main(["explain", "TF101"]) == 0
    text = capsys.readouterr().out
    assert "## What it does" in text and "## How to fix it" in text and "hipaa:164.312(a)(2)(iv)" in text
    assert main(["explain", "rds-storage-unencrypted"]) == 0


def test_every_rule_can_be_explained(capsys: pytest.CaptureFixture[str]) -> None:
    """One `explain` of every id: loading the catalogue once instead of once per rule (14 s)."""
    from ruleharness import catalogue

    rules = list(catalogue().rules)
    assert main(["explain", *(r.id for r in rules)]) == 0
    out = capsys.readouterr().out
    starts = []
    for rule in rules:  # each explanation begins with its header line, in the order asked
        starts.append(out.find(f"{rule.id} {rule.name}: {rule.title}\n", starts[-1] if starts else 0))
        assert starts[-1] >= 0, rule.id
    for rule, start, end in zip(rules, starts, [*starts[1:], len(out)]):
        block = out[start:end]
        assert "## What it does" in block and "## How to fix it" in block, rule.id


def test_explain_several_rules_and_an_unknown_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "TF101", "rds-storage-unencrypted"]) == 0
    assert capsys.readouterr().out.count("## What it does") == 2
    assert main(["explain", "TF101", "XX999"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "unknown rule 'XX999'" in captured.err
