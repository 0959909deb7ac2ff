"""JSON documents (FHIR resources and Bundles included) and NDJSON streams.

A small tokenizer keeps every scalar's span, so a substitute replaces exactly the characters
of the value it stands for: whitespace, key order, number formatting and escapes elsewhere
stay as written. NDJSON streams line by line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from hms_policy.deidentify.engine import Engine
from hms_policy.deidentify.formats.tree import Arr, Leaf, Node, Obj, walk
from hms_policy.deidentify.text import replace_spans

_TOKEN = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}\[\]:,]))', re.DOTALL)


class JsonSyntaxError(ValueError):
    pass


def parse(text: str) -> Node:
    """The document's tree with spans (a JSON value; a byte-order mark is skipped)."""
    pos = 1 if text.startswith("\ufeff") else 0
    stack: list[tuple[Node, str | None]] = []
    root: Node | None = None
    key: str | None = None
    expect_key = False
    length = len(text)
    while True:
        m = _TOKEN.match(text, pos)
        if m is None:
            if text[pos:].strip():
                raise JsonSyntaxError(f"invalid JSON at character {pos}")
            break
        pos = m.end()
        string, number, _literal, punct = m.groups()
        node: Node | None = None
        if punct is not None:
            if punct in "{[":
                node = Obj() if punct == "{" else Arr()
                _attach(stack, node, key)
                stack.append((node, key))
                key, expect_key = None, punct == "{"
                if root is None:
                    root = node
                continue
            if punct in "}]":
                if not stack:
                    raise JsonSyntaxError(f"unbalanced {punct} at character {pos}")
                stack.pop()
                expect_key = bool(stack) and isinstance(stack[-1][0], Obj)
                key = None
                continue
            if punct == ",":
                expect_key = bool(stack) and isinstance(stack[-1][0], Obj)
            continue
        if string is not None and expect_key:
            key = json.loads(string)
            expect_key = False
            continue
        if string is not None:
            node = Leaf(m.start(1) + 1, m.end(1) - 1, json.loads(string), '"')
        elif number is not None:
            node = Leaf(m.start(2), m.end(2), number, "")
        else:
            continue  # true/false/null hold nothing
        if not stack:
            root = node
        _attach(stack, node, key)
        key = None
        if pos >= length:
            break
    if stack:
        raise JsonSyntaxError("unexpected end of JSON document")
    return root if root is not None else Arr()


def _attach(stack: list[tuple[Node, str | None]], node: Node, key: str | None) -> None:
    if not stack:
        return
    parent = stack[-1][0]
    if isinstance(parent, Obj):
        parent.items.append((key or "", node))
    elif isinstance(parent, Arr):
        parent.items.append(node)


def encode(leaf: Leaf, new: str) -> str:
    if leaf.style == "" and new.isdigit() and (new[0] != "0" or len(new) == 1):
        return new
    body = json.dumps(new, ensure_ascii=False)[1:-1]
    return body if leaf.style == '"' else f'"{body}"'


def deidentify_json(text: str, engine: Engine) -> str:
    return replace_spans(text, walk(parse(text), engine, encode))


def deidentify_ndjson(lines: Iterable[str], engine: Engine, errors: list[str]) -> Iterator[str]:
    for number, line in enumerate(lines, 1):
        body = line.rstrip("\r\n")
        if not body.strip():
            yield line
            continue
        try:
            new = deidentify_json(body, engine)
        except JsonSyntaxError:
            from hms_policy.deidentify.text import deidentify_text

            errors.append(f"line {number}: not JSON; de-identified as text")
            new = deidentify_text(body, engine)
        yield new + line[len(body):]
