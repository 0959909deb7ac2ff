"""Every output format renders from the same Report and is checked against its consumer's
rules: the report schema (json), the official SARIF 2.1.0 schema, an XML parse (junit),
an HTML parse (html), and escaping of hostile values everywhere."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import hms_policy
from hms_policy.catalog.rules import schema_errors
from hms_policy.model import (
    Category,
    ControlResult,
    Finding,
    PolicyRef,
    Report,
    RuleInfo,
    ScanError,
    Severity,
    Summary,
    Suppression,
    TargetInfo,
)
from hms_policy.report.formats import FORMATS, render

TESTS = Path(__file__).resolve().parent
DEMO = TESTS.parent / "examples" / "hms-demo"
SARIF_SCHEMA = TESTS / "data" / "sarif-schema-2.1.0.json"
HOSTILE = '<script>alert("x")</script> | `tick` & <img src=http://evil.test/x.png>'
DIGEST = "sha256:" + "ab" * 32


@pytest.fixture(scope="module")
def demo_report() -> Report:
    return hms_policy.scan([DEMO], read_project_settings=False, jobs=1)


def _finding(**kw: Any) -> Finding:
    base: dict[str, Any] = dict(
        fingerprint="f" * 32, rule_id="TF101", rule_name="rds-storage-unencrypted", category=Category.UNENCRYPTED_STORAGE,
        severity=Severity.HIGH, path="infra/main.tf", line=10, end_line=12, message="aws_db_instance.x is unencrypted",
        snippet="storage_encrypted = false", controls=("hipaa:164.312(a)(2)(iv)",),
    )
    base.update(kw)
    return Finding(**base)


@pytest.fixture(scope="module")
def hostile_report() -> Report:
    """Values a scanned repository controls (paths, snippets, entity names) and a few the
    renderers must survive: markup, pipes, backticks, control characters, suppression."""
    findings = (
        _finding(path=f"dir with space/{HOSTILE}.tf", message=f"bad {HOSTILE}", snippet=f"x = \"{HOSTILE}\"\x07\x1b[31m", entity=HOSTILE,
                 confidence=0.75, unresolved=True, extra={"note": HOSTILE}),
        _finding(fingerprint="e" * 32, rule_id="SEC100", rule_name="private-key-committed", category=Category.SECRET,
                 severity=Severity.CRITICAL, path="keys/k.pem", line=1, end_line=1, message="A private key is committed",
                 snippet="-----BEGIN RSA PRIVATE KEY-----\n********", controls=("hipaa:164.312(d)", "gdpr:art32")),
        _finding(fingerprint="d" * 32, rule_id="LOG001", rule_name="ssn-in-log", category=Category.PHI_EXPOSURE,
                 severity=Severity.LOW, path="logs/a.log", line=3, end_line=3, message="SSN in log", snippet="ssn=****1234",
                 controls=("hipaa:164.312(b)",), suppressed=True, suppression=Suppression("baseline", f"accepted {HOSTILE}")),
    )
    controls = (
        ControlResult("gdpr", "art32", "Security of processing", "fail", 1, "Art. 32", ("SEC100",)),
        ControlResult("gdpr", "art44", "Transfers", "not-evaluated", 0, "Art. 44-49", ()),
        ControlResult("hipaa", "164.312(a)(2)(iv)", f"Encryption {HOSTILE}", "fail", 1, "45 CFR 164.312(a)(2)(iv)", ("TF101",)),
        ControlResult("hipaa", "164.312(b)", "Audit controls", "pass", 0, "45 CFR 164.312(b)", ("LOG001",), suppressed=1),
        ControlResult("hipaa", "164.312(d)", "Authentication", "fail", 1, "45 CFR 164.312(d)", ("SEC100",)),
    )
    return Report(
        schema_version="1",
        tool={"name": "hms-policy", "version": "0.1.0"},
        target=TargetInfo("/srv/repo", None, 3, 300, DIGEST, name=f"repo {HOSTILE}",
                          selection={"mode": "paths", "paths": ["."], "exclude": [], "use_gitignore": True, "max_file_bytes": 1000}),
        policies=(PolicyRef("gdpr", "2026.11", DIGEST, "GDPR"), PolicyRef("hipaa", "2026.11", DIGEST, f"HIPAA {HOSTILE}")),
        findings=findings,
        controls=controls,
        errors=(ScanError(f"bin/{HOSTILE}", "binary file: contents not scanned", "binary"),),
        summary=Summary(2, 1, {"critical": 1, "high": 1, "medium": 0, "low": 0, "info": 0}, {"secret": 1, "unencrypted-storage": 1}, "fail", "high"),
        generated_at="2026-01-01T00:00:00Z",
        rules=(
            RuleInfo("LOG001", "ssn-in-log", "SSN in logs", Category.PHI_EXPOSURE, Severity.HIGH, "what", "mask it", ("https://example.org/a",)),
            RuleInfo("SEC100", "private-key-committed", "Private key", Category.SECRET, Severity.CRITICAL, "what", "rotate", ("javascript:alert(1)",)),
            RuleInfo("TF101", "rds-storage-unencrypted", "RDS unencrypted", Category.UNENCRYPTED_STORAGE, Severity.HIGH, HOSTILE, "encrypt", ()),
        ),
    )


@pytest.fixture(params=["demo", "hostile"])
def report(request: pytest.FixtureRequest, demo_report: Report, hostile_report: Report) -> Report:
    return demo_report if request.param == "demo" else hostile_report


def test_every_format_is_registered() -> None:
    assert set(FORMATS) == {"json", "sarif", "junit", "markdown", "html", "text", "cyclonedx"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_deterministically(report: Report, fmt: str) -> None:
    first = render(report, fmt)
    assert first and first == render(report, fmt)


def test_json_matches_the_report_schema(report: Report) -> None:
    data = json.loads(render(report, "json"))
    assert schema_errors(data, "report.v1") == []
    assert data == report.to_dict()


def test_report_schema_requires_the_contract_fields(demo_report: Report) -> None:
    data = demo_report.to_dict()
    for field in ("schema_version", "tool", "target", "policies", "findings", "controls", "errors", "summary"):
        broken = {k: v for k, v in data.items() if k != field}
        assert any(field in e for e in schema_errors(broken, "report.v1")), field
    assert schema_errors({**data, "unexpected": 1}, "report.v1")
    finding = {k: v for k, v in data["findings"][0].items() if k != "fingerprint"}
    assert schema_errors({**data, "findings": [finding]}, "report.v1")


# SARIF -------------------------------------------------------------------------------


def _sarif_validator() -> Any:
    from jsonschema import Draft4Validator

    return Draft4Validator(json.loads(SARIF_SCHEMA.read_text()))


def test_sarif_validates_against_the_official_schema(report: Report) -> None:
    sarif = json.loads(render(report, "sarif"))
    errors = sorted(_sarif_validator().iter_errors(sarif), key=lambda e: e.json_path)
    assert not errors, [f"{e.json_path}: {e.message}" for e in errors[:5]]
    assert sarif["version"] == "2.1.0"


def test_sarif_rules_results_and_fingerprints(hostile_report: Report) -> None:
    run = json.loads(render(hostile_report, "sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["LOG001", "SEC100", "TF101"]
    by_id = {r["id"]: r for r in rules}
    assert by_id["SEC100"]["properties"]["security-severity"] == "10.0"
    assert by_id["TF101"]["properties"]["security-severity"] == "8.9"
    assert "rotate" in by_id["SEC100"]["help"]["text"] and by_id["SEC100"]["help"]["markdown"]
    assert "helpUri" not in by_id["SEC100"]  # only http(s) references become links
    assert by_id["LOG001"]["helpUri"] == "https://example.org/a"
    assert set(by_id["SEC100"]["properties"]["tags"]) == {"secret", "hipaa:164.312(d)", "gdpr:art32"}
    results = run["results"]
    assert [r["level"] for r in results] == ["error", "error", "note"]  # high, critical, low
    for result, finding in zip(results, hostile_report.findings, strict=True):
        assert result["partialFingerprints"] == {"hmsPolicy/v1": finding.fingerprint}
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert location["region"]["startLine"] == finding.line
    assert " " not in results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]  # percent-encoded
    assert results[2]["suppressions"][0]["kind"] == "external" and "accepted" in results[2]["suppressions"][0]["justification"]
    assert "suppressions" not in results[0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///srv/repo/"
    assert run["invocations"][0]["toolExecutionNotifications"][0]["descriptor"]["id"] == "binary"


def test_sarif_levels_follow_severity(demo_report: Report) -> None:
    results = json.loads(render(demo_report, "sarif"))["runs"][0]["results"]
    expected = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
    assert results and all(r["level"] == expected[r["properties"]["severity"]] for r in results)


# JUnit -------------------------------------------------------------------------------


def test_junit_has_a_testcase_per_control(report: Report) -> None:
    root = ET.fromstring(render(report, "junit").encode("utf-8"))
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == len(report.controls)
    assert int(root.get("tests", "-1")) == len(report.controls)
    assert int(root.get("failures", "-1")) == sum(c.status == "fail" for c in report.controls) == len(root.findall(".//failure"))
    skipped = sum(c.status in ("not-evaluated", "not-applicable") for c in report.controls)
    assert int(root.get("skipped", "-1")) == skipped == len(root.findall(".//skipped"))
    assert all(s.get("message", "").startswith(("not evaluated: ", "not applicable: ")) for s in root.findall(".//skipped"))
    assert [s.get("name", "").split()[0] for s in root.findall("testsuite")] == [p.id for p in report.policies]


def test_junit_failures_carry_their_findings(hostile_report: Report) -> None:
    root = ET.fromstring(render(hostile_report, "junit").encode("utf-8"))
    cases = {c.get("name", "").split()[0]: c for c in root.iter("testcase")}
    failure = cases["164.312(d)"].find("failure")
    assert failure is not None and "keys/k.pem:1" in (failure.text or "") and "SEC100" in (failure.text or "")
    audit = cases["164.312(b)"]
    assert audit.find("failure") is None and "suppressed" in (audit.findtext("system-out") or "").lower()
    assert cases["art44"].find("skipped") is not None
    assert "\x07" not in ET.tostring(root, encoding="unicode")


def test_junit_reads_with_junitparser(demo_report: Report, tmp_path: Path) -> None:
    junitparser = pytest.importorskip("junitparser")
    path = tmp_path / "junit.xml"
    path.write_text(render(demo_report, "junit"), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(path))
    cases = [case for suite in xml for case in suite]
    assert len(cases) == len(demo_report.controls)
    failed = [c for c in cases if c.result and isinstance(c.result[0], junitparser.Failure)]
    assert len(failed) == sum(c.status == "fail" for c in demo_report.controls)


# Markdown ----------------------------------------------------------------------------


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_is_compact_and_escaped(hostile_report: Report, demo_report: Report) -> None:
    text = render(hostile_report, "markdown")
    assert text.startswith("### hms-policy: ") and "FAIL" in text.splitlines()[0]
    # inside code spans markup is literal text; everywhere else it must be escaped
    outside_code = re.sub(r"(`+)(.+?)\1", "", text)
    assert "<script>" not in outside_code and "<img" not in outside_code
    assert "&lt;script&gt;" in outside_code
    for line in text.splitlines():
        if line.startswith("|"):
            header_cells = 6 if line.startswith("| Pack") or re.match(r"^\| (gdpr|hipaa) \|", line) else None
            if header_cells:
                assert _unescaped_pipes(line) == header_cells + 1, line
    rows = [line for line in text.splitlines() if line.startswith("| ") and ("high" in line or "critical" in line)]
    assert rows and all(_unescaped_pipes(r) == 5 for r in rows), rows
    demo = render(demo_report, "markdown")
    assert len(demo.encode()) < 16_000 and f"Findings ({demo_report.summary.findings})" in demo


# HTML --------------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.section_rows: dict[str, int] = {}
        self.section: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "section":
            self.section = attributes.get("id")
        if tag == "tr" and self.section and "row-" in (attributes.get("class") or ""):
            self.section_rows[self.section] = self.section_rows.get(self.section, 0) + 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse_html(text: str) -> _Collector:
    parser = _Collector()
    parser.feed(text)
    parser.close()
    return parser


def test_html_is_self_contained_and_structured(report: Report) -> None:
    page = render(report, "html", signature="verified: Ed25519 key 0123456789abcdef")
    parsed = _parse_html(page)
    tags = [t for t, _ in parsed.tags]
    assert page.startswith("<!DOCTYPE html>") and tags.count("html") == 1 and tags.count("style") == 1
    for tag, attrs in parsed.tags:
        assert tag not in ("script", "link", "iframe", "object", "embed", "img", "base"), tag
        assert "src" not in attrs and "srcset" not in attrs
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if tag == "a":
            href = attrs.get("href") or ""
            assert href.startswith(("#", "https://", "http://")), href
    csp = [a for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0].get("content") or "")
    assert not re.search(r"@import|url\(", page)
    assert parsed.section_rows.get("matrix") == len(report.controls)
    ids = {a.get("id") for _, a in parsed.tags}
    for _, attrs in parsed.tags:
        href = attrs.get("href") or ""
        if href.startswith("#"):
            assert href[1:] in ids, href
    text = " ".join(parsed.text)
    assert report.target.digest in text
    assert all(p.version in text for p in report.policies)
    assert "verified: Ed25519 key 0123456789abcdef" in text


def test_html_escapes_everything(hostile_report: Report) -> None:
    page = render(hostile_report, "html")
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "javascript:" not in page.split("<body>")[1].split("Rules and remediation")[0]
    assert 'href="javascript:' not in page
    text = " ".join(_parse_html(page).text)
    assert HOSTILE in text  # shown to the reader as text, not interpreted
    assert "not signed" in text


def test_html_groups_findings_by_control_with_file_and_line(demo_report: Report) -> None:
    page = render(demo_report, "html")
    findings_part = page.split('id="findings"')[1]
    for finding in demo_report.findings:
        assert f"{finding.path}:{finding.line}" in findings_part


# Text --------------------------------------------------------------------------------


def test_text_groups_by_file_and_colours_only_when_asked(demo_report: Report) -> None:
    plain = render(demo_report, "text")
    assert "\x1b[" not in plain
    coloured = render(demo_report, "text", color=True)
    assert "\x1b[" in coloured
    lines = plain.splitlines()
    assert lines[-1].startswith(f"FAIL: {demo_report.summary.findings} findings")
    for path in {f.path for f in demo_report.findings}:
        assert lines.count(path) == 1, path  # one heading per file, its findings below it
