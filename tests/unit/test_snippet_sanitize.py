"""Snippets are safe by construction: a mask covers the whole token it touches, and every
line is sanitised for what any detector or risky shape marks on it, not only the span the
reporting rule gave."""

from __future__ import annotations

from pathlib import Path

import pytest

from hms_policy.engine.redact import MASK, build_snippet, redact_line
from hms_policy.engine.sanitize import sensitive_spans
from hms_policy.model import Redaction, TargetKind


def _sanitized(text: str, kind: TargetKind = TargetKind.TEXT, path: str = "x.txt") -> str:
    return build_snippet([(1, text)], (), None, lambda n, t: sensitive_spans(t, n, path, kind))


@pytest.mark.parametrize(
    "token",
    ["ghp_R7sK2mQ9vX4tL1pZ8wN3bY6cF0hJ5dG2aE7u", "glpat-Ab3dE6gH9jK2mN5pQ8sT", "sk_live_4eC39HqLyjWDarjtT1zdp7dc" * 3],
)
def test_a_mask_on_a_token_prefix_hides_the_whole_token(token: str) -> None:
    line = f'T = "{token}"'
    prefix_only = Redaction(1, 5, 8)  # what detect-secrets' capture group gave: the type prefix
    assert redact_line(line, [prefix_only]) == f'T = "{MASK}"'


def test_masked_tail_is_kept_when_two_masks_cover_one_value() -> None:
    line = "patient ssn=512-34-8891"
    twice = [Redaction(1, 12, 23, "us_ssn", 4), Redaction(1, 12, 23, "phi", 0)]
    assert redact_line(line, twice) == f"patient ssn={MASK}8891"  # the rule that knows the type sets the tail
    spill = [Redaction(1, 12, 23, "us_ssn", 4), Redaction(1, 20, 28, "value", 0)]
    assert "8891" not in redact_line(line + " x=1234", spill)  # a mask over the tail hides it


@pytest.mark.parametrize(
    ("line", "kind", "path", "hidden"),
    [
        ('INFO key=AKIAZ7QXBPLM4RTW2NVY GET /p?ssn=536221947 nhs=4010232137 patient_name="Adaeze Okafor"', TargetKind.LOG,
         "app.log", ["AKIAZ7QX", "536221947", "4010232137", "Adaeze", "Okafor"]),
        ('DB = "postgres://admin:Hunter2Hunter2@db:5432/x"  # ssn 536-22-1947', TargetKind.PYTHON, "a.py",
         ["Hunter2", "admin:", "536-22"]),
        ("PATIENT_EMAIL=adaeze.okafor@example.org API_TOKEN=Zq7XkP2mW9rT4vB8", TargetKind.TEXT, ".env",
         ["adaeze.okafor", "Zq7XkP2m"]),
        ('{"dob": "1984-03-17", "phone": "+1 312-867-5309", "aadhaar": "2341 2341 2346"}', TargetKind.TEXT, "p.json",
         ["1984-03-17", "867-5309", "2341 2341"]),
        ("curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.Qm9ndXNTaWduYXR1cmU5OTk'", TargetKind.TEXT,
         "run.sh", ["eyJzdWIi", "Qm9ndXNT"]),
    ],
)
def test_every_sensitive_span_on_a_line_is_masked(line: str, kind: TargetKind, path: str, hidden: list[str]) -> None:
    snippet = _sanitized(line, kind, path)
    assert not [h for h in hidden if h in snippet], snippet


@pytest.mark.parametrize(
    "line",
    ['resource "aws_db_instance" "patients" {', "  storage_encrypted = false", 'FROM python:3.12-slim@sha256:' + "ab12" * 16,
     "password = get_secret('db')"],
)
def test_ordinary_code_is_left_readable(line: str) -> None:
    assert _sanitized(line) == line.strip()


def test_a_long_line_is_bounded_and_never_cut_inside_a_token() -> None:
    line = "x " * 600 + "ghp_R7sK2mQ9vX4tL1pZ8wN3bY6cF0hJ5dG2aE7u"
    snippet = _sanitized(line)
    assert "R7sK" not in snippet and len(snippet) <= 200


def test_a_value_only_another_rule_knows_is_masked_too(tmp_path: Path) -> None:
    """Names in a CSV row are PHI only through the header: the PHI rule knows it, the line
    alone does not. The secret finding on that row masks them all the same."""
    import hms_policy

    (tmp_path / "patients.csv").write_text(
        "first_name,last_name,mrn,note\nAdaeze,Okafor,MRN88812345,token ghp_R7sK2mQ9vX4tL1pZ8wN3bY6cF0hJ5dG2aE7u\n"
    )
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    (secret,) = [f for f in report.findings if f.rule_id == "SEC006"]
    assert not [v for v in ("Adaeze", "Okafor", "MRN888", "R7sK2m") if v in secret.snippet], secret.snippet


def test_a_dollar_value_that_is_not_an_interpolation_is_masked() -> None:
    text = 'password=$ecret99 token=${TOKEN} pwd=$DB_PASSWORD'
    masked = redact_line(text, sensitive_spans(text, 1))
    assert "$ecret99" not in masked and "${TOKEN}" in masked and "$DB_PASSWORD" in masked


def test_fingerprints_do_not_depend_on_what_other_rules_mask(tmp_path: Path) -> None:
    # The identity of a finding without an entity comes from its own rule's masks, so turning
    # another rule off (or on) never moves a baseline's fingerprint.
    import hms_policy

    (tmp_path / "app.log").write_text("INFO login ssn=536-22-1947 key=AKIA" + "Z7QXBPLM4RTW2NVY phone=+44 7700 900123\n")
    full = hms_policy.scan(tmp_path, jobs=1, cache=False, read_project_settings=False)
    alone = hms_policy.scan(tmp_path, jobs=1, cache=False, read_project_settings=False, disable=["SEC001"])
    keep = {(f.rule_id, f.fingerprint) for f in alone.findings}
    assert keep and keep <= {(f.rule_id, f.fingerprint) for f in full.findings}
