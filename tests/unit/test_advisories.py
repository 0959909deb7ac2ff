"""What DEP002 says about a vulnerable pin: withdrawn advisories ignored, aliases merged into
one vulnerability, and the smallest upgrade that clears every advisory, through a small
OSV directory built here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import hms_policy
from hms_policy.deps.advice import merge_aliases
from hms_policy.deps.osv import Advisory, load_database, smallest_upgrade


def _record(id: str, ranges: list[list[dict[str, str]]], aliases: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "id": id,
        "modified": "2026-11-21T00:00:00Z",
        "aliases": aliases or [],
        "affected": [{"package": {"ecosystem": "PyPI", "name": "demo"}, "ranges": [{"type": "ECOSYSTEM", "events": e} for e in ranges]}],
        **extra,
    }


RECORDS = [
    # one flaw under three ids: a GHSA and a PYSEC that both name the CVE
    _record("GHSA-demo-0001-aaaa", [[{"introduced": "0"}, {"fixed": "1.3"}]], ["CVE-2099-0001"]),
    _record("PYSEC-2099-1", [[{"introduced": "0"}, {"fixed": "1.3"}]], ["CVE-2099-0001", "GHSA-demo-0001-aaaa"]),
    # fixed in 1.2, but a second range opens again at 1.3: "the highest first fix" (1.3) is affected
    _record("PYSEC-2099-2", [[{"introduced": "0"}, {"fixed": "1.2"}], [{"introduced": "1.3"}, {"fixed": "1.4"}]]),
    # withdrawn: never reported, never in the way of an upgrade
    _record("PYSEC-2099-3", [[{"introduced": "0"}, {"fixed": "9.0"}]], withdrawn="2026-01-01T00:00:00Z"),
    # a later flaw that does not touch 1.0 but does touch 2.0
    _record("PYSEC-2099-4", [[{"introduced": "2.0"}, {"fixed": "2.1"}]]),
]


@pytest.fixture()
def osv_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "osv" / "PyPI"
    folder.mkdir(parents=True)
    for record in RECORDS:
        (folder / f"{record['id']}.json").write_text(json.dumps(record))
    return tmp_path / "osv"


def test_aliases_merge_transitively() -> None:
    advisories = [
        Advisory("GHSA-x", ("CVE-1",), ("1.3",)),
        Advisory("PYSEC-1", ("GHSA-x",), ("1.3",)),
        Advisory("OSV-9", ("PYSEC-1",), ()),
        Advisory("PYSEC-2", (), ("1.2", "1.4")),
    ]
    merged = merge_aliases(advisories, "PyPI")
    assert [(v.id, v.advisories, v.fixed) for v in merged] == [
        ("CVE-1", ("GHSA-x", "OSV-9", "PYSEC-1"), ("1.3",)),
        ("PYSEC-2", ("PYSEC-2",), ("1.2", "1.4")),
    ]


def test_smallest_upgrade_checks_every_range(osv_dir: Path) -> None:
    db = load_database(osv_dir)
    reported = [a.id for a in db.advisories("PyPI", "demo", "1.0")]
    assert reported == ["GHSA-demo-0001-aaaa", "PYSEC-2099-1", "PYSEC-2099-2"]  # not the withdrawn one
    assert smallest_upgrade(db, "PyPI", "demo", "1.0", reported) == ("1.4", True)
    # from inside the later flaw: 2.1 clears it
    assert smallest_upgrade(db, "PyPI", "demo", "2.0", ["PYSEC-2099-4"]) == ("2.1", True)


def test_one_finding_per_pin_with_merged_ids_and_the_way_out(osv_dir: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "requirements.txt").write_text("demo==1.0\n")
    report = hms_policy.scan([project], jobs=1, vuln_db=osv_dir, read_project_settings=False, cache=False)
    (finding,) = [f for f in report.findings if f.rule_id == "DEP002"]
    assert "2 known vulnerabilities" in finding.message
    assert "CVE-2099-0001 (also GHSA-demo-0001-aaaa, PYSEC-2099-1)" in finding.message
    assert "upgrade to 1.4 or later" in finding.message
    assert "PYSEC-2099-3" not in json.dumps(finding.extra)
    extra = finding.extra
    assert extra["smallest_upgrade"] == "1.4" and extra["upgrade_clears_all_known"] is True
    assert extra["fixed_versions"] == ["1.2", "1.3"]
    assert [v["id"] for v in extra["vulnerabilities"]] == ["CVE-2099-0001", "PYSEC-2099-2"]
    assert {a["id"] for a in extra["advisories"]} == {"GHSA-demo-0001-aaaa", "PYSEC-2099-1", "PYSEC-2099-2"}


def test_every_lock_format_finds_its_pin_through_a_scan(tmp_path: Path) -> None:
    """The fixtures of tests/rules/DEP002/bad, scanned as a user would (no flag but --vuln-db)."""
    fixtures = Path(__file__).resolve().parents[1] / "rules" / "DEP002" / "bad"
    osv = Path(__file__).resolve().parents[1] / "data" / "osv"
    report = hms_policy.scan([fixtures], jobs=1, vuln_db=osv, read_project_settings=False, cache=False)
    paths = {f.path for f in report.findings if f.rule_id == "DEP002"}
    assert {"yarn.lock", "pnpm-lock.yaml", "gradle.lockfile", "go.mod", "Gemfile.lock", "composer.lock", "Cargo.lock", "packages.lock.json", "poetry.lock", "pom.xml"} <= paths
    ecosystems = {f.extra["ecosystem"] for f in report.findings if f.rule_id == "DEP002"}
    assert ecosystems == {"PyPI", "npm", "Maven", "Go", "RubyGems", "Packagist", "crates.io", "NuGet"}


def test_broken_lock_files_are_errors_not_crashes(tmp_path: Path) -> None:
    osv = Path(__file__).resolve().parents[1] / "data" / "osv"
    broken = {
        "yarn.lock": "{not yarn}",
        "pnpm-lock.yaml": "packages: [",
        "Cargo.lock": "[[package]\n",
        "composer.lock": "{\"packages\": ",
        "packages.lock.json": "[1, 2]",
        "Gemfile.lock": "\x00\x01 nonsense",
        "go.mod": "garbage\n",
        "gradle.lockfile": "one:two\n",
        "Pipfile.lock": "{\"default\": ",
        "poetry.lock": "[[package]\n",
        "uv.lock": "version = \n",
    }
    for name, text in broken.items():
        (tmp_path / name).write_text(text)
    report = hms_policy.scan([tmp_path], jobs=1, vuln_db=osv, read_project_settings=False, cache=False)
    reported = {e.path for e in report.errors}
    assert set(broken) - {"Gemfile.lock"} <= reported  # a NUL byte makes it binary: skipped with its own error
    (tmp_path / "pdm.lock").write_text("[[package]]\nname = 1\nversion = [2]\n")  # valid TOML, wrong shapes
    hms_policy.scan([tmp_path / "pdm.lock"], jobs=1, vuln_db=osv, read_project_settings=False, cache=False)
    assert not [f for f in report.findings if f.rule_id == "DEP002"]
