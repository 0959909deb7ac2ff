"""A rule bound differently by several packs (TF701's allowed_regions) reports one finding
per place, with the controls of exactly the packs whose parameters it breaks; and packs that
disagree on where data may live judge only configurations that keep something in their regions."""

from __future__ import annotations

from pathlib import Path

from hms_policy.api import scan

# A system that keeps data in the EU and in India: both residency packs apply to it.
_ANCHORS = (
    'resource "azurerm_resource_group" "eu" {\n  name     = "eu"\n  location = "West Europe"\n}\n'
    'resource "google_storage_bucket" "india" {\n  name     = "in"\n  location = "asia-south1"\n}\n'
)


def _tf701(tmp_path: Path, region: str, policies: list[str], anchors: str = _ANCHORS) -> list:
    """TF701 findings on the provider at line 2 (the region under test)."""
    (tmp_path / "main.tf").write_text(f'provider "aws" {{\n  region = "{region}"\n}}\n{anchors}')
    report = scan([tmp_path], policies=policies, cache=False, jobs=1)
    return [f for f in report.findings if f.rule_id == "TF701" and f.line == 2]


def test_outside_both_packs_is_one_finding_with_both_controls(tmp_path: Path) -> None:
    found = _tf701(tmp_path, "us-east-1", ["gdpr", "ndhm"])
    assert len(found) == 1
    assert {c.split(":")[0] for c in found[0].controls} == {"gdpr", "ndhm"}
    assert found[0].extra["packs"] == ["gdpr", "ndhm"]
    assert "(packs: gdpr, ndhm)" in found[0].message


def test_outside_one_pack_carries_only_its_controls(tmp_path: Path) -> None:
    found = _tf701(tmp_path, "eu-central-1", ["gdpr", "ndhm"])
    assert len(found) == 1
    assert {c.split(":")[0] for c in found[0].controls} == {"ndhm"}
    assert found[0].extra["packs"] == ["ndhm"]


def test_merged_fingerprint_is_one_of_the_single_pack_fingerprints(tmp_path: Path) -> None:
    merged = _tf701(tmp_path, "us-east-1", ["gdpr", "ndhm"])[0].fingerprint
    alone = {_tf701(tmp_path, "us-east-1", [p])[0].fingerprint for p in ("gdpr", "ndhm")}
    assert merged in alone


def test_default_packs_do_not_judge_a_system_wholly_outside_their_regions(tmp_path: Path) -> None:
    """GDPR and NDHM together cannot both apply: a US-only system is not evaluated by either,
    and the control says so rather than passing."""
    (tmp_path / "main.tf").write_text('provider "aws" {\n  region = "us-east-1"\n}\n')
    report = scan([tmp_path], cache=False, jobs=1)
    assert not [f for f in report.findings if f.rule_id == "TF701"]
    statuses = {c.id: c.status for c in report.controls if "TF701" in c.rules}
    assert statuses and "passed" not in {str(s) for s in statuses.values()}


def test_one_residency_pack_judges_every_place(tmp_path: Path) -> None:
    found = _tf701(tmp_path, "us-east-1", ["hipaa", "ndhm"], anchors="")
    assert len(found) == 1 and {c.split(":")[0] for c in found[0].controls} == {"ndhm"}


def test_data_leaving_a_system_kept_in_the_eu_is_reported_by_default(tmp_path: Path) -> None:
    found = _tf701(tmp_path, "us-east-1", ["hipaa", "gdpr", "ndhm"], anchors=_ANCHORS.split("resource \"google")[0])
    assert len(found) == 1 and {c.split(":")[0] for c in found[0].controls} == {"gdpr"}


def test_python_clients_follow_the_same_residency_scope(tmp_path: Path) -> None:
    """PY042 as TF701: with GDPR and NDHM both selected, a module pinning clients only to US
    regions is not judged by either; one that also keeps data in the EU is data leaving it."""
    us_only = 'import boto3\ns3 = boto3.client("s3", region_name="us-east-1")\n'
    (tmp_path / "us.py").write_text(us_only)
    (tmp_path / "mixed.py").write_text(us_only + 'eu = boto3.client("s3", region_name="eu-west-1")\n')
    report = scan([tmp_path], policies=["gdpr", "ndhm"], cache=False, jobs=1)
    found = {(f.path, f.line): {c.split(":")[0] for c in f.controls} for f in report.findings if f.rule_id == "PY042"}
    assert ("us.py", 2) not in found
    assert found[("mixed.py", 2)] == {"gdpr"}
    alone = scan([tmp_path / "us.py"], policies=["ndhm"], cache=False, jobs=1)
    assert [f.line for f in alone.findings if f.rule_id == "PY042"] == [2]
