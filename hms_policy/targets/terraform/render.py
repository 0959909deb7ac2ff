"""Block bodies -> node values (plain data) and the line of every key path.

The shape follows python-hcl2's: an attribute is a key; nested blocks of one type form a list
under that type (`versioning: [{enabled: true}]`); a labelled nested block nests under its
labels (`dynamic: [{ingress: {...}}]`). When `expand_dynamic` is set, `dynamic "x"` blocks are
expanded into the `x` blocks Terraform would generate.
"""

from __future__ import annotations

from typing import Any

from hms_policy.targets.document import PathKey
from hms_policy.targets.terraform.evaluate import MAX_ITEMS, Evaluator, is_known, missing, to_plain
from hms_policy.targets.terraform.hclast import NO_QUICK, Block, Body, Lit, ObjectExpr


def render_body(
    body: Body, ev: Evaluator, *, expand_dynamic: bool, positions: dict[PathKey, int], prefix: PathKey = (), as_written: bool = False
) -> dict[str, Any]:
    """`as_written`: values as the file states them, without evaluating (the parser's view;
    cheap, since expressions need not be built)."""
    out: dict[str, Any] = {}
    for attribute in body.attributes:
        path = (*prefix, attribute.name)
        positions[path] = attribute.line
        quick = attribute.quick_value() if as_written else NO_QUICK
        if quick is not NO_QUICK:
            out[attribute.name] = quick
            continue
        out[attribute.name] = to_plain(ev(attribute.expr))
        if isinstance(attribute.expr, ObjectExpr):
            _object_positions(attribute.expr, path, positions)
    for block in body.blocks:
        if expand_dynamic and block.type == "dynamic" and block.labels:
            _expand_dynamic(block, ev, out, positions, prefix)
            continue
        _add_block(block, ev, out, positions, prefix, expand_dynamic, as_written)
    return out


def _add_block(
    block: Block, ev: Evaluator, out: dict[str, Any], positions: dict[PathKey, int], prefix: PathKey, expand_dynamic: bool, as_written: bool
) -> None:
    siblings = out.setdefault(block.type, [])
    if not isinstance(siblings, list):  # an attribute of the same name already holds the key
        return
    index = len(siblings)
    path: PathKey = (*prefix, block.type, index, *block.labels)
    family: PathKey = (*prefix, block.type)
    entry: PathKey = (*prefix, block.type, index)
    positions.setdefault(family, block.line)
    positions[entry] = block.line
    positions[path] = block.line
    value: Any = render_body(block.body, ev, expand_dynamic=expand_dynamic, positions=positions, prefix=path, as_written=as_written)
    for label in reversed(block.labels):
        value = {label: value}
    siblings.append(value)


def _expand_dynamic(block: Block, ev: Evaluator, out: dict[str, Any], positions: dict[PathKey, int], prefix: PathKey) -> None:
    name = block.labels[0]
    for_each_attr = block.body.attribute("for_each")
    iterator_attr = block.body.attribute("iterator")
    iterator = name
    if iterator_attr is not None:
        expr = iterator_attr.expr
        iterator = getattr(expr, "name", None) or (expr.value if isinstance(expr, Lit) and isinstance(expr.value, str) else name)
    content = next((b for b in block.body.blocks if b.type == "content"), None)
    if content is None:
        return
    collection: Any = ev(for_each_attr.expr) if for_each_attr is not None else missing("${?}")
    if isinstance(collection, dict):
        pairs: list[tuple[Any, Any]] = list(collection.items())
    elif isinstance(collection, list):
        pairs = [(i, v) for i, v in enumerate(collection)]
    else:
        pairs = []
    if not is_known(collection) or len(pairs) > MAX_ITEMS:
        # One block whose every iterator-dependent value is unknown.
        pairs = [(missing(f"${{{iterator}.key}}"), missing(f"${{{iterator}.value}}"))]
    siblings = out.setdefault(name, [])
    if not isinstance(siblings, list):
        return
    for key, value in pairs:
        index = len(siblings)
        path: PathKey = (*prefix, name, index)
        positions.setdefault((*prefix, name), block.line)
        positions[path] = block.line
        inner = ev.bind(**{iterator: {"key": key, "value": value}})
        siblings.append(render_body(content.body, inner, expand_dynamic=True, positions=positions, prefix=path))


def _object_positions(obj: ObjectExpr, prefix: PathKey, positions: dict[PathKey, int]) -> None:
    for key, value, line in obj.items:
        if isinstance(key, Lit) and isinstance(key.value, str):
            path = (*prefix, key.value)
            positions[path] = line
            if isinstance(value, ObjectExpr):
                _object_positions(value, path, positions)
