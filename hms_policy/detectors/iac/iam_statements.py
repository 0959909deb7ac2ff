"""AWS policy documents, whatever they are written as, read as statements and judged.

A policy arrives as JSON text (`jsonencode(...)`, a heredoc, a CloudFormation string), as
plain data (CloudFormation's `PolicyDocument`) or as the `statement` blocks of a Terraform
`aws_iam_policy_document` data source. Values that could not be resolved stay `${...}`
strings inside the document: a judgement that depends on one is unknown, not a pass.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Tri = bool | None


@dataclass(frozen=True, slots=True)
class Statement:
    effect: Any
    actions: tuple[Any, ...]
    not_actions: bool
    resources: tuple[Any, ...]
    not_resources: bool
    principals: tuple[Any, ...]  # flattened principal values ("*", "arn:...", {"Ref": ...})
    has_principal: bool
    conditions: bool
    index: int  # position in the document, for pointing at a statement block


def _as_tuple(value: Any) -> tuple[Any, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


def _unresolved(value: Any) -> bool:
    if isinstance(value, str):
        return "${" in value
    if isinstance(value, dict) and len(value) == 1:
        key = next(iter(value))
        return isinstance(key, str) and (key in ("Ref", "Condition") or key.startswith("Fn::"))
    return False


def document_statements(document: Any) -> list[Statement] | None:
    """Statements of a JSON/plain policy document; None if it cannot be read (unresolved)."""
    if isinstance(document, str):
        text = document.strip()
        if not text.startswith("{"):
            return None
        try:
            document = json.loads(text)
        except ValueError:
            return None
    if not isinstance(document, dict):
        return None
    raw = document.get("Statement")
    if _unresolved(raw):
        return None
    out: list[Statement] = []
    for i, item in enumerate(_as_tuple(raw)):
        if not isinstance(item, dict):
            if _unresolved(item):
                return None
            continue
        principal = item.get("Principal")
        out.append(
            Statement(
                effect=item.get("Effect"),
                actions=_as_tuple(item.get("Action", item.get("NotAction"))),
                not_actions="NotAction" in item and "Action" not in item,
                resources=_as_tuple(item.get("Resource", item.get("NotResource"))),
                not_resources="NotResource" in item and "Resource" not in item,
                principals=_flatten_principal(principal),
                has_principal=principal is not None or "NotPrincipal" in item,
                conditions=bool(item.get("Condition")),
                index=i,
            )
        )
    return out


def _flatten_principal(principal: Any) -> tuple[Any, ...]:
    if principal is None:
        return ()
    if isinstance(principal, dict) and not _unresolved(principal):
        return tuple(v for value in principal.values() for v in _as_tuple(value))
    return _as_tuple(principal)


def data_document_statements(value: Mapping[str, Any]) -> list[Statement]:
    """`data "aws_iam_policy_document"`: its `statement` blocks."""
    out: list[Statement] = []
    for i, block in enumerate(_as_tuple(value.get("statement"))):
        if not isinstance(block, dict):
            continue
        principals = tuple(
            identifier
            for group in _as_tuple(block.get("principals"))
            if isinstance(group, dict)
            for identifier in _as_tuple(group.get("identifiers"))
        )
        actions = block.get("actions", block.get("not_actions"))
        resources = block.get("resources", block.get("not_resources"))
        out.append(
            Statement(
                effect=block.get("effect", "Allow"),
                actions=_as_tuple(actions),
                not_actions="not_actions" in block and "actions" not in block,
                resources=_as_tuple(resources),
                not_resources="not_resources" in block and "resources" not in block,
                principals=principals,
                has_principal="principals" in block or "not_principals" in block,
                conditions=bool(block.get("condition")),
                index=i,
            )
        )
    return out


def _allows(statement: Statement) -> Tri:
    if _unresolved(statement.effect):
        return None
    return str(statement.effect) == "Allow"


def _any_is(values: Iterable[Any], wanted: set[str]) -> Tri:
    unknown = False
    for value in values:
        if isinstance(value, str) and not _unresolved(value):
            if value.strip() in wanted:
                return True
        elif _unresolved(value) or (isinstance(value, str) and "${" in value):
            unknown = True
    return None if unknown else False


def _and(*values: Tri) -> Tri:
    if False in values:
        return False
    return None if None in values else True


def grants_admin(statement: Statement) -> Tri:
    """Allow every action on every resource."""
    if statement.not_actions or statement.not_resources:
        return False
    return _and(_allows(statement), _any_is(statement.actions, {"*", "*:*"}), _any_is(statement.resources, {"*"}))


def open_principal(statement: Statement) -> Tri:
    """Allow anyone (`"*"`, `{"AWS": "*"}`) with no condition narrowing who."""
    if not statement.has_principal or statement.conditions:
        return False
    return _and(_allows(statement), _any_is(statement.principals, {"*"}))


def _service_wildcard(values: Iterable[Any]) -> Tri:
    unknown = False
    for value in values:
        if isinstance(value, str) and "${" not in value:
            text = value.strip()
            if text.endswith(":*") and text.count(":") == 1 and text != "*:*":
                return True
        elif _unresolved(value):
            unknown = True
    return None if unknown else False


def grants_service_wildcard(statement: Statement) -> Tri:
    """Allow every action of a service (`s3:*`, `kms:*`) on every resource; a full `*` grant
    is the admin check's. A statement that names a principal belongs to a resource policy (a
    KMS key, bucket or queue policy), where `*` is the resource the policy is attached to, not
    every resource in the account (a public principal is the open-principal check's)."""
    if statement.not_actions or statement.not_resources or statement.has_principal:
        return False
    if grants_admin(statement) is True:
        return False
    return _and(_allows(statement), _service_wildcard(statement.actions), _any_is(statement.resources, {"*"}))


def judge(statements: list[Statement] | None, check: Any) -> tuple[Tri, int | None]:
    """(True if some statement fails `check`, the first such statement's index)."""
    if statements is None:
        return None, None
    unknown = False
    for statement in statements:
        verdict = check(statement)
        if verdict is True:
            return True, statement.index
        if verdict is None:
            unknown = True
    return (None if unknown else False), None


CHECKS = {"admin": grants_admin, "wildcard_principal": open_principal, "service_wildcard": grants_service_wildcard}
