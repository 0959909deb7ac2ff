"""Terraform outputs and variables that carry credentials in the open: an output of a
secret-bearing attribute without `sensitive = true` (it is printed by every apply and kept
readable in CI logs), and a credential-named variable with a literal default.

Read from each file on its own (`doc.nodes`): an output's value and a variable's default
are judged as written.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.iac.values import credential_name, describes_credential
from hms_policy.detectors.iac.infra_values import is_true, value_redactions
from hms_policy.engine.registry import Verdicts
from hms_policy.model import LineSpan, Match, Redaction
from hms_policy.targets.document import Document, Node

# References whose last attribute holds a secret: passwords, keys, tokens, connection strings.
_SECRET_ATTRIBUTE = re.compile(
    r"\b(?!var\.)[A-Za-z_][\w-]*\.[\w-]+(?:\[[^\]]*\])?\."
    r"(?:(?:master_|admin_|administrator_login_)?password|secret|secret_string|secret_binary|"
    r"private_key(?:_pem|_openssh|_pem_pkcs8)?|secret_access_key|ses_smtp_password_v4|"
    r"(?:primary_|secondary_)?(?:access_key|connection_string|master_key)s?|"
    r"(?:primary_|secondary_)?sql_connection_string|connection_strings|"
    r"kube_config_raw|kube_admin_config_raw|auth_token|client_secret|client_key|"
    r"primary_access_key|secondary_access_key|bearer_token|token)\b"
)
# random_password's value, and a credential-named input variable passed straight on.
_RANDOM_SECRET = re.compile(r"\brandom_password\.[\w-]+(?:\[[^\]]*\])?\.result\b")
_VARIABLE = re.compile(r"\bvar\.([A-Za-z_][\w-]*)")


def _exposes(value: str) -> str | None:
    """The secret-bearing reference an output value shows, if it shows one."""
    for pattern in (_SECRET_ATTRIBUTE, _RANDOM_SECRET):
        found = pattern.search(value)
        if found:
            return found.group(0)
    for found in _VARIABLE.finditer(value):
        if credential_name(found.group(1)):
            return found.group(0)
    return None


def output_exposes_secret(doc: Document, params: Mapping[str, Any]) -> Verdicts:
    outputs = [n for n in doc.nodes if n.kind == "output" and isinstance(n.value, Mapping)]
    if _child_module(doc.path):
        # Terraform prints only the root module's outputs; a child module's outputs reach its
        # caller alone, with the sensitivity of what they refer to, and a root output that
        # passes one on is judged where it is written.
        return Verdicts((), judged=len(outputs))
    return Verdicts(tuple(_exposing(outputs)), judged=len(outputs))


def _child_module(path: str) -> bool:
    """A file of a module kept for callers: under a `modules/` folder (Terraform's convention
    for nested modules, and the registry's layout)."""
    return "modules" in path.split("/")[:-1]


def _exposing(outputs: list[Node]) -> Iterator[Match]:
    for node in outputs:
        if is_true(node.value.get("sensitive")):
            continue
        value = node.value.get("value")
        if not isinstance(value, str) or "${" not in value:
            continue
        reference = _exposes(value)
        if reference is None:
            continue
        yield Match(LineSpan.at(node.line_of(("value",))), entity=node.ref, key="value", context={"reference": reference[:120]})


def variable_credential_default(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """A credential-named variable whose default is a literal: the value is committed, and
    used whenever no other value is given. A well-known stand-in is reported too."""
    for node in doc.nodes:
        if node.kind != "variable" or not isinstance(node.value, Mapping):
            continue
        name = node.ref.rsplit(".", 1)[-1]
        default = node.value.get("default")
        if not credential_name(name) or not isinstance(default, str):
            continue
        text = default.strip()
        if not text or "${" in text or describes_credential(text):
            continue
        line = node.line_of(("default",))
        yield Match(LineSpan.at(line), entity=node.ref, key="default", redactions=_mask(doc, line, default), context={"name": name})


def _mask(doc: Document, line: int, value: str) -> tuple[Redaction, ...]:
    return value_redactions(doc, line, [value]) if value else (Redaction(line, 0, max(1, len(doc.line(line)))),)
