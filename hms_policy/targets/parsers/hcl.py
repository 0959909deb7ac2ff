"""Terraform -> nodes: one per top-level block, with the line of every attribute.

`.tf` / `.tfvars` / `.hcl` text is parsed once (python-hcl2's lark parser, then our own syntax
tree: targets/terraform/hclast.py). Node values here are the file read on its own: literals
and functions of literals are evaluated, any reference shows as written (`${var.x}`).
Resolution across the directory (variables, tfvars, locals, count/for_each, modules) happens
later, in targets/terraform/resolve.py, from the syntax tree kept on the document.

JSON comes in two shapes: Terraform plans and state (`terraform show -json`), whose values
are already resolved (an attribute only known after apply shows as `${(known after apply)}`),
and Terraform's JSON configuration syntax (`*.tf.json`).
"""

from __future__ import annotations

from typing import Any

from hms_policy.model import LineSpan
from hms_policy.targets.document import Document, Node, PathKey
from hms_policy.targets.terraform.hclast import Block, HclFile, Lit

HCL_MEMO = "terraform:hcl"
KNOWN_AFTER_APPLY = "${(known after apply)}"


def terraform_nodes(doc: Document) -> list[Node]:
    name = doc.file.name
    if name.endswith(".json"):
        return _json_nodes(doc)
    from hms_policy.targets.terraform.files import parse_hcl

    hcl: HclFile = doc.memo(HCL_MEMO, lambda: parse_hcl(doc.text, doc.path))
    if name.endswith(".tfvars"):
        return [tfvars_node(hcl, name)]
    return block_nodes(hcl)


def hcl_file(doc: Document) -> HclFile | None:
    """The syntax tree of a parsed HCL document (None if it is JSON or failed to parse)."""
    if doc.file.name.endswith(".json"):
        return None
    _ = doc.nodes  # parses once; a failure lands in doc.errors
    found: HclFile | None = doc.memo(HCL_MEMO, lambda: None)
    return found


def tfvars_node(hcl: HclFile, name: str) -> Node:
    from hms_policy.targets.terraform.evaluate import no_references
    from hms_policy.targets.terraform.expressions import evaluator
    from hms_policy.targets.terraform.render import render_body

    positions: dict[PathKey, int] = {}
    value = render_body(hcl.body, evaluator(hcl.text, no_references), expand_dynamic=False, positions=positions)
    end = max(1, hcl.text.count("\n") + 1)
    return Node(name, "tfvars", value, LineSpan(1, end), positions, {"block": "tfvars"})


def block_nodes(hcl: HclFile) -> list[Node]:
    from hms_policy.targets.terraform.evaluate import no_references
    from hms_policy.targets.terraform.expressions import evaluator
    from hms_policy.targets.terraform.render import render_body

    literal = evaluator(hcl.text, no_references)
    nodes: list[Node] = []
    for block in hcl.body.blocks:
        positions: dict[PathKey, int] = {}
        value = render_body(block.body, literal, expand_dynamic=False, positions=positions, as_written=True)
        nodes.append(node_for(block, value, positions))
    return nodes


def node_for(block: Block, value: Any, positions: dict[PathKey, int], *, prefix: str = "", meta: dict[str, Any] | None = None) -> Node:
    """The node of a top-level block; `prefix` is "module.<name>." for a module's blocks."""
    kind, labels = block.type, block.labels
    info: dict[str, Any] = {"block": kind, "hcl": block, **(meta or {})}
    span = LineSpan(block.line, block.end_line)
    if kind == "resource" and len(labels) >= 2:
        return Node(f"{prefix}{labels[0]}.{labels[1]}", labels[0], value, span, positions, info)
    if kind == "data" and len(labels) >= 2:
        return Node(f"{prefix}data.{labels[0]}.{labels[1]}", f"data.{labels[0]}", value, span, positions, info)
    if kind == "variable" and labels:
        return Node(f"{prefix}var.{labels[0]}", "variable", value, span, positions, info)
    if kind == "provider" and labels:
        alias = block.body.attribute("alias")
        name = labels[0]
        if alias is not None and isinstance(alias.expr, Lit) and isinstance(alias.expr.value, str):
            name = f"{name}.{alias.expr.value}"
        return Node(f"{prefix}provider.{name}", "provider", value, span, positions, {**info, "name": labels[0]})
    if kind in ("module", "output") and labels:
        return Node(f"{prefix}{kind}.{labels[0]}", kind, value, span, positions, {**info, "name": labels[0]})
    return Node(f"{prefix}{kind}", kind, value, span, positions, info)


# ---------------------------------------------------------------------------------------------
# JSON: plans, state and the JSON configuration syntax


def _json_nodes(doc: Document) -> list[Node]:
    from hms_policy.targets.parsers.yamlish import load_documents

    docs = load_documents(doc.text)
    if not docs or not isinstance(docs[0].value, dict):
        return []
    data, positions = docs[0].value, docs[0].positions
    if "planned_values" in data or "prior_state" in data or ("values" in data and "format_version" in data):
        return _plan_nodes(data, positions)
    if doc.file.name.endswith(".tf.json"):
        return _json_config_nodes(data, positions)
    return []


def _plan_nodes(plan: dict[str, Any], positions: dict[PathKey, int]) -> list[Node]:
    """Managed resources of a plan's planned_values (or a state's values), values resolved."""
    if isinstance(plan.get("planned_values"), dict):
        root_key: tuple[str, ...] = ("planned_values", "root_module")
    elif isinstance(plan.get("values"), dict):
        root_key = ("values", "root_module")
    else:
        root_key = ("prior_state", "values", "root_module")
    root: Any = plan
    for key in root_key:
        root = root.get(key) if isinstance(root, dict) else None
    unknown = _after_unknown(plan)
    config = _configuration_index(plan)
    nodes: list[Node] = []
    stack: list[tuple[Any, PathKey]] = [(root, root_key)] if isinstance(root, dict) else []
    while stack:
        module, prefix = stack.pop()
        for i, resource in enumerate(module.get("resources") or []):
            if not isinstance(resource, dict) or resource.get("mode", "managed") != "managed":
                continue
            base = (*prefix, "resources", i, "values")
            n = len(base)
            sub = {k[n:]: v for k, v in positions.items() if k[:n] == base}
            line = positions.get((*prefix, "resources", i), 1)
            span = LineSpan(line, max(sub.values(), default=line))
            address = str(resource.get("address", ""))
            values = resource.get("values") if isinstance(resource.get("values"), dict) else {}
            values = _mark_unknown(values, unknown.get(address))
            meta = {"block": "resource", "plan": True, **config.get(_config_address(address), {})}
            nodes.append(Node(address, str(resource.get("type", "")), values, span, sub, meta))
        for j, child in enumerate(module.get("child_modules") or []):
            if isinstance(child, dict):
                stack.append((child, (*prefix, "child_modules", j)))
    nodes.sort(key=lambda n: (n.span.start, n.ref))
    return nodes


def _after_unknown(plan: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for change in plan.get("resource_changes") or []:
        if isinstance(change, dict) and isinstance(change.get("change"), dict):
            after_unknown = change["change"].get("after_unknown")
            if after_unknown:
                out[str(change.get("address", ""))] = after_unknown
    return out


def _mark_unknown(values: Any, unknown: Any) -> Any:
    """Values known only after apply are absent from a plan's values: mark them, so a
    condition treats them as unresolved rather than missing."""
    if unknown is True:
        return KNOWN_AFTER_APPLY if values is None else values
    if isinstance(unknown, dict) and isinstance(values, dict):
        out = dict(values)
        for key, flag in unknown.items():
            out[key] = _mark_unknown(values.get(key), flag)
        return out
    if isinstance(unknown, list) and isinstance(values, list):
        return [_mark_unknown(v, unknown[i]) if i < len(unknown) else v for i, v in enumerate(values)]
    if isinstance(unknown, list) and values is None and any(u is True or u for u in unknown):
        return KNOWN_AFTER_APPLY
    return values


def _config_address(address: str) -> str:
    """`module.a["x"].aws_s3_bucket.b[0]` -> `module.a.aws_s3_bucket.b` (configuration address)."""
    import re

    return re.sub(r"\[[^\]]*\]", "", address)


def _configuration_index(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per configuration address: the references each argument makes and the provider
    region, from the plan's `configuration` section."""
    configuration = plan.get("configuration")
    if not isinstance(configuration, dict):
        return {}
    regions: dict[str, Any] = {}
    for key, provider in (configuration.get("provider_config") or {}).items():
        if isinstance(provider, dict):
            region = ((provider.get("expressions") or {}).get("region") or {})
            if isinstance(region, dict) and "constant_value" in region:
                regions[key] = region["constant_value"]
    out: dict[str, dict[str, Any]] = {}
    stack: list[tuple[Any, str]] = [(configuration.get("root_module"), "")]
    while stack:
        module, prefix = stack.pop()
        if not isinstance(module, dict):
            continue
        for resource in module.get("resources") or []:
            if not isinstance(resource, dict):
                continue
            refs = {
                name: tuple(expr.get("references") or ())
                for name, expr in (resource.get("expressions") or {}).items()
                if isinstance(expr, dict) and expr.get("references")
            }
            info: dict[str, Any] = {"references": refs, "scope": prefix}
            key = resource.get("provider_config_key")
            if isinstance(key, str):
                info["provider"] = key.split(":")[-1]
                if key in regions:
                    info["region"] = regions[key]
            out[prefix + str(resource.get("address", ""))] = info
        for name, call in (module.get("module_calls") or {}).items():
            if isinstance(call, dict):
                stack.append((call.get("module"), f"{prefix}module.{name}."))
    return out


def _json_config_nodes(data: dict[str, Any], positions: dict[PathKey, int]) -> list[Node]:
    """`*.tf.json`: resources, data sources and providers; interpolations stay unresolved."""
    nodes: list[Node] = []
    for block in ("resource", "data"):
        types = data.get(block)
        if not isinstance(types, dict):
            continue
        for rtype, named in types.items():
            if not isinstance(named, dict):
                continue
            for name, body in named.items():
                for i, value in enumerate(body if isinstance(body, list) else [body]):
                    if not isinstance(value, dict):
                        continue
                    base: PathKey = (block, rtype, name, i) if isinstance(body, list) else (block, rtype, name)
                    n = len(base)
                    sub = {k[n:]: v for k, v in positions.items() if k[:n] == base}
                    line = positions.get(base, 1)
                    span = LineSpan(line, max(sub.values(), default=line))
                    ref = f"{rtype}.{name}" if block == "resource" else f"data.{rtype}.{name}"
                    kind = rtype if block == "resource" else f"data.{rtype}"
                    nodes.append(Node(ref, kind, value, span, sub, {"block": block}))
    return nodes
