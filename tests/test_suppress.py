"""Inline suppression directives: syntaxes, required reasons, expiry, block scope, unused
reports (META001 / META002), and that suppressed findings stay visible."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from hms_policy.api import scan
from hms_policy.engine.suppress import Audit, parse_directives, unused_directives
from hms_policy.model import Finding, Report

KEY_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCFAKEFAKEFAKEFAK\nFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEF\n"
PEM = f"-----BEGIN PRIVATE KEY-----\n{KEY_BODY}-----END PRIVATE KEY-----\n"


def run(root: Path) -> Report:
    return scan([root], read_project_settings=False, jobs=1, settings={"cache": False})


def by_rule(report: Report, rule_id: str) -> list[Finding]:
    return [f for f in report.findings if f.rule_id == rule_id]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("key.pem", "# hms-policy: ignore-next-line[SEC100] reason=\"RFC sample key\"\n" + PEM),
        ("key.js", "// hms-policy: ignore-next-line[SEC100] reason=\"RFC sample key\"\n" + PEM),
        ("key.c", "/* hms-policy: ignore-next-line[SEC100] reason=\"RFC sample key\" */\n" + PEM),
        ("key.sql", "-- hms-policy: ignore-next-line[SEC100] reason=\"RFC sample key\"\n" + PEM),
        ("key.md", "<!-- hms-policy: ignore-next-line[SEC100] reason=\"RFC sample key\" -->\n" + PEM),
    ],
)
def test_every_comment_syntax_suppresses_and_keeps_the_finding(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text)
    report = run(tmp_path)
    [finding] = by_rule(report, "SEC100")
    assert finding.suppressed and finding.suppression is not None
    assert (finding.suppression.kind, finding.suppression.reason) == ("inline", "RFC sample key")
    assert report.summary.suppressed == 1 and report.passed
    assert not by_rule(report, "META001") and not by_rule(report, "META002")


@pytest.mark.parametrize(
    "directive",
    [
        '# hms-policy: ignore-next-line reason="no ids"',
        "# hms-policy: ignore-next-line[SEC100]",
        '# hms-policy: ignore-next-line[SEC100] reason=""',
        '# hms-policy: ignore-next-line[SEC100] reason="ok" until=soon',
    ],
)
def test_a_directive_without_ids_or_reason_suppresses_nothing_and_is_a_finding(tmp_path: Path, directive: str) -> None:
    (tmp_path / "key.pem").write_text(directive + "\n" + PEM)
    report = run(tmp_path)
    [secret] = by_rule(report, "SEC100")
    assert not secret.suppressed
    [meta] = by_rule(report, "META001")
    assert meta.line == 1 and str(meta.severity) == "high" and not meta.suppressed
    assert "suppresses nothing" in meta.message
    assert not report.passed


def test_an_expired_directive_no_longer_suppresses_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "key.pem").write_text('# hms-policy: ignore-next-line[SEC100] reason="rotation pending" until=2020-01-31\n' + PEM)
    [finding] = by_rule(run(tmp_path), "SEC100")
    assert not finding.suppressed
    assert "expired on 2020-01-31" in finding.message
    assert finding.extra["suppression_expired"] == "2020-01-31"


def test_a_future_until_suppresses_and_is_reported(tmp_path: Path) -> None:
    (tmp_path / "key.pem").write_text('# hms-policy: ignore-next-line[SEC100] reason="rotation pending" until=2999-12-31\n' + PEM)
    [finding] = by_rule(run(tmp_path), "SEC100")
    assert finding.suppressed and finding.suppression is not None and finding.suppression.expires == "2999-12-31"
    assert finding.to_dict()["suppression"] == {"kind": "inline", "reason": "rotation pending", "expires": "2999-12-31"}


def test_a_directive_for_another_rule_does_not_suppress(tmp_path: Path) -> None:
    (tmp_path / "key.pem").write_text('# hms-policy: ignore-next-line[TF101] reason="wrong rule"\n' + PEM)
    report = run(tmp_path)
    assert not by_rule(report, "SEC100")[0].suppressed
    assert not by_rule(report, "META002")  # TF101 never runs on a .pem file: not judged


def test_unused_directive_is_reported_with_its_ids_and_code_masked(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_db_instance" "ok" {\n  storage_encrypted = true  # hms-policy: ignore[TF101] reason="was false once"\n}\n'
    )
    report = run(tmp_path)
    [meta] = by_rule(report, "META002")
    assert meta.line == 2 and str(meta.severity) == "info" and "TF101" in meta.message
    assert "storage_encrypted" not in meta.snippet and "hms-policy: ignore[TF101]" in meta.snippet
    assert report.passed  # info does not fail the default gate


def test_unused_is_not_judged_for_rules_that_did_not_run(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_db_instance" "ok" {\n  storage_encrypted = true  # hms-policy: ignore[TF101] reason="was false once"\n}\n'
    )
    report = scan([tmp_path], read_project_settings=False, jobs=1, disable=["TF101"], settings=None)
    assert not by_rule(report, "META002")


def test_terraform_block_directive_covers_the_whole_resource(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        "# hms-policy: ignore[TF101] reason=\"dev sandbox, no PHI\"\n"
        'resource "aws_db_instance" "above" {\n  engine = "postgres"\n  storage_encrypted = false\n}\n'
        'resource "aws_db_instance" "inside" {\n  # hms-policy: ignore[TF101] reason="sandbox"\n  engine = "postgres"\n\n  storage_encrypted = false\n}\n'
        'resource "aws_db_instance" "other" {\n  storage_encrypted = false\n}\n'
    )
    report = run(tmp_path)
    status = {f.entity: f.suppressed for f in by_rule(report, "TF101")}
    assert status == {"aws_db_instance.above": True, "aws_db_instance.inside": True, "aws_db_instance.other": False}
    assert not by_rule(report, "META002")


def test_kubernetes_object_directive_covers_its_containers(tmp_path: Path) -> None:
    (tmp_path / "deploy.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: agent\n"
        '  # hms-policy: ignore[K8S001] reason="node agent needs host access; reviewed SEC-7"\n'
        "spec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: agent:1.0\n"
        "          securityContext:\n            privileged: true\n"
        "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - name: web\n          image: web:1.0\n          securityContext:\n            privileged: true\n"
    )
    report = run(tmp_path)
    status = {f.entity.split("/")[-2] if f.entity else "": f.suppressed for f in by_rule(report, "K8S001")}
    assert status == {"agent": True, "web": False}


def test_a_directive_cannot_vouch_for_itself_but_another_can_cover_it() -> None:
    lines = [
        (1, '# hms-policy: ignore-next-line[META002] reason="kept for the generated twin file"'),
        (2, 'x = 1  # hms-policy: ignore[SEC100] reason="stale"'),
        (3, 'y = 2  # hms-policy: ignore[META002] reason="vouches for itself"'),
    ]
    directives = parse_directives(lines, "a.py")
    reports = unused_directives(directives, Audit(frozenset({"SEC100", "META002"}), ()))
    assert [(d.line, ids) for d, ids in reports] == [(2, ("SEC100",)), (3, ("META002",))]


def test_prose_code_spans_and_strings_are_not_directives() -> None:
    lines = list(
        enumerate(
            [
                "Write `# hms-policy: ignore[TF101]` in a comment.",
                'HELP = "hms-policy: ignore"',
                "# hms-policy: ignore[TF101] reason=x",
            ],
            1,
        )
    )
    assert [d.line for d in parse_directives(lines, "notes.md")] == []
    assert [d.line for d in parse_directives(lines, "tool.py")] == [3]


def test_parse_directive_fields() -> None:
    [d] = parse_directives([(7, "  acl = 1  # hms-policy: ignore[tf102, SEC100] reason='public site' until=2027-06-30")], "main.tf")
    assert d.rule_ids == ("TF102", "SEC100") and d.reason == "public site"
    assert d.until == _dt.date(2027, 6, 30) and d.covers == (7,) and d.valid
    [standalone] = parse_directives([(3, "    # hms-policy: ignore[TF102] reason=x")], "main.tf")
    assert standalone.covers == (3, 4)


def test_config_ignores_suppress_by_rule_and_path_and_expire(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from hms_policy.cli import main

    (tmp_path / "sandbox").mkdir()
    (tmp_path / "sandbox" / "dev.pem").write_text(PEM)
    (tmp_path / "prod.pem").write_text(PEM)
    (tmp_path / "old.pem").write_text(PEM)
    (tmp_path / ".hms-policy.yaml").write_text(
        "ignore:\n"
        '  - {rule: SEC100, paths: ["sandbox/**"], reason: "throwaway keys for the dev sandbox"}\n'
        '  - {rule: SEC100, paths: ["old.pem"], reason: "rotation pending", until: "2020-01-31"}\n'
    )
    assert main(["scan", str(tmp_path), "--no-cache", "--format", "json"]) == 1
    import json

    findings = {f["path"]: f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule_id"] == "SEC100"}
    assert findings["sandbox/dev.pem"]["suppression"] == {"kind": "config", "reason": "throwaway keys for the dev sandbox"}
    assert not findings["prod.pem"]["suppressed"]
    assert not findings["old.pem"]["suppressed"] and "expired on 2020-01-31" in findings["old.pem"]["message"]
    (tmp_path / ".hms-policy.yaml").write_text('ignore:\n  - {rule: SEC100, reason: "x", until: "soon"}\n')
    assert main(["scan", str(tmp_path), "--no-cache"]) == 2
    assert "not a YYYY-MM-DD date" in capsys.readouterr().err
