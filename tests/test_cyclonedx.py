"""`--format cyclonedx`: the SBOM validates against the CycloneDX 1.6 schema bundled with
cyclonedx-python-lib, lists every component with its purl, and carries the DEP002 findings
as VEX entries (aliases merged, the upgrade as the recommendation, suppressions as analysis)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import hms_policy
from hms_policy.cli import main
from hms_policy.report.formats import render
from hms_policy.report.load import load_report_file

TESTS = Path(__file__).resolve().parent
OSV = TESTS / "data" / "osv"
FIXTURES = TESTS / "rules" / "DEP002" / "bad"


def _validate(text: str) -> None:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None


@pytest.fixture(scope="module")
def sbom(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("sbom")
    shutil.copytree(FIXTURES, root / "app")
    out = root / "sbom.json"
    code = main(["scan", str(root / "app"), "--vuln-db", str(OSV), "--format", "cyclonedx", "--output", str(out), "--no-cache"])
    assert code == 1  # vulnerable pins fail the gate, as in every format
    text = out.read_text()
    _validate(text)
    return json.loads(text)


def test_every_component_has_a_purl(sbom: dict) -> None:
    assert sbom["bomFormat"] == "CycloneDX" and sbom["specVersion"] == "1.6"
    purls = {c["purl"] for c in sbom["components"]}
    for expected in (
        "pkg:pypi/requests@2.19.0",
        "pkg:npm/lodash@4.17.15",
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
        "pkg:golang/golang.org/x/text@v0.3.7",
        "pkg:gem/nokogiri@1.13.3",
        "pkg:composer/guzzlehttp/guzzle@7.4.4",
        "pkg:cargo/smallvec@1.6.0",
        "pkg:nuget/Moment.js@2.29.1",
    ):
        assert expected in purls, expected
    # declared where: path and line of each occurrence
    log4j = next(c for c in sbom["components"] if c["name"] == "log4j-core" and c["version"] == "2.14.1")
    assert {"name": "hms-policy:declared-at", "value": "gradle.lockfile:6"} in log4j["properties"]


def test_vulnerabilities_are_vex_entries(sbom: dict) -> None:
    by_id = {v["id"]: v for v in sbom["vulnerabilities"]}
    smallvec = by_id["CVE-TEST-0004"]
    assert [r["id"] for r in smallvec["references"]] == ["TEST-RUST-0001"]
    assert smallvec["affects"] == [{"ref": "pkg:cargo/smallvec@1.6.0", "versions": [{"status": "affected", "version": "1.6.0"}]}]
    assert smallvec["recommendation"] == "smallvec: upgrade to 1.6.1 or later"
    refs = {c["bom-ref"] for c in sbom["components"]}
    assert all(a["ref"] in refs for v in sbom["vulnerabilities"] for a in v["affects"])


def test_inventory_prefers_lock_files_and_keeps_secrets_out(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"lodash": "^4.17.0"}}')
    (tmp_path / "package-lock.json").write_text(
        json.dumps({"lockfileVersion": 3, "packages": {"": {}, "node_modules/lodash": {"version": "4.17.21"}}}, indent=2)
    )
    secret = "hunter2hunter2XYZ"
    (tmp_path / "requirements.txt").write_text(
        f"--index-url https://deploy:{secret}@pypi.example.org/simple\nrequests==2.31.0\nprivate @ https://u:{secret}@example.org/p.tar.gz\n"
    )
    (tmp_path / "Cargo.lock").write_text("[[package]\n")
    report = hms_policy.scan([tmp_path], jobs=1, read_project_settings=False, cache=False, sbom=True)
    assert [(c.ecosystem, c.name, c.version, c.path) for c in report.components] == [
        ("npm", "lodash", "4.17.21", "package-lock.json"),
        ("PyPI", "requests", "2.31.0", "requirements.txt"),
    ]
    assert any(e.path == "Cargo.lock" and "invalid TOML" in e.message for e in report.errors)
    text = render(report, "cyclonedx")
    _validate(text)
    assert secret not in text and secret not in report.to_json()


def test_components_round_trip_through_the_json_report(tmp_path: Path) -> None:
    from hms_policy.catalog.rules import schema_errors

    (tmp_path / "go.mod").write_text("module example.org/m\n\nrequire golang.org/x/text v0.3.7\n")
    report = hms_policy.scan([tmp_path], jobs=1, read_project_settings=False, cache=False, sbom=True)
    assert schema_errors(json.loads(report.to_json()), "report.v1") == []
    saved = tmp_path / "report.json"
    saved.write_text(report.to_json())
    assert load_report_file(saved).components == report.components


def test_a_report_without_components_still_renders_its_vulnerabilities(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "Cargo.lock", tmp_path / "Cargo.lock")
    report = hms_policy.scan([tmp_path], jobs=1, vuln_db=OSV, read_project_settings=False, cache=False)
    assert report.components == ()
    data = json.loads(render(report, "cyclonedx"))
    assert [c["purl"] for c in data["components"]] == ["pkg:cargo/smallvec@1.6.0"]
    assert [v["id"] for v in data["vulnerabilities"]] == ["CVE-TEST-0004"]
