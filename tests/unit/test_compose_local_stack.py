"""DC002 on a developer's local stack is capped at medium; a deployment compose stays high."""

from __future__ import annotations

from pathlib import Path

import pytest

import hms_policy

_DB = 'services:\n  db:\n    image: postgres:16.3\n    ports:\n      - "5432:5432"\n'


def _dc002(tmp_path: Path, text: str) -> list[tuple[str, str | None]]:
    (tmp_path / "docker-compose.yml").write_text(text)
    report = hms_policy.scan([tmp_path], jobs=1, cache=False, read_project_settings=False)
    return [(str(f.severity), f.extra.get("local_stack")) for f in report.findings if f.rule_id == "DC002"]


def test_a_deployment_compose_keeps_its_severity(tmp_path: Path) -> None:
    text = _DB + '  api:\n    image: registry.example.org/ehr-api:2.4.1\n    volumes:\n      - uploads:/data\nvolumes:\n  uploads:\n'
    assert _dc002(tmp_path, text) == [("high", None)]


@pytest.mark.parametrize(
    "extra",
    [
        "  api:\n    build: .\n",
        "  api:\n    image: ehr-api:2.4.1\n    volumes:\n      - .:/app\n",
        "  s3:\n    image: localstack/localstack:3.4\n",
        "  cache:\n    image: ghcr.io/example/ehr-cache:${TAG:-develop}\n",
    ],
)
def test_local_stack_evidence_caps_at_medium(tmp_path: Path, extra: str) -> None:
    [(severity, why)] = _dc002(tmp_path, _DB + extra)
    assert severity == "medium" and why


def test_a_comment_saying_development_counts(tmp_path: Path) -> None:
    [(severity, why)] = _dc002(tmp_path, "# Compose file for local development only\n" + _DB)
    assert severity == "medium" and "comment" in str(why)
