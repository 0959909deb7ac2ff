"""The declarative condition language: operators, fan-out, three-valued logic."""

from __future__ import annotations

import pytest

from hms_policy.engine.conditions import Unresolved, bind_parameters, evaluate, resolve, uses_pack_parameters

RESOURCE = {
    "storage_encrypted": False,
    "port": "5432",
    "tags": {"Env": "prod"},
    "ingress": [
        {"from_port": 22, "cidr_blocks": ["10.0.0.0/8"]},
        {"from_port": 443, "cidr_blocks": ["0.0.0.0/0"]},
    ],
    "name": "${var.name}-db",
    "kms_key_id": Unresolved("aws_kms_key.phi.arn"),
}


def result(condition: dict) -> bool | None:
    return evaluate(condition, RESOURCE).result


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"path": "storage_encrypted", "equals": False}, True),
        ({"path": "storage_encrypted", "equals": "false"}, True),  # "false" reads as false
        ({"path": "storage_encrypted", "not-equals": True}, True),
        ({"path": "port", "equals": 5432}, True),  # "5432" reads as 5432
        ({"path": "port", "gte": 1024}, True),
        ({"path": "port", "lt": 1024}, False),
        ({"path": "tags.Env", "in": ["prod", "staging"]}, True),
        ({"path": "tags.Env", "not-in": ["prod"]}, False),
        ({"path": "tags.Owner", "exists": True}, False),
        ({"path": "tags.Owner", "absent": True}, True),
        ({"path": "tags", "contains": "Env"}, True),
        ({"path": "tags.Env", "regex": "^pr"}, True),
        ({"path": "tags.Env", "not-regex": "^pr"}, False),
        ({"path": "ingress.cidr_blocks", "contains": "0.0.0.0/0"}, True),  # fans out over blocks
        ({"path": "ingress[0].from_port", "equals": 22}, True),
        ({"path": "ingress.*.from_port", "equals": 443}, True),
        ({"path": "ingress.from_port", "quantifier": "all", "gt": 20}, True),
        ({"path": "ingress.from_port", "quantifier": "all", "gt": 100}, False),
        ({"path": "missing", "equals": 1}, False),  # a missing value satisfies no comparison
        ({"path": "missing", "not-equals": 1}, True),
        ({"path": "storage_encrypted", "truthy": False}, True),
    ],
)
def test_leaf_operators(condition: dict, expected: bool) -> None:
    assert result(condition) is expected


def test_unresolved_values_are_unknown_never_true_or_false() -> None:
    assert result({"path": "name", "equals": "x"}) is None
    assert result({"path": "name", "not-equals": "x"}) is None
    assert result({"path": "kms_key_id", "exists": True}) is True  # present, whatever it holds
    assert result({"path": "kms_key_id", "regex": "arn"}) is None
    assert result({"path": "kms_key_id.inner", "exists": True}) is None  # the walk is blocked


def test_cloudformation_intrinsics_are_unresolved() -> None:
    value = {"Encrypted": {"Ref": "EncryptParam"}}
    assert evaluate({"path": "Encrypted", "equals": True}, value).result is None


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ({"all": [{"path": "storage_encrypted", "equals": False}, {"path": "port", "equals": 5432}]}, True),
        ({"all": [{"path": "storage_encrypted", "equals": True}, {"path": "name", "equals": "x"}]}, False),
        ({"all": [{"path": "storage_encrypted", "equals": False}, {"path": "name", "equals": "x"}]}, None),
        ({"any": [{"path": "storage_encrypted", "equals": False}, {"path": "name", "equals": "x"}]}, True),
        ({"any": [{"path": "storage_encrypted", "equals": True}, {"path": "name", "equals": "x"}]}, None),
        ({"any": [{"path": "storage_encrypted", "equals": True}, {"path": "port", "equals": 1}]}, False),
        ({"not": {"path": "storage_encrypted", "equals": False}}, False),
        ({"not": {"path": "name", "equals": "x"}}, None),
    ],
)
def test_kleene_combinators(condition: dict, expected: bool | None) -> None:
    assert result(condition) is expected


def test_outcome_points_at_the_deciding_value() -> None:
    outcome = evaluate({"path": "ingress.cidr_blocks", "contains": "0.0.0.0/0"}, RESOURCE)
    assert outcome.path == ("ingress", 1, "cidr_blocks")


def test_resolve_fans_out_and_reports_blocking() -> None:
    found = resolve(RESOURCE, "ingress.from_port")
    assert [v for _, v in found.values] == [22, 443]
    assert resolve(RESOURCE, "name.x").blocked == ("name",)


def test_pack_parameters_bind_per_pack() -> None:
    spec = {"kind": "condition", "require": {"path": "region", "in": {"from_pack": "allowed_regions", "default": ["x"]}}}
    assert uses_pack_parameters(spec)
    bound = bind_parameters(spec, lambda name, default: ["ap-south-1"] if name == "allowed_regions" else default)
    assert bound["require"]["in"] == ["ap-south-1"]
    assert not uses_pack_parameters(bound)
    assert evaluate(bound["require"], {"region": "ap-south-1"}).result is True
