"""Deployment-descriptor detectors (ECS, compose settings, Terraform outputs/variables):
the decisions their rule fixtures cannot show on their own, and that no credential leaks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ruleharness import run_rule_on  # noqa: E402

from hms_policy.detectors.iac.values import credential_name, describes_credential  # noqa: E402

SECRET = "Zq8-Hosp1tal-Records"


@pytest.mark.parametrize("name", ["PASSWORD_MIN_LENGTH", "DB_PASSWORD_FILE", "DB_SECRET_ARN", "TOKEN_TTL", "SECRET_NAME", "oidc_token_issuer", "token_audience"])
def test_names_that_only_describe_a_credential(name: str) -> None:
    assert not credential_name(name)


@pytest.mark.parametrize("value", ["true", "3600", "/run/secrets/db", "arn:aws:secretsmanager:eu-west-1:1:secret:x", "https://issuer.example.org/realms/emr"])
def test_values_that_are_no_credential(value: str) -> None:
    assert describes_credential(value)


@pytest.mark.parametrize("value", ["123456", "https://emr:Hosp1tal@db.example.org", "Welcome1"])
def test_credentials_are_not_descriptions(value: str) -> None:
    assert not describes_credential(value)


def _scan(tmp_path: Path, rule_id: str, name: str, text: str) -> list:
    target = tmp_path / name
    target.write_text(text)
    findings, errors = run_rule_on(rule_id, target)
    assert not errors
    return [f for f in findings if f.rule_id == rule_id]


def test_ecs_credential_is_masked_in_every_output_field(tmp_path: Path) -> None:
    task = {"containerDefinitions": [{"name": "emr", "image": "emr:1", "environment": [{"name": "DB_PASSWORD", "value": SECRET}]}]}
    found = _scan(tmp_path, "ECS003", "task.json", json.dumps(task, indent=2))
    assert len(found) == 1
    f = found[0]
    assert SECRET not in json.dumps([f.message, f.snippet, f.entity, dict(f.extra)], default=str)


def test_ecs_value_from_a_variable_is_left_to_the_variable_rule(tmp_path: Path) -> None:
    text = (
        'variable "db_password" {\n  default = "%s"\n}\n'
        'resource "aws_ecs_task_definition" "t" {\n  family = "t"\n'
        '  container_definitions = jsonencode([{ name = "emr", image = "emr:1",\n'
        '    environment = [{ name = "DB_PASSWORD", value = var.db_password }] }])\n}\n' % SECRET
    )
    assert _scan(tmp_path, "ECS003", "main.tf", text) == []
    variable = _scan(tmp_path, "TF802", "main.tf", text)
    assert [f.line for f in variable] == [2] and SECRET not in variable[0].snippet


def test_compose_default_is_masked(tmp_path: Path) -> None:
    text = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:-%s}\n" % SECRET
    found = _scan(tmp_path, "DC008", "docker-compose.yml", text)
    assert [f.line for f in found] == [5]
    assert SECRET not in found[0].snippet and SECRET not in found[0].message


def test_bare_json_list_without_ecs_keys_is_not_a_task_definition(tmp_path: Path) -> None:
    text = json.dumps([{"name": "logo", "image": "logo.png", "privileged": True}])
    assert _scan(tmp_path, "ECS001", "assets.json", text) == []


def test_a_value_that_also_appears_inside_its_key_is_masked_everywhere(tmp_path: Path) -> None:
    import hms_policy

    (tmp_path / "task.json").write_text('{"containerDefinitions":[{"name":"app","image":"x:1","environment":[{"name":"DB_PASSWORDX","value":"PASSWORD"}]}]}\n')
    (tmp_path / "pod.yaml").write_text("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1\n    env:\n    - {name: DB_PASSWORDx9Kq, value: DB_PASSWORDx9Kq}\n")
    report = hms_policy.scan(tmp_path, jobs=1, cache=False, read_project_settings=False)
    for f in report.findings:
        if f.rule_id in ("ECS003", "K8S011"):
            assert "x9Kq" not in f.snippet
