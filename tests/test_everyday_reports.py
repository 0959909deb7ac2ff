"""Reports for CI and auditors (issue 16): SARIF paths from the repository root, a reason on
every control that did not pass or fail, the not-applicable status, natural order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import hms_policy
from hms_policy.catalog.rules import schema_errors
from hms_policy.cli import main
from hms_policy.model import ControlResult
from hms_policy.report.controls import control_sort_key, natural_key
from hms_policy.report.load import report_from_dict
from gitrepo import UNENCRYPTED_RDS, Repo


def _sarif_uris(sarif: dict) -> list[str]:
    return [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]]


def test_sarif_paths_are_relative_to_the_git_top_level(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("infra/db/main.tf", UNENCRYPTED_RDS)
    repo.write("infra/web/Dockerfile", "FROM python:3.12-slim\n")
    repo.commit()
    monkeypatch.chdir(repo.path)
    outputs = {}
    for name, paths in {"one": ["infra/db"], "two": ["infra/db", "infra/web"], "top": ["."]}.items():
        main(["scan", "--no-cache", *paths, "-f", "sarif", "-o", f"../{name}.sarif"])
        outputs[name] = json.loads((tmp_path / f"{name}.sarif").read_text())
    capsys.readouterr()
    assert "infra/db/main.tf" in _sarif_uris(outputs["one"])
    assert set(_sarif_uris(outputs["one"])) <= set(_sarif_uris(outputs["two"])) == set(_sarif_uris(outputs["top"]))
    for sarif in outputs.values():
        assert sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.path.resolve().as_uri() + "/"


def test_sarif_outside_git_is_relative_to_the_scanned_root(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(UNENCRYPTED_RDS)
    report = hms_policy.scan(tmp_path, cache=False)
    sarif = json.loads(hms_policy.render(report, "sarif"))
    assert report.target.git_root is None or not tmp_path.resolve().as_posix().startswith(report.target.git_root + "/")
    assert set(_sarif_uris(sarif)) == {"main.tf"}
    assert report.to("sarif") == hms_policy.render(report, "sarif")


def test_every_control_that_did_not_pass_or_fail_says_why(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(UNENCRYPTED_RDS)
    (tmp_path / "requirements.txt").write_text("django==2.0.0\n")
    report = hms_policy.scan(tmp_path, policies="hipaa", cache=False, vuln_db=None)
    data = report.to_dict()
    assert schema_errors(data, "report.v1") == []
    by_status: dict[str, list[ControlResult]] = {}
    for c in report.controls:
        by_status.setdefault(c.status, []).append(c)
        assert c.reason, c
        assert c.rule_results is not None and set(c.rule_results) == {"ran", "fired", "not_run", "no_files"}
    assert {"fail", "not-evaluated", "not-applicable"} <= set(by_status)
    vulnerable = next(c for c in report.controls if "DEP002" in c.rules)
    if "DEP002" not in vulnerable.rule_results["ran"]:  # no vulnerability database on this machine
        assert vulnerable.status == "not-evaluated" and vulnerable.reason.startswith("could not run: DEP002 (")
        assert vulnerable.rule_results["not_run"]["DEP002"] in vulnerable.reason
    encryption = next(c for c in report.controls if c.id == "164.312(a)(2)(iv)")
    assert encryption.rule_results["fired"].get("TF101") == 1 and "TF101" in encryption.rule_results["ran"]
    # JSON round trip keeps the reason and the rule results
    assert report_from_dict(data).controls == report.controls


def test_pass_means_every_rule_with_a_relevant_file_ran(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(UNENCRYPTED_RDS.replace("false", "true"))
    report = hms_policy.scan(tmp_path, policies="hipaa", cache=False)
    encryption = next(c for c in report.controls if c.id == "164.312(a)(2)(iv)")
    assert encryption.status == "pass" and "ran on relevant files and found nothing" in encryption.reason
    assert "TF101" in encryption.rule_results["ran"] and encryption.rule_results["no_files"]
    # the same rule disabled: the control cannot pass any more, and says so
    report = hms_policy.scan(tmp_path, policies="hipaa", cache=False, disable="TF101")
    encryption = next(c for c in report.controls if c.id == "164.312(a)(2)(iv)")
    assert encryption.status == "not-evaluated" and "TF101 (disabled" in encryption.reason


def test_a_category_run_and_preview_rules_say_why(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(UNENCRYPTED_RDS.replace("false", "true"))
    report = hms_policy.scan(tmp_path, policies="hipaa", cache=False, categories="secret")
    encryption = next(c for c in report.controls if c.id == "164.312(a)(2)(iv)")
    assert encryption.status == "not-evaluated" and "left out by --category" in encryption.reason


def test_a_partial_scan_evaluates_no_control(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(UNENCRYPTED_RDS.replace("false", "true"))
    report = hms_policy.scan(tmp_path / "main.tf", policies="hipaa", cache=False)
    assert {c.status for c in report.controls} <= {"fail", "not-evaluated"}
    assert all(c.reason.startswith("partial scan (1 file named explicitly)") for c in report.controls if c.status != "fail")


def test_not_applicable_in_the_schema_and_old_reports_still_validate(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing here\n")
    data = hms_policy.scan(tmp_path, policies="hipaa", cache=False).to_dict()
    assert "not-applicable" in {c["status"] for c in data["controls"]}
    assert schema_errors(data, "report.v1") == []
    old = json.loads(json.dumps(data))
    for c in old["controls"]:  # a report from before the extension
        c.pop("reason", None), c.pop("rule_results", None)
        c["status"] = "not-evaluated"
    old["target"].pop("git_root", None)
    assert schema_errors(old, "report.v1") == []
    bad = json.loads(json.dumps(data))
    bad["controls"][0]["status"] = "skipped"
    assert schema_errors(bad, "report.v1")


def test_controls_sort_naturally() -> None:
    ids = ["art44", "art5-1-f", "art5-1-c", "art9", "art32-1-d", "art32"]
    assert sorted(ids, key=natural_key) == ["art5-1-c", "art5-1-f", "art9", "art32", "art32-1-d", "art44"]
    hipaa = ["164.312(b)", "164.308(a)(7)", "164.308(a)(1)(ii)(B)", "164.316(b)(1)"]
    assert sorted(hipaa, key=natural_key) == ["164.308(a)(1)(ii)(B)", "164.308(a)(7)", "164.312(b)", "164.316(b)(1)"]
    report = hms_policy.scan(Path(__file__).parent / "data" / "golden", policies=["hipaa", "gdpr"], cache=False)
    assert list(report.controls) == sorted(report.controls, key=control_sort_key)
    gdpr = [c.id for c in report.controls if c.policy == "gdpr"]
    assert gdpr.index("art5-1-f") < gdpr.index("art44")


def test_library_scan_takes_one_path_and_renders_every_format(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(UNENCRYPTED_RDS)
    one = hms_policy.scan(str(tmp_path), cache=False)
    assert one.to_dict()["findings"] == hms_policy.scan(tmp_path, cache=False).to_dict()["findings"] == hms_policy.scan([tmp_path], cache=False).to_dict()["findings"]
    assert set(hms_policy.FORMATS) >= {"html", "json", "junit", "markdown", "sarif", "text"}
    for fmt in hms_policy.FORMATS:
        text = one.to(fmt)
        assert text and text == hms_policy.render(one, fmt)
    assert json.loads(one.to("json")) == json.loads(one.to_json())
    with pytest.raises(hms_policy.UsageError, match="unknown format 'pdf'"):
        one.to("pdf")


def test_html_matrix_lists_what_each_rule_did_not_every_mapped_id(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(UNENCRYPTED_RDS)
    (tmp_path / "requirements.txt").write_text("django==2.0.0\n")
    report = hms_policy.scan(tmp_path, policies="hipaa", cache=False)
    page = report.to("html")
    encryption = next(c for c in report.controls if c.id == "164.312(a)(2)(iv)")
    row = page.split(f"<b>{encryption.id}</b>")[1].split("</tr>")[0]
    assert "<b>Fired:</b> TF101 (1)" in row
    assert "had no relevant file" in row
    assert not any(f">{r}<" in row or f" {r}," in row for r in encryption.rule_results["no_files"])  # counted, not listed
    for c in report.controls:
        if c.status in ("not-evaluated", "not-applicable"):
            assert c.reason.replace('"', "&quot;").replace("'", "&#x27;") in page
    ids = page.split('id="matrix"')[1].split("</section>")[0]
    order = [c.id for c in report.controls]
    assert [i for i in order if f"<b>{i}</b>" in ids] == sorted(order, key=natural_key)


def test_markdown_and_text_give_the_reason_of_every_unjudged_control(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(UNENCRYPTED_RDS)
    report = hms_policy.scan(tmp_path, policies="hipaa", cache=False, categories="secret")
    unjudged = [c for c in report.controls if c.status == "not-evaluated"]
    assert unjudged
    markdown = report.to("markdown")
    assert f"Not evaluated ({len(unjudged)}): why" in markdown and "| Not applicable |" in markdown
    text = report.to("text")
    for c in unjudged:
        assert f"{c.policy}:{c.id} {c.title}: {c.reason}" in text
