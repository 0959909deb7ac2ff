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
