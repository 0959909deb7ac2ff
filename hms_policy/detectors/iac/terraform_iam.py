"""Terraform IAM and resource policies: administrator grants and open principals.

Policies are read wherever Terraform carries them: the `policy` argument of identity and
resource policies (JSON from `jsonencode`, a heredoc or a string), `assume_role_policy` and
`inline_policy` of roles, `access_policies` of search domains, the `statement` blocks of
`data "aws_iam_policy_document"`, and `aws_lambda_permission.principal`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hms_policy.detectors.iac.iam_statements import (
    CHECKS,
    data_document_statements,
    document_statements,
    judge,
)
from hms_policy.engine.conditions import resolve
from hms_policy.engine.matchers import origin, resolved_nodes
from hms_policy.engine.registry import Verdicts
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document, Node, split_path

POLICY_ARGUMENTS: dict[str, tuple[str, ...]] = {
    "aws_iam_role": ("assume_role_policy", "inline_policy.policy"),
    "aws_iam_user": (),
    "aws_elasticsearch_domain": ("access_policies",),
    "aws_opensearch_domain": ("access_policies",),
    "aws_elasticsearch_domain_policy": ("access_policies",),
    "aws_opensearch_domain_policy": ("access_policies",),
    "aws_glacier_vault": ("access_policy",),
    "aws_ssoadmin_permission_set_inline_policy": ("inline_policy",),
}
DATA_DOCUMENT = "data.aws_iam_policy_document"


def policy_document(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    check = CHECKS[params["check"]]
    types = set(params["types"])
    matches: list[Match] = []
    judged = unresolved = 0
    for node in resolved_nodes(doc):
        if node.kind not in types or not isinstance(node.value, dict):
            continue
        for verdict, path in _verdicts(node, check, params):
            if verdict is None:
                unresolved += 1
                continue
            judged += 1
            if verdict:
                matches.append(Match(LineSpan.at(node.line_of(path)), entity=node.ref, extra=origin(node), context={"kind": node.kind}))
                break  # one finding per resource
    return Verdicts(tuple(matches), judged, unresolved)


def _verdicts(node: Node, check: Any, params: Mapping[str, Any]) -> list[tuple[bool | None, tuple[Any, ...]]]:
    if node.kind == DATA_DOCUMENT:
        verdict, index = judge(data_document_statements(node.value), check)
        return [(verdict, ("statement", index) if index is not None else ())]
    if node.kind == "aws_lambda_permission":
        if params["check"] != "wildcard_principal":
            return []
        principal = node.value.get("principal")
        if isinstance(principal, str) and "${" in principal:
            return [(None, ("principal",))]
        narrowed = any(node.value.get(k) for k in ("source_arn", "source_account", "principal_org_id"))
        return [(principal == "*" and not narrowed, ("principal",))]
    out: list[tuple[bool | None, tuple[Any, ...]]] = []
    for argument in POLICY_ARGUMENTS.get(node.kind, ("policy",)):
        for path, value in resolve(node.value, argument).values:
            if value is None:
                continue
            verdict, _ = judge(document_statements(value), check)
            out.append((verdict, path or tuple(split_path(argument))))
    return out
