"""Everyday CLI use (issue 16): the hook's short output, --quiet, --controls, several outputs
from one scan, --config, typos in --disable, and the small wording fixes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hms_policy.cli import main

DEMO = Path(__file__).resolve().parents[2] / "examples" / "hms-demo"
GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
HOOK_FILES = ("Dockerfile", "app/deploy_key.pem")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two files of the demo, as a hook gets them, in a directory of their own."""
    for rel in HOOK_FILES:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(DEMO / rel, tmp_path / rel)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def _scan(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["scan", "--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_hook_output_is_findings_one_summary_and_one_hint(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _scan(capsys, *HOOK_FILES)
    assert code == 1 and err == ""
    assert out == (GOLDEN / "hook.txt").read_text()
    assert "NOT-EVALUATED" not in out and "Controls" not in out
    assert out.count("\nFAIL: ") == 1 and out.splitlines()[-1].startswith("hint: ")


def test_quiet_prints_the_findings_only(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _scan(capsys, "--quiet", *HOOK_FILES)
    assert out == (GOLDEN / "hook.txt").read_text().split("\n\nFAIL: ")[0] + "\n"
    _, out, _ = _scan(capsys, "-q", "--fail-on", "none", "Dockerfile", "--disable", "DKR001")
    assert out == ""


def test_controls_in_a_partial_scan_on_request_each_with_its_reason(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _scan(capsys, "--controls", *HOOK_FILES)
    lines = [line for line in out.splitlines() if "NOT-EVALUATED" in line]
    assert lines and all("partial scan (2 files named explicitly)" in line for line in lines)


def test_a_full_scan_lists_controls_with_reasons_and_no_hint(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _scan(capsys, ".")
    assert "Controls: " in out and "hint:" not in out
    assert "not applicable" in out.split("Controls: ")[1].splitlines()[0]


def test_each_finding_is_one_line_with_its_controls_grouped_by_pack(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _scan(capsys, "Dockerfile")
    assert out.count("DKR001") == 1
    controls = [line.strip() for line in out.splitlines() if line.strip().startswith("controls: ")]
    assert controls == ["controls: hipaa:164.312(c)(1), 164.308(a)(1)(ii)(B); gdpr:art25, art32; ndhm:hdmp-security"]


def test_one_file_and_the_no_gate_wording(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _scan(capsys, "Dockerfile", "--fail-on", "none")
    last = [line for line in out.splitlines() if line.startswith(("PASS", "FAIL"))][0]
    assert code == 0 and "in 1 file;" in last and "no gate (fail_on none)" in last and "none and above" not in last


def test_text_to_a_file_is_confirmed_on_stderr(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, err = _scan(capsys, "Dockerfile", "-f", "text", "-o", "out.txt")
    assert out == "" and err == "hms-policy: pass: 1 finding; report written to out.txt\n"
    assert "DKR001" in (repo / "out.txt").read_text()


def test_several_outputs_from_one_scan(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _scan(capsys, ".", "--output-format", "sarif:r.sarif", "--output-format", "junit:r.xml", "-f", "json", "-o", "r.json")
    assert code == 1
    report = json.loads((repo / "r.json").read_text())
    sarif = json.loads((repo / "r.sarif").read_text())
    assert len(sarif["runs"][0]["results"]) == report["summary"]["findings"]
    assert (repo / "r.xml").read_text().startswith("<?xml")
    assert [line.split(" written to ")[1] for line in err.splitlines()] == ["r.sarif", "r.xml", "r.json"]
    assert "DKR001" in out or out == ""  # the main output went to r.json


@pytest.mark.parametrize("value", ["sarif", "nope:x.txt", "sarif:"])
def test_a_bad_output_format_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, out, err = _scan(capsys, ".", "--output-format", value)
    assert code == 2 and out == "" and err.startswith("hms-policy: error: ") and err.count("\n") == 1


def test_disable_typo_names_the_close_matches(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _scan(capsys, ".", "--disable", "DKR01")
    assert code == 2 and out == ""
    assert err == "hms-policy: error: --disable: unknown rule id 'DKR01'; did you mean DKR001, DKR006, DKR005?\n"
    code, _, err = _scan(capsys, ".", "--disable", "ZZZ999")
    assert code == 2 and "hms-policy rules" in err
    assert _scan(capsys, "Dockerfile", "--disable", "dkr001")[0] == 0  # ids are not case-sensitive


def test_disable_typo_in_the_settings_file_is_caught_too(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".hms-policy.yaml").write_text("disable: [DKR01]\n")
    code, _, err = _scan(capsys, ".")
    assert code == 2 and "did you mean DKR001" in err


def test_the_settings_file_is_not_scanned_content(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = _scan(capsys, ".", "-f", "json")
    (repo / ".hms-policy.yaml").write_text("fail_on: critical\n")
    code, out, _ = _scan(capsys, ".", "-f", "json")
    report = json.loads(out)
    assert code == 1 and report["target"]["files_scanned"] == json.loads(plain)["target"]["files_scanned"]
    assert ".hms-policy.yaml" in report["target"]["selection"]["excluded_files"]


def test_config_file_outside_the_tree(repo: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path_factory.mktemp("settings")
    (elsewhere / "ci.yaml").write_text("fail_on: none\ndisable: [SEC100]\n")
    (elsewhere / "pyproject.toml").write_text('[tool.hms-policy]\nfail_on = "critical"\n')
    (repo / ".hms-policy.yaml").write_text("fail_on: low\n")  # replaced, not merged
    assert _scan(capsys, ".", "--config", str(elsewhere / "ci.yaml"))[0] == 0
    assert _scan(capsys, ".", "--config", str(elsewhere / "pyproject.toml"))[0] == 1  # SEC100 is critical
    code, _, err = _scan(capsys, ".", "--config", str(elsewhere / "missing.yaml"))
    assert code == 2 and "--config: no such file" in err
    (elsewhere / "empty.toml").write_text("[tool.other]\n")
    assert _scan(capsys, ".", "--config", str(elsewhere / "empty.toml"))[0] == 2


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("r.sarif", "SARIF", "is a SARIF log, not an hms-policy JSON report: merge expects reports written with `scan -f json`"),
        ("b.json", '{"baseline_version": 1, "entries": []}', "is an hms-policy baseline"),
        ("l.json", "[1, 2]", "is a JSON list"),
        ("o.json", '{"name": "x"}', "is a JSON document of another kind"),
    ],
)
def test_merge_says_what_a_non_report_file_is(repo: Path, capsys: pytest.CaptureFixture[str], name: str, content: str, expected: str) -> None:
    if content == "SARIF":
        assert _scan(capsys, ".", "-f", "sarif", "-o", name)[0] == 1
    else:
        (repo / name).write_text(content)
    assert main(["merge", name]) == 2
    err = capsys.readouterr().err
    assert expected in err and "schema version None" not in err and err.count("\n") == 1
