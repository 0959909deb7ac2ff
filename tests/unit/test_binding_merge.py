"""A rule bound differently by several packs (TF701's allowed_regions) reports one finding
per place, with the controls of exactly the packs whose parameters it breaks."""

from __future__ import annotations

from pathlib import Path

from hms_policy.api import scan


def _tf701(tmp_path: Path, region: str, policies: list[str]) -> list:
    (tmp_path / "main.tf").write_text(f'provider "aws" {{\n  region = "{region}"\n}}\n')
    report = scan([tmp_path], policies=policies, cache=False, jobs=1)
    return [f for f in report.findings if f.rule_id == "TF701"]


def test_outside_both_packs_is_one_finding_with_both_controls(tmp_path: Path) -> None:
    found = _tf701(tmp_path, "us-east-1", ["gdpr", "ndhm"])
    assert len(found) == 1
    assert {c.split(":")[0] for c in found[0].controls} == {"gdpr", "ndhm"}
    assert found[0].extra["packs"] == ["gdpr", "ndhm"]
    assert "(packs: gdpr, ndhm)" in found[0].message


def test_outside_one_pack_carries_only_its_controls(tmp_path: Path) -> None:
    found = _tf701(tmp_path, "eu-west-1", ["gdpr", "ndhm"])
    assert len(found) == 1
    assert {c.split(":")[0] for c in found[0].controls} == {"ndhm"}
    assert found[0].extra["packs"] == ["ndhm"]


def test_merged_fingerprint_is_one_of_the_single_pack_fingerprints(tmp_path: Path) -> None:
    merged = _tf701(tmp_path, "us-east-1", ["gdpr", "ndhm"])[0].fingerprint
    alone = {_tf701(tmp_path, "us-east-1", [p])[0].fingerprint for p in ("gdpr", "ndhm")}
    assert merged in alone
