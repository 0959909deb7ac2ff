"""The secret engine inside a scan: nothing raw leaves it, fingerprints carry no value, test
paths lower the severity, detect-secrets' allowlist pragma is visible, no network, and no
line detect-secrets itself finds on the fixtures is lost."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hms_policy
from hms_policy.adapters.detect_secrets import _may_pass_entropy, _scanner, is_indirect_reference
from hms_policy.model import Severity
from hms_policy.report.formats import FORMATS, render
from hms_policy.targets.kinds import classify

FIXTURES = Path(__file__).resolve().parents[1] / "rules"
SECRET_DIRS = sorted(d for d in FIXTURES.glob("SEC*") if d.is_dir())
# Synthetic values; none is live.
DB_LINE = 'DB = "postgresql://ehr_app:{}@db.ehr.internal:5432/ehr"\n'


def secret_values(directory: Path) -> set[str]:
    """Every value the engine masks in a fixture folder's files."""
    values = set()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        data = path.read_bytes()
        lines = data.decode("utf-8").splitlines()
        for hit in _scanner().scan(str(path), lines, classify(str(path), data[:8192])):
            values.add(lines[hit.line - 1][hit.start : hit.end])
    return {v for v in values if len(v) >= 6}


def scan(path: Path, **kwargs: object) -> hms_policy.Report:
    return hms_policy.scan([path], jobs=1, read_project_settings=False, cache=False, **kwargs)  # type: ignore[arg-type]


def test_no_secret_value_reaches_any_output_format() -> None:
    values = set().union(*(secret_values(d) for d in SECRET_DIRS))
    assert len(values) > 40
    report = scan(FIXTURES.parent / "rules", policies=["hipaa"], preview=True)
    secret_findings = [f for f in report.findings if f.rule_id.startswith("SEC")]
    assert len(secret_findings) > 40
    for name in FORMATS:
        output = render(report, name)
        leaked = sorted(v for v in values if v in output)
        assert not leaked, f"--format {name} shows {leaked[:3]}"


def test_fingerprints_do_not_depend_on_the_secret_value(tmp_path: Path) -> None:
    for name, password in (("a", "Tq8w4Zr4Lm2x"), ("b", "Hk3mZ8qP1vRt")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "app.py").write_text(DB_LINE.format(password))
    one, two = (scan(tmp_path / n, policies=["hipaa"]) for n in ("a", "b"))
    assert [f.rule_id for f in one.findings] == ["SEC101"]
    assert one.findings[0].fingerprint == two.findings[0].fingerprint
    assert one.findings[0].snippet == 'DB = "postgresql:********@db.ehr.internal:5432/ehr"'  # the whole userinfo


def test_a_secret_in_a_test_fixture_is_reported_at_lower_severity_or_not_judged(tmp_path: Path) -> None:
    """A provider token in a test is reported at low (it works wherever it leaks); a database
    URL there points at the test's own database and is not judged, which the report says."""
    for folder in ("src", "tests/fixtures"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "db.py").write_text(DB_LINE.format("Tq8w4Zr4Lm2x"))
        (tmp_path / folder / "sync.sh").write_text("gh api --token ghp_sBS9UYJQTFjmsn9dLVIdVuddLEG62Hkd9Gf2\n")
    report = scan(tmp_path, policies=["hipaa"])
    severities = {(f.rule_id, f.path): f.severity for f in report.findings if f.rule_id in ("SEC101", "SEC006")}
    assert severities == {
        ("SEC101", "src/db.py"): Severity.CRITICAL,
        ("SEC006", "src/sync.sh"): Severity.CRITICAL,
        ("SEC006", "tests/fixtures/sync.sh"): Severity.LOW,
    }
    assert "SEC101" in report.target.roles["not_judged"]["test"]


def test_every_secret_on_a_line_is_masked_in_every_finding_on_it(tmp_path: Path) -> None:
    (tmp_path / "jobs.sh").write_text(
        "sync postgres://etl:Tq8w4Zr4Lm2x@db/ehr --token ghp_sBS9UYJQTFjmsn9dLVIdVuddLEG62Hkd9Gf2\n"
    )
    report = scan(tmp_path, policies=["hipaa"])
    assert {f.rule_id for f in report.findings} == {"SEC101", "SEC006"}
    for finding in report.findings:
        assert "Tq8w4Zr4Lm2x" not in finding.snippet and "ghp_sBS9" not in finding.snippet


def test_detect_secrets_allowlist_pragma_is_a_visible_suppression(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(DB_LINE.format("Tq8w4Zr4Lm2x").rstrip() + "  # pragma: allowlist secret\n")
    report = scan(tmp_path, policies=["hipaa"])
    (finding,) = report.findings
    assert finding.suppressed and finding.suppression is not None and finding.suppression.kind == "nosec"
    assert report.passed


def test_no_secret_is_ever_verified_over_the_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from detect_secrets.plugins.base import BasePlugin
    from detect_secrets.settings import get_settings, transient_settings

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a plugin tried to verify a secret")

    monkeypatch.setattr(BasePlugin, "verify", no_network)
    (tmp_path / "keys.py").write_text('AWS_ACCESS_KEY_ID = "AKIAHBRPOIG8F1CBFNO6"\n')
    verify = "detect_secrets.filters.common.is_ignored_due_to_verification_policies"
    with transient_settings({"filters_used": [{"path": verify, "min_level": 2}]}):
        report = scan(tmp_path, policies=["hipaa"])
        assert verify in get_settings().filters  # the embedding code's settings are put back
    assert [f.rule_id for f in report.findings] == ["SEC001"] and not report.errors


def test_streamed_and_compressed_logs_are_scanned(tmp_path: Path) -> None:
    lines = [f"2031-01-01T00:00:{n:02d} INFO request ok" for n in range(50)]
    lines[30] = "2031-01-01T00:00:30 DEBUG connecting to postgres://ehr_app:Tq8w4Zr4Lm2x@db/ehr"
    (tmp_path / "app.log.gz").write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    report = scan(tmp_path, policies=["hipaa"])
    assert [(f.rule_id, f.line) for f in report.findings if f.rule_id.startswith("SEC")] == [("SEC101", 31)]


_JWK_MEMBER_LINE = re.compile(r"""^\s*["']?(?:n|e|d|p|q|dp|dq|qi|x|y|k|kid)["']?\s*:""")


def test_no_line_detect_secrets_finds_in_a_bad_fixture_is_lost() -> None:
    """Recall against detect-secrets' own scan of the same files, in the same run."""
    from detect_secrets.core.scan import scan_file
    from detect_secrets.settings import default_settings

    missed, dropped = [], 0
    with default_settings():
        for directory in SECRET_DIRS:
            for path in sorted(p for p in directory.rglob("*") if p.is_file() and p.name != "expected.yaml"):
                theirs = {s.line_number for s in scan_file(str(path))}
                data = path.read_bytes()
                lines = data.decode().splitlines()
                hits = _scanner().scan(str(path), lines, classify(str(path), data[:8192]))
                ours = {h.line for h in hits}
                lost = theirs - ours
                if any(h.secret_type == "Private Key Material" for h in hits):
                    # a JSON Web Key is one finding (its private exponent), not one per member
                    lost = {n for n in lost if not _JWK_MEMBER_LINE.match(lines[n - 1])}
                is_good = any(part.startswith("good") for part in path.relative_to(directory).parts)
                if is_good:
                    dropped += len(lost)
                else:
                    missed.extend(f"{path.relative_to(FIXTURES)}:{n}" for n in sorted(lost))
    assert not missed
    assert dropped >= 25  # detect-secrets' false positives on the hard negatives


LINE_PARTS = st.lists(
    st.one_of(st.sampled_from(["=", "==", "!=", ":", ":=", "(", ")", "[", "]", " ", "\t", '"', "'", ".", "-", "_", "get_secret", "x"]),
              st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEF0123456789+/=_-", min_size=1, max_size=40)),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(parts=LINE_PARTS)
def test_fast_indirect_reference_check_agrees_with_detect_secrets(parts: list[str]) -> None:
    from detect_secrets.filters.heuristic import is_indirect_reference as theirs

    line = "".join(parts)
    assert is_indirect_reference(line) == theirs(line)


@settings(max_examples=300, deadline=None)
@given(parts=LINE_PARTS)
def test_entropy_gate_never_skips_a_line_the_entropy_plugins_report(parts: list[str]) -> None:
    line = "".join(parts)
    for secret_type in ("Base64 High Entropy String", "Hex High Entropy String"):
        plugin = _scanner().plugins[secret_type]
        if plugin.analyze_line(filename="a.py", line=line, line_number=1):
            assert _may_pass_entropy(plugin, line)
