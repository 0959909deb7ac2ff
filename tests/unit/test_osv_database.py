"""The local OSV database: layouts, OSV range rules, manifests, and the dependency rule's
behaviour when no vulnerability source can answer (never a silent pass)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

import hms_policy
from hms_policy.deps.manifests import ManifestError, read_manifest
from hms_policy.deps.osv import OsvDatabase, load_database
from hms_policy.deps.sources import LocalSource, OnlineSource, SourceUnavailable, open_source

OSV = Path(__file__).resolve().parents[1] / "data" / "osv"


def _ids(db: OsvDatabase, eco: str, name: str, version: str) -> list[str]:
    return [a.id for a in db.advisories(eco, name, version)]


@pytest.fixture(scope="module")
def db() -> OsvDatabase:
    return load_database(OSV)


def test_directory_layout_indexes_every_ecosystem(db: OsvDatabase) -> None:
    assert db.covers("PyPI") and db.covers("npm") and db.covers("Maven")
    assert db.skipped == 0


def test_zip_layout_reads_the_same_records(tmp_path: Path, db: OsvDatabase) -> None:
    archive = tmp_path / "PyPI.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for record in (OSV / "PyPI").glob("*.json"):
            zf.write(record, record.name)
    from_zip = load_database(archive)
    assert from_zip.ecosystems == {"PyPI": 6}  # the withdrawn record is not indexed
    assert _ids(from_zip, "PyPI", "requests", "2.19.0") == _ids(db, "PyPI", "requests", "2.19.0")


def test_pypi_ranges_and_names(db: OsvDatabase) -> None:
    assert _ids(db, "PyPI", "requests", "2.19.0") == ["PYSEC-2018-28", "PYSEC-2023-74"]
    assert _ids(db, "PyPI", "Requests", "2.20.0") == ["PYSEC-2023-74"]  # PEP 503 names
    assert _ids(db, "PyPI", "requests", "2.31.0") == []
    assert _ids(db, "PyPI", "requests", "2.2.1") == ["PYSEC-2018-28"]  # before 2.3.0 was introduced
    # flask: one range with two intervals (0..2.2.5, 2.3.0..2.3.2)
    assert _ids(db, "PyPI", "flask", "2.2.4") == ["PYSEC-2023-62"]
    assert _ids(db, "PyPI", "flask", "2.2.5") == []
    assert _ids(db, "PyPI", "flask", "2.3.1") == ["PYSEC-2023-62"]
    fixes = {a.id: a.fixed for a in db.advisories("PyPI", "flask", "2.3.1")}
    assert fixes == {"PYSEC-2023-62": ("2.3.2",)}


def test_last_affected_and_withdrawn(db: OsvDatabase) -> None:
    assert _ids(db, "PyPI", "py", "1.11.0") == ["PYSEC-2022-42969"]
    assert db.advisories("PyPI", "py", "1.11.0")[0].fixed == ()
    assert _ids(db, "PyPI", "py", "1.11.1") == []
    assert _ids(db, "PyPI", "arrayfire", "3.5.0") == []  # withdrawn


def test_aliases_are_kept(db: OsvDatabase) -> None:
    advisory = db.advisories("PyPI", "pyyaml", "5.3.1")[0]
    assert advisory.id == "PYSEC-2021-142"
    assert "CVE-2020-14343" in advisory.aliases


def test_npm_semver_and_maven_ordering(db: OsvDatabase) -> None:
    assert _ids(db, "npm", "lodash", "4.17.20") == ["GHSA-35jh-r3h4-6jhm"]
    assert _ids(db, "npm", "lodash", "4.17.21") == []
    assert _ids(db, "npm", "express", "5.0.0-beta.1") == ["GHSA-rv95-896h-c2vc"]
    assert _ids(db, "npm", "express", "5.0.0-beta.3") == []
    assert _ids(db, "Maven", "org.apache.logging.log4j:log4j-core", "2.16.0") == ["GHSA-p6xc-xr62-6r2g"]
    assert _ids(db, "Maven", "org.apache.logging.log4j:log4j-core", "2.17.1") == []
    assert _ids(db, "Maven", "org.springframework:spring-core", "5.0.4") == ["GHSA-4487-x383-qpph"]
    assert _ids(db, "Maven", "org.springframework:spring-core", "5.0.0.RC1") == []  # before 5.0.0 was introduced


def test_broken_records_are_counted_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "ok.json").write_text((OSV / "PyPI" / "PYSEC-2018-28.json").read_text())
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "list.json").write_text("[]")
    db = load_database(tmp_path)
    assert db.skipped == 2 and db.covers("PyPI")


def test_open_source_settings(tmp_path: Path) -> None:
    with pytest.raises(SourceUnavailable, match="no vulnerability database"):
        open_source(None)
    with pytest.raises(SourceUnavailable, match="not found"):
        open_source(str(tmp_path / "missing"))
    assert isinstance(open_source(str(OSV)), LocalSource)
    assert isinstance(open_source("online"), OnlineSource)


def test_online_source_unreachable_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing reaches the network here: both clients are replaced by failing fakes."""
    import urllib.error
    import urllib.request

    from hms_policy.adapters import pip_audit as adapter
    from hms_policy.deps.manifests import Dependency

    class Offline:
        def query(self, spec):  # noqa: ANN001, ANN201 - pip-audit's VulnerabilityService shape
            from pip_audit._service.interface import ConnectionError as PipAuditConnectionError

            raise PipAuditConnectionError("offline")

    def no_network(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise urllib.error.URLError("offline")

    monkeypatch.setattr(adapter, "make_service", lambda timeout=15: Offline())
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    with pytest.raises(SourceUnavailable, match="pip-audit"):
        OnlineSource().lookup([Dependency("PyPI", "requests", "2.19.0", 1)])
    with pytest.raises(SourceUnavailable, match="unreachable"):
        OnlineSource().lookup([Dependency("npm", "lodash", "4.17.15", 1)])


def test_online_source_uses_pip_audit_results(monkeypatch: pytest.MonkeyPatch) -> None:
    from packaging.version import Version
    from pip_audit._service.interface import VulnerabilityResult

    from hms_policy.adapters import pip_audit as adapter
    from hms_policy.deps.manifests import Dependency

    class Fake:
        def query(self, spec):  # noqa: ANN001, ANN201
            result = VulnerabilityResult.create(["PYSEC-2023-74", "CVE-2023-32681"], "leak", [Version("2.31.0")], None)
            return spec, [result]

    monkeypatch.setattr(adapter, "make_service", lambda timeout=15: Fake())
    found = OnlineSource().lookup([Dependency("PyPI", "requests", "2.30.0", 3)])
    (advisory,) = found[("PyPI", "requests", "2.30.0")]
    assert advisory.id == "PYSEC-2023-74" and advisory.aliases == ("CVE-2023-32681",) and advisory.fixed == ("2.31.0",)


def test_pip_audit_private_api_contract() -> None:
    """The pip-audit names the adapter relies on (a failing test, not a failing scan)."""
    from pip_audit._service.interface import ResolvedDependency, ServiceError, VulnerabilityResult  # noqa: F401
    from pip_audit._service.osv import OsvService

    assert callable(OsvService.query)
    from pip_requirements_parser import RequirementsFile

    assert callable(RequirementsFile.from_file)


# --- manifests ---------------------------------------------------------------------------


def test_requirements_syntax_errors_are_listed_and_the_rest_read() -> None:
    text = "requests==2.19.0\nthis is (not valid\nflask==2.2.4 \\\n    --hash=sha256:0000\n--index-url https://pypi.org/simple\n"
    manifest = read_manifest("requirements-prod.txt", text)
    assert manifest is not None
    assert [(d.name, d.version, d.line) for d in manifest.pinned] == [("requests", "2.19.0", 1), ("flask", "2.2.4", 3)]
    assert manifest.problems == ["line 2: not a valid requirement (skipped)"]


@pytest.mark.parametrize(
    "path, text",
    [("pyproject.toml", "[project\nname="), ("package.json", "{\"dependencies\": "), ("pom.xml", "<project><dependencies></project>"),
     ("package-lock.json", "[1, 2"), ("poetry.lock", "[[package]\nname = 'x'")],
)
def test_manifest_syntax_errors_raise_one_line(path: str, text: str) -> None:
    with pytest.raises(ManifestError) as caught:
        read_manifest(path, text)
    assert "\n" not in str(caught.value)


def test_pom_refuses_doctype_entities() -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><project>&b;</project>'
    with pytest.raises(ManifestError, match="DOCTYPE"):
        read_manifest("pom.xml", bomb)


def test_unsupported_names_are_not_manifests() -> None:
    assert read_manifest("build.gradle", "dependencies {}") is None
    assert read_manifest("docs/requirements.md", "x") is None


def test_package_lock_v1_lines_follow_nesting() -> None:
    text = json.dumps(
        {"lockfileVersion": 1, "dependencies": {"a": {"version": "1.0.0", "dependencies": {"lodash": {"version": "4.17.15"}}}, "lodash": {"version": "4.17.21"}}},
        indent=2,
    )
    manifest = read_manifest("package-lock.json", text)
    assert manifest is not None
    lines = text.splitlines()
    lodash = [(d.version, lines[d.line - 1].strip()) for d in manifest.dependencies if d.name == "lodash"]
    assert lodash == [("4.17.15", '"lodash": {'), ("4.17.21", '"lodash": {')]
    assert [d.line for d in manifest.dependencies if d.name == "lodash"][0] < [d.line for d in manifest.dependencies if d.name == "lodash"][1]


# --- the rule, end to end -----------------------------------------------------------------


def _dep_controls(report) -> dict[str, str]:  # noqa: ANN001
    return {f"{c.policy}:{c.id}": c.status for c in report.controls if "DEP002" in c.rules}


def test_without_a_database_the_control_is_not_evaluated(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("requests==2.19.0\n")
    report = hms_policy.scan([tmp_path], jobs=1, read_project_settings=False)
    assert not [f for f in report.findings if f.rule_id == "DEP002"]
    assert set(_dep_controls(report).values()) == {"not-evaluated"}
    assert any(e.reason == "unavailable" and "DEP002" in e.message and "--vuln-db" in e.message for e in report.errors)


def test_a_database_without_the_ecosystem_is_not_a_pass(tmp_path: Path) -> None:
    (tmp_path / "pom.xml").write_text("<project><dependencies/></project>")
    pypi_only = tmp_path / "db"
    pypi_only.mkdir()
    (pypi_only / "r.json").write_text((OSV / "PyPI" / "PYSEC-2018-28.json").read_text())
    report = hms_policy.scan([tmp_path / "pom.xml"], jobs=1, vuln_db=pypi_only, read_project_settings=False)
    assert set(_dep_controls(report).values()) == {"not-evaluated"}
    assert any("holds no Maven advisories" in e.message for e in report.errors)


def test_with_the_database_findings_carry_advisories(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("# pinned\nrequests==2.19.0\nrequests-toolbelt==1.0.0\n")
    report = hms_policy.scan([tmp_path], jobs=1, vuln_db=OSV, read_project_settings=False)
    (finding,) = [f for f in report.findings if f.rule_id == "DEP002"]
    assert finding.line == 2 and finding.category.value == "vulnerable-dependency"
    assert finding.extra["package"] == "requests" and finding.extra["version"] == "2.19.0"
    advisories = {a["id"]: a for a in finding.extra["advisories"]}
    assert set(advisories) == {"PYSEC-2018-28", "PYSEC-2023-74"}
    assert "CVE-2018-18074" in advisories["PYSEC-2018-28"]["aliases"]
    assert advisories["PYSEC-2018-28"]["fixed"] == ["2.20.0"]
    assert "upgrade to 2.31.0" in finding.message
    assert set(_dep_controls(report).values()) == {"fail"}


def test_broken_requirements_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("requests==2.19.0\n===\ngarbage(\n")
    report = hms_policy.scan([tmp_path], jobs=1, vuln_db=OSV, read_project_settings=False)
    assert any(e.path == "requirements.txt" and "not a valid requirement" in e.message for e in report.errors)
    assert [f.line for f in report.findings if f.rule_id == "DEP002"] == [1]


def test_cli_vuln_db_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from hms_policy.cli import main

    (tmp_path / "requirements.txt").write_text("requests==2.19.0\n")
    out = tmp_path / "r.json"
    assert main(["scan", str(tmp_path / "requirements.txt"), "--vuln-db", str(OSV), "-f", "json", "-o", str(out)]) == 1
    data = json.loads(out.read_text())
    assert [f["rule_id"] for f in data["findings"] if f["rule_id"] == "DEP002"] == ["DEP002"]
    assert main(["scan", str(tmp_path), "--vuln-db", str(tmp_path / "nope")]) == 2
    assert "--vuln-db" in capsys.readouterr().err


def test_every_listed_version_is_reported_by_its_record(db: OsvDatabase) -> None:
    """OSV lists affected versions explicitly beside the ranges: both readings must agree."""
    from hms_policy.deps.versions import InvalidVersion

    checked = 0
    for (ecosystem, name), records in db._index.items():
        for record in records:
            for affected in record["affected"]:
                for version in affected.get("versions") or ():
                    try:
                        assert record["id"] in _ids(db, ecosystem, name, version), (record["id"], name, version)
                    except InvalidVersion:
                        continue
                    checked += 1
    assert checked > 300
