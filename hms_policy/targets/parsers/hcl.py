"""Terraform -> nodes, one per top-level block, with attribute lines.

python-hcl2 is parsed once into a lark tree (which carries line numbers); values come from
serialising that same tree, positions from walking it. Terraform plan JSON
(`terraform show -json`) becomes nodes too, with values already resolved.
"""

from __future__ import annotations

from typing import Any

from hms_policy.model import LineSpan
from hms_policy.targets.document import Document, Node, ParseError, PathKey

_BLOCK_MARK = "__is_block__"


def terraform_nodes(doc: Document) -> list[Node]:
    name = doc.file.name
    if name.endswith(".json"):
        return _json_nodes(doc)
    fast = _fast_nodes(doc)
    if fast is not None:
        return fast
    tree, values = _parse_hcl(doc.text)
    if name.endswith(".tfvars"):
        positions = {key: line for key, line in _body_positions(tree.children[0] if tree.children else None, ()).items()}
        return [Node(name, "tfvars", _clean(values), LineSpan(1, max(1, len(doc.lines))), positions, {"block": "tfvars"})]
    return _block_nodes(tree, values)


def _fast_nodes(doc: Document) -> list[Node] | None:
    """tree-sitter's nodes, or None to take python-hcl2's path (not installed, or a syntax
    error, whose message python-hcl2 words better)."""
    from hms_policy.targets.parsers import hcl_fast

    if not hcl_fast.available():
        return None
    try:
        blocks, attributes, positions = hcl_fast.parse_blocks(doc.text.encode("utf-8"))
    except hcl_fast.SyntaxProblem:
        return None
    if doc.file.name.endswith(".tfvars"):
        return [Node(doc.file.name, "tfvars", attributes, LineSpan(1, max(1, len(doc.lines))), positions, {"block": "tfvars"})]
    return [_node_for(kind, labels, value, LineSpan(first, last), block_positions) for kind, labels, value, first, last, block_positions in blocks]


def _parse_hcl(text: str) -> tuple[Any, dict[str, Any]]:
    import hcl2
    from hcl2.api import serialize, transform
    from hcl2.utils import SerializationOptions
    from lark.exceptions import LarkError

    try:
        tree = hcl2.parses_to_tree(text)
        values = serialize(transform(tree), serialization_options=SerializationOptions(strip_string_quotes=True, with_comments=False))
    except LarkError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        line = getattr(exc, "line", None)
        where = f" at line {line}" if isinstance(line, int) and line > 0 else ""
        raise ParseError(f"invalid HCL{where}: {first[:200]}") from None
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        raise ParseError(f"invalid HCL: {type(exc).__name__}: {str(exc)[:200]}") from None
    return tree, values


def _clean(value: Any) -> Any:
    """Drop python-hcl2's bookkeeping keys."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k != _BLOCK_MARK and not (isinstance(k, str) and k.startswith("__"))}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _token_text(tree: Any) -> str:
    """The text of an identifier or string label subtree."""
    if not hasattr(tree, "children"):
        return str(tree).strip('"')
    parts = []
    for child in tree.children:
        if hasattr(child, "children"):
            parts.append(_token_text(child))
        elif str(child) != '"':
            parts.append(str(child))
    return "".join(parts)


def _block_parts(block: Any) -> tuple[list[str], Any]:
    labels: list[str] = []
    body = None
    for child in block.children:
        data = getattr(child, "data", None)
        if data == "body":
            body = child
        elif data in ("identifier", "string"):
            labels.append(_token_text(child))
        elif data is None and str(child) not in ("{", "}") and str(child).strip():
            labels.append(str(child).strip('"'))
    return labels, body


def _body_positions(body: Any, prefix: PathKey) -> dict[PathKey, int]:
    positions: dict[PathKey, int] = {}
    if body is None:
        return positions
    block_counts: dict[str, int] = {}
    for child in body.children:
        data = getattr(child, "data", None)
        if data == "attribute":
            key = _token_text(child.children[0])
            positions[(*prefix, key)] = child.meta.line
            _object_positions(child, (*prefix, key), positions)
        elif data == "block":
            labels, inner = _block_parts(child)
            if not labels:
                continue
            kind = labels[0]
            index = block_counts.get(kind, 0)
            block_counts[kind] = index + 1
            path: PathKey = (*prefix, kind, index, *labels[1:])
            positions[path] = child.meta.line
            positions.setdefault((*prefix, kind), child.meta.line)
            positions.update(_body_positions(inner, path))
    return positions


def _object_positions(tree: Any, prefix: PathKey, positions: dict[PathKey, int]) -> None:
    for child in getattr(tree, "children", ()):
        data = getattr(child, "data", None)
        if data == "object_elem" and child.children:
            key = _token_text(child.children[0])
            positions[(*prefix, key)] = child.meta.line
            _object_positions(child, (*prefix, key), positions)
        elif data is not None and data not in ("block", "attribute"):
            _object_positions(child, prefix, positions)


def _block_nodes(tree: Any, values: dict[str, Any]) -> list[Node]:
    body = tree.children[0] if tree.children else None
    if body is None:
        return []
    # Serialised values, by block type, in source order: they pair with the tree's blocks.
    pending: dict[str, list[Any]] = {k: list(v) for k, v in values.items() if isinstance(v, list)}
    nodes: list[Node] = []
    for child in body.children:
        if getattr(child, "data", None) != "block":
            continue
        labels, inner = _block_parts(child)
        if not labels or not pending.get(labels[0]):
            continue
        block_type = labels[0]
        value = pending[block_type].pop(0)
        for label in labels[1:]:
            if isinstance(value, dict) and label in value:
                value = value[label]
        value = _clean(value)
        span = LineSpan(child.meta.line, child.meta.end_line)
        positions = _body_positions(inner, ())
        nodes.append(_node_for(block_type, labels[1:], value, span, positions))
    return nodes


def _node_for(block_type: str, labels: list[str], value: Any, span: LineSpan, positions: dict[PathKey, int]) -> Node:
    meta = {"block": block_type}
    if block_type == "resource" and len(labels) >= 2:
        return Node(f"{labels[0]}.{labels[1]}", labels[0], value, span, positions, meta)
    if block_type == "data" and len(labels) >= 2:
        return Node(f"data.{labels[0]}.{labels[1]}", f"data.{labels[0]}", value, span, positions, meta)
    if block_type == "variable" and labels:
        return Node(f"var.{labels[0]}", "variable", value, span, positions, meta)
    if block_type in ("module", "output", "provider") and labels:
        return Node(f"{block_type}.{labels[0]}", block_type, value, span, positions, {**meta, "name": labels[0]})
    return Node(block_type, block_type, value, span, positions, meta)


def _json_nodes(doc: Document) -> list[Node]:
    """Terraform plan JSON: resources of planned_values, values already resolved."""
    from hms_policy.targets.parsers.yamlish import load_documents

    docs = load_documents(doc.text)
    if not docs or not isinstance(docs[0].value, dict):
        return []
    plan, positions = docs[0].value, docs[0].positions
    nodes: list[Node] = []
    root = (plan.get("planned_values") or {}).get("root_module")
    stack: list[tuple[Any, PathKey]] = [(root, ("planned_values", "root_module"))] if isinstance(root, dict) else []
    while stack:
        module, prefix = stack.pop()
        for i, resource in enumerate(module.get("resources") or []):
            if not isinstance(resource, dict) or resource.get("mode", "managed") != "managed":
                continue
            sub_prefix = (*prefix, "resources", i, "values")
            sub = {k[len(sub_prefix):]: v for k, v in positions.items() if k[: len(sub_prefix)] == sub_prefix}
            line = positions.get((*prefix, "resources", i), 1)
            span = LineSpan(line, max(sub.values(), default=line))
            nodes.append(Node(str(resource.get("address", "")), str(resource.get("type", "")), resource.get("values") or {}, span, sub, {"block": "resource", "plan": True}))
        for j, child in enumerate(module.get("child_modules") or []):
            if isinstance(child, dict):
                stack.append((child, (*prefix, "child_modules", j)))
    return nodes
