"""No planted secret or PHI value appears anywhere in any output of a scan."""

from __future__ import annotations

from pathlib import Path

import pytest

import hms_policy
from hms_policy.cli import main
from hms_policy.report.formats import FORMATS, render

# Values planted in examples/hms-demo (synthetic) and in the fixtures below.
PLANTED = [
    "512-34-8891",
    "529-71-4402",
    "51234",
    "MIIEpAIBAAKCAQEAzDEMOONLYNOTAREALKEY",
    "NOTAREALKEYzDEMOONLY",
    "Jane Roe",  # the synthetic patient name in the demo log
]


def test_demo_scan_leaks_nothing_in_any_format(demo: Path) -> None:
    report = hms_policy.scan([demo], jobs=1)
    assert report.findings
    for name in FORMATS:
        output = render(report, name)
        for value in PLANTED:
            assert value not in output, f"{value!r} leaked into --format {name}"


def test_cli_output_and_stderr_leak_nothing(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in FORMATS:
        out_file = tmp_path / f"report.{name}"
        main(["scan", str(demo), "--format", name, "--output", str(out_file)])
        main(["scan", str(demo), "--format", name])
        captured = capsys.readouterr()
        for value in PLANTED:
            assert value not in captured.out and value not in captured.err
            assert value not in out_file.read_text()


def test_fingerprints_do_not_hash_raw_values(tmp_path: Path) -> None:
    """Two different SSNs on otherwise identical lines give the same identity."""
    (tmp_path / "a.log").write_text("patient ssn=512-34-8891\n")
    (tmp_path / "b.log").write_text("patient ssn=529-71-8891\n")
    report = hms_policy.scan([tmp_path], jobs=1)
    snippets = {f.path: f.snippet for f in report.findings}
    assert snippets["a.log"] == snippets["b.log"]  # the masked form carries no digits but the last four
