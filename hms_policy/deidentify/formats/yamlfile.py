"""YAML documents: PyYAML's composer gives every scalar's position, so substitutes go into
exactly those characters, written in the scalar's own style; comments and layout stay."""

from __future__ import annotations

import json
import re
from typing import Any

from hms_policy.deidentify.engine import Engine
from hms_policy.deidentify.formats.tree import Arr, Leaf, Node, Obj, walk
from hms_policy.deidentify.text import deidentify_text, replace_spans

_SAFE_PLAIN = re.compile(r"^[A-Za-z0-9\[(][\w .@+\-/(),\[\]]*$")


def _tree(node: Any, scalars: list[tuple[int, int]]) -> Node:
    import yaml

    if isinstance(node, yaml.MappingNode):
        obj = Obj()
        for key_node, value_node in node.value:
            scalars.append((key_node.start_mark.index, key_node.end_mark.index))
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            obj.items.append((str(key), _tree(value_node, scalars)))
        return obj
    if isinstance(node, yaml.SequenceNode):
        return Arr([_tree(item, scalars) for item in node.value])
    scalars.append((node.start_mark.index, node.end_mark.index))
    style = node.style or ""
    if style in ("|", ">"):
        return Leaf(node.start_mark.index, node.end_mark.index, node.value, "|")
    return Leaf(node.start_mark.index, node.end_mark.index, str(node.value), style)


class _Encoder:
    def __init__(self, text: str, engine: Engine) -> None:
        self.text = text
        self.engine = engine

    def __call__(self, leaf: Leaf, new: str) -> str:
        if leaf.style == "'":
            return "'" + new.replace("'", "''") + "'"
        if leaf.style == '"':
            return json.dumps(new, ensure_ascii=False)
        if leaf.style == "|":
            # a block scalar: de-identify its raw lines as text, indicator and indentation kept
            raw = self.text[leaf.start : leaf.end]
            lines = raw.splitlines(True)
            body = lines[1:]
            old_lines = leaf.value.splitlines(True)
            new_lines = new.splitlines(True)
            if body and len(old_lines) == len(new_lines) <= len(body):
                out = [lines[0]]
                for i, line in enumerate(body):
                    if i < len(old_lines):
                        indent = line[: len(line) - len(line.lstrip(" "))]
                        ending = line[len(line.rstrip("\r\n")) :]
                        if line[len(indent) :].rstrip("\r\n") == old_lines[i].rstrip("\n"):
                            out.append(indent + new_lines[i].rstrip("\n") + ending)
                            continue
                    out.append(line)
                return "".join(out)
            return "".join(deidentify_text(line, self.engine) if i else line for i, line in enumerate(lines))
        if _SAFE_PLAIN.match(new) and ": " not in new and " #" not in new:
            return new
        return "'" + new.replace("'", "''") + "'"


def deidentify_yaml(text: str, engine: Engine) -> str:
    import yaml

    edits = []
    scalars: list[tuple[int, int]] = []
    encoder = _Encoder(text, engine)
    for document in yaml.compose_all(text, Loader=yaml.SafeLoader):
        if document is not None:
            edits.extend(walk(_tree(document, scalars), engine, encoder))
    edits.extend(_comments(text, scalars, engine))
    return replace_spans(text, edits)


_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#[^\r\n]*", re.MULTILINE)


def _comments(text: str, scalars: list[tuple[int, int]], engine: Engine) -> list[tuple[int, int, str]]:
    """Comments are free text too (`# patient ssn ...`): those outside every scalar."""
    if "#" not in text:
        return []
    import bisect

    spans = sorted(scalars)
    starts = [s for s, _ in spans]
    out = []
    for m in _COMMENT.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and spans[i][0] <= m.start() < spans[i][1]:
            continue
        new = deidentify_text(m.group(0), engine)
        if new != m.group(0):
            out.append((m.start(), m.end(), new))
    return out
