"""Rules that only ask for a customer-managed key run under packs that turn them on
(`require_customer_managed_keys: true`, the hipaa-strict pack) and nowhere else."""

from __future__ import annotations

from pathlib import Path

from hms_policy import scan
from hms_policy._resources import builtin_policies_dir
from hms_policy.api import load_catalogue

# Platform-encrypted by default: no key is set, nothing is unencrypted.
PLATFORM_ENCRYPTED = """
resource "aws_dynamodb_table" "visits" {
  name     = "visits"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "azurerm_cosmosdb_account" "records" {
  name                = "records"
  location            = "westeurope"
  resource_group_name = "rg"
  offer_type          = "Standard"
}
"""
CMK_RULES = {"TF107", "TF122"}


def _scan(tmp_path: Path, policies: list[str]):
    (tmp_path / "main.tf").write_text(PLATFORM_ENCRYPTED)
    return scan([tmp_path], policies=policies, cache=False, jobs=1, read_project_settings=False)


def test_default_packs_report_no_cmk_only_finding(tmp_path: Path) -> None:
    report = _scan(tmp_path, ["hipaa", "gdpr", "ndhm"])
    assert not {f.rule_id for f in report.findings} & CMK_RULES


def test_strict_profile_reports_the_missing_keys(tmp_path: Path) -> None:
    report = _scan(tmp_path, ["hipaa-strict"])
    found = {f.rule_id for f in report.findings}
    assert CMK_RULES <= found
    for finding in report.findings:
        if finding.rule_id in CMK_RULES:
            assert all(ref.startswith("hipaa-strict:") for ref in finding.controls)


def test_off_means_not_mapped_so_no_control_passes_on_it(tmp_path: Path) -> None:
    """With both packs selected the finding carries only the strict pack's control; hipaa's
    encryption control, with nothing else to judge these resources, does not pass: none of its
    own rules has a relevant resource here, so it is not applicable."""
    report = _scan(tmp_path, ["hipaa", "hipaa-strict"])
    controls = {(c.policy, c.id): c for c in report.controls}
    at_rest = controls[("hipaa", "164.312(a)(2)(iv)")]
    assert at_rest.status == "not-applicable" and at_rest.reason.startswith("no files of the kinds")
    assert not CMK_RULES & set(at_rest.rules)
    assert controls[("hipaa-strict", "164.312(a)(2)(iv)")].status == "fail"


def test_every_gated_rule_is_on_in_hipaa_strict_and_off_in_the_defaults() -> None:
    catalogue = load_catalogue(["hipaa", "gdpr", "ndhm", "hipaa-strict"])
    gated = {r.id for r in catalogue.rules.rules.values() if r.enabled_by}
    assert {"TF107", "TF122", "TF123", "TF130", "TF131", "TF132", "TF133", "TF404", "TF117", "CFN104", "CFN403"} == gated
    for pack in catalogue.packs:
        mapped = {r for c in pack.controls for r in c.rules}
        assert (gated <= mapped) if pack.id == "hipaa-strict" else not gated & mapped


def test_a_parameter_that_is_not_literally_true_leaves_the_rule_off(tmp_path: Path) -> None:
    pack = (builtin_policies_dir() / "hipaa-strict.yaml").read_text().replace("require_customer_managed_keys: true", 'require_customer_managed_keys: "yes"')
    path = tmp_path / "acme.yaml"
    path.write_text(pack.replace("id: hipaa-strict", "id: acme"))
    catalogue = load_catalogue([str(path)])
    assert not {r for p in catalogue.packs for c in p.controls for r in c.rules} & {"TF107", "TF404"}
