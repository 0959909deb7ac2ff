"""One finding per secret: several secret rules on one secret merge, and the merged finding
still answers to every rule's suppressions and baseline entries."""

from __future__ import annotations

import json
from pathlib import Path

import hms_policy
from hms_policy.engine.baseline import Baseline, BaselineEntry, dumps

# Synthetic, not live.
PY_LINE = 'CLINIC_PASSWORD = "Wint3r-Ward-2031!"\n'


def scan(path: Path, **kwargs: object) -> hms_policy.Report:
    return hms_policy.scan([path], jobs=1, read_project_settings=False, cache=False, **kwargs)  # type: ignore[arg-type]


def test_keyword_and_bandit_on_one_secret_are_one_finding_listing_both(tmp_path: Path) -> None:
    (tmp_path / "settings.py").write_text(PY_LINE)
    findings = [f for f in scan(tmp_path, policies=["hipaa"]).findings if f.category.value == "secret"]
    assert len(findings) == 1
    merged = findings[0]
    others = set(merged.extra["also_rules"])
    assert {merged.rule_id, *others} == {"PY010", "SEC011"}
    assert set(merged.extra["also_fingerprints"]) == others


def test_two_different_secrets_on_one_line_stay_two_findings(tmp_path: Path) -> None:
    (tmp_path / "jobs.sh").write_text("sync postgres://etl:Tq8w4Zr4Lm2x@db/ehr --token ghp_sBS9UYJQTFjmsn9dLVIdVuddLEG62Hkd9Gf2\n")
    assert {f.rule_id for f in scan(tmp_path, policies=["hipaa"]).findings} == {"SEC101", "SEC006"}


def test_an_inline_suppression_of_the_merged_rule_suppresses_the_one_finding(tmp_path: Path) -> None:
    (tmp_path / "settings.py").write_text(PY_LINE)
    merged = next(f for f in scan(tmp_path, policies=["hipaa"]).findings if f.category.value == "secret")
    other = merged.extra["also_rules"][0]
    (tmp_path / "settings.py").write_text(f'# hms-policy: ignore-next-line[{other}] reason="dev container"\n' + PY_LINE)
    findings = [f for f in scan(tmp_path, policies=["hipaa"]).findings if f.category.value == "secret"]
    assert len(findings) == 1 and findings[0].suppressed


def test_a_baseline_entry_for_the_merged_rule_still_matches(tmp_path: Path) -> None:
    (tmp_path / "settings.py").write_text(PY_LINE)
    merged = next(f for f in scan(tmp_path, policies=["hipaa"]).findings if f.category.value == "secret")
    other = merged.extra["also_rules"][0]
    entry = BaselineEntry(merged.extra["also_fingerprints"][other], other, merged.path, "accepted")
    baseline = tmp_path.parent / "baseline.json"
    baseline.write_text(dumps(Baseline((entry,), "test")))
    report = scan(tmp_path, policies=["hipaa"], baseline=baseline)
    findings = [f for f in report.findings if f.category.value == "secret"]
    assert len(findings) == 1 and findings[0].suppressed and findings[0].suppression.kind == "baseline"
    assert not [e for e in report.errors if "stale baseline" in e.message]


def test_a_framework_secret_fallback_is_one_confident_sec107_finding(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "env_defaults.rb").write_text(
        'ENV["SECRET_KEY_BASE"] ||= "0bb2b3147f5e65ab009d53b8ae51064b4d6d71438901f2a1d55f64b6e8a6a627"\n'
    )
    findings = scan(tmp_path, policies=["hipaa"]).findings
    assert [(f.rule_id, str(f.severity)) for f in findings] == [("SEC107", "critical")]
    assert findings[0].confidence is not None and findings[0].confidence >= 0.9
    assert "SEC012" in findings[0].extra["also_rules"]
    assert "0bb2b31" not in json.dumps(findings[0].to_dict())


# Synthetic, not live.
DOCKERFILE = "FROM python:3.12-slim\nARG NPM_TOKEN\nENV DB_PASSWORD=Wint3r-Ward-2031 DB_HOST=db\nENV A_TOKEN=Tq8w4Zr4Lm2xQ7 B_SECRET=Zr4Lm2xTq8w4P3\nUSER 10001\n"


def test_a_dockerfile_credential_value_is_one_secret_finding_carrying_the_hardening_rule(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    found = {(f.line, f.rule_id, f.category.value, tuple(f.extra.get("also_rules", ()))) for f in scan(tmp_path, policies=["hipaa"]).findings if f.rule_id.startswith(("DKR005", "DKR007"))}
    assert found == {
        (2, "DKR005", "container-hardening", ()),  # no value: the practice only
        (3, "DKR007", "secret", ("DKR005",)),
        (4, "DKR007", "secret", ("DKR005",)),  # two credentials on one line: each keeps its twin
    }
    by_line = [f for f in scan(tmp_path, policies=["hipaa"]).findings if f.line == 4 and f.rule_id == "DKR007"]
    assert len(by_line) == 2 and all(f.extra.get("also_rules") == ["DKR005"] for f in by_line)


def test_without_the_secret_rule_the_hardening_finding_stands_alone(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    findings = scan(tmp_path, policies=["hipaa"], disable=["DKR007"]).findings
    assert {f.line for f in findings if f.rule_id == "DKR005"} == {2, 3, 4}
