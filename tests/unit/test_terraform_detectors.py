"""Terraform and CloudFormation detectors: links between resources (across files, modules and
plans), unresolved values left not evaluated, residency per pack, policy statements, ports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruleharness import run_rule_on

import hms_policy
from hms_policy.detectors.iac.iam_statements import (
    CHECKS,
    data_document_statements,
    document_statements,
    judge,
)
from hms_policy.detectors.iac.terraform_network import exposure_of, parse_port_spec, port_range
from hms_policy.detectors.iac.terraform_residency import normalize_region


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def flagged(rule_id: str, root: Path, pack: str | None = None) -> list[tuple[str, int, str | None]]:
    findings, _ = run_rule_on(rule_id, root, pack)
    return sorted((f.path, f.line, f.entity) for f in findings if f.rule_id == rule_id)


def test_companion_in_another_file_and_through_a_module_output(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "buckets.tf": 'resource "aws_s3_bucket" "a" {\n  bucket = "hms-a"\n}\n',
            "encryption.tf": (
                'resource "aws_s3_bucket_server_side_encryption_configuration" "a" {\n'
                "  bucket = aws_s3_bucket.a.id\n"
                '  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}\n'
            ),
            "store.tf": 'module "store" {\n  source = "./store"\n}\n',
            "versioning.tf": (
                'resource "aws_s3_bucket_versioning" "store" {\n  bucket = module.store.id\n'
                '  versioning_configuration {\n    status = "Enabled"\n  }\n}\n'
            ),
            "store/main.tf": 'resource "aws_s3_bucket" "this" {\n  bucket = "hms-store"\n}\noutput "id" {\n  value = aws_s3_bucket.this.id\n}\n',
        },
    )
    # Found through the module call and in the module's own directory: reported once, at the
    # resource, with the call in extra.module_calls.
    assert flagged("TF103", tmp_path) == [("store/main.tf", 1, "aws_s3_bucket.this")]
    findings, _ = run_rule_on("TF103", tmp_path)
    assert [f.extra["module_calls"] for f in findings] == [[{"path": "store.tf", "line": 1, "module": "module.store"}]]
    # The module's bucket is versioned through its output, so only its standalone scan lacks it.
    assert flagged("TF504", tmp_path) == [("buckets.tf", 1, "aws_s3_bucket.a"), ("store/main.tf", 1, "aws_s3_bucket.this")]


def test_unresolved_coverage_leaves_the_control_not_evaluated(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "main.tf": (
                'resource "aws_db_instance" "db" {\n  engine = "postgres"\n  storage_encrypted = var.encrypt\n}\n'
                'resource "aws_s3_bucket" "b" {\n  bucket = "hms-b"\n}\n'
                'resource "aws_s3_bucket_server_side_encryption_configuration" "b" {\n  bucket = var.bucket\n'
                '  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}\n'
            )
        },
    )
    report = hms_policy.scan([tmp_path], policies=["hipaa"], read_project_settings=False, jobs=1)
    assert not [f for f in report.findings if f.rule_id in ("TF101", "TF103")]
    encryption = next(c for c in report.controls if c.id == "164.312(a)(2)(iv)")
    assert encryption.status == "not-evaluated"


def test_plan_after_unknown_is_unresolved_not_missing(tmp_path: Path) -> None:
    plan = {
        "format_version": "1.2",
        "planned_values": {"root_module": {"resources": [
            {"address": "aws_db_instance.a", "mode": "managed", "type": "aws_db_instance", "name": "a", "values": {"engine": "postgres"}},
            {"address": "module.m.aws_db_instance.b", "mode": "managed", "type": "aws_db_instance", "name": "b",
             "values": {"engine": "postgres", "storage_encrypted": False}},
        ]}},
        "resource_changes": [{"address": "aws_db_instance.a", "change": {"after_unknown": {"storage_encrypted": True}}}],
    }
    (tmp_path / "plan.json").write_text(json.dumps(plan, indent=1))
    assert [(p, e) for p, _, e in flagged("TF101", tmp_path)] == [("plan.json", "module.m.aws_db_instance.b")]


def test_terraform_json_configuration_syntax(tmp_path: Path) -> None:
    config = {"resource": {"aws_db_instance": {"db": {"engine": "postgres", "storage_encrypted": False}}}}
    (tmp_path / "main.tf.json").write_text(json.dumps(config, indent=1))
    assert [e for _, _, e in flagged("TF101", tmp_path)] == ["aws_db_instance.db"]


@pytest.mark.parametrize(
    ("pack", "expected"),
    [("ndhm", ["aws_db_instance.eu", "provider.aws"]), ("gdpr", ["aws_db_instance.in", "provider.aws"])],
)
def test_residency_runs_with_each_packs_regions(tmp_path: Path, pack: str, expected: list[str]) -> None:
    write(
        tmp_path,
        {
            "main.tf": (
                'provider "aws" {\n  region = "ca-central-1"\n}\n'
                'resource "aws_db_instance" "eu" {\n  region = "eu-west-1"\n}\n'
                'resource "aws_db_instance" "us" {\n  region = "us-east-1a"\n}\n'
                'resource "aws_db_instance" "in" {\n  region = "ap-south-1"\n}\n'
                'resource "azurerm_monitor_action_group" "ops" {\n  location = "global"\n}\n'
            )
        },
    )
    found = {e for _, _, e in flagged("TF701", tmp_path, pack)}
    # us-east-1a is a zone of us-east-1: outside both packs' sets.
    assert found == set(expected) | {"aws_db_instance.us"}


def test_region_names_normalise() -> None:
    assert normalize_region("West Europe") == "westeurope"
    assert normalize_region("asia-south1-b") == "asia-south1"
    assert normalize_region("ap-south-1a") == "ap-south-1"
    assert normalize_region("EU") == "eu"


def test_statements_from_every_shape() -> None:
    text = json.dumps({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    assert judge(document_statements(text), CHECKS["admin"]) == (True, 0)
    # Statement arrays with an unresolved element, and broken JSON, are unknown.
    assert judge(document_statements('{"Statement": "${var.statements}"}'), CHECKS["admin"])[0] is None
    assert judge(document_statements("${data.aws_iam_policy_document.x.json}"), CHECKS["admin"])[0] is None
    doc = {"statement": [{"actions": ["s3:*"], "resources": ["*"]}, {"effect": "Deny", "actions": ["*"], "resources": ["*"]}]}
    statements = data_document_statements(doc)
    assert judge(statements, CHECKS["admin"])[0] is False
    assert judge(statements, CHECKS["service_wildcard"]) == (True, 0)
    open_ = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::1:root", "*"]}, "Action": "s3:GetObject"}]}
    assert judge(document_statements(open_), CHECKS["wildcard_principal"])[0] is True
    open_["Statement"][0]["Condition"] = {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}
    assert judge(document_statements(open_), CHECKS["wildcard_principal"])[0] is False


def test_port_logic() -> None:
    assert parse_port_spec("1000-2000") == (1000, 2000) and parse_port_spec("*") == (0, 65535)
    assert port_range(-1, -1) == (0, 65535)
    assert exposure_of([(5000, 6000)], {5432: "PostgreSQL"}) == "port 5432 (PostgreSQL)"
    assert exposure_of([(443, 443)], {22: "SSH"}) is None


def test_values_passed_between_module_calls_keep_their_scope(tmp_path: Path) -> None:
    # The terraform-aws-modules pattern: one call's output is another call's logging target.
    write(
        tmp_path,
        {
            "main.tf": (
                'module "logs" {\n  source = "./modules/bucket"\n  name   = "hms-logs"\n}\n'
                'module "data" {\n  source     = "./modules/bucket"\n  name       = "hms-data"\n  log_target = module.logs.id\n}\n'
            ),
            "modules/bucket/main.tf": (
                'variable "name" {}\nvariable "log_target" {\n  default = null\n}\n'
                'resource "aws_s3_bucket" "this" {\n  bucket = var.name\n}\n'
                'resource "aws_s3_bucket_logging" "this" {\n  count         = var.log_target == null ? 0 : 1\n'
                "  bucket        = aws_s3_bucket.this.id\n  target_bucket = var.log_target\n}\n"
                'output "id" {\n  value = aws_s3_bucket.this.id\n}\n'
            ),
        },
    )
    # module.data logs to module.logs, which is a log target: neither call is flagged; the
    # module's own directory (no target given: count = 0) is.
    assert flagged("TF405", tmp_path) == [("modules/bucket/main.tf", 5, "aws_s3_bucket.this")]
