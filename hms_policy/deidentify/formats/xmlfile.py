"""XML: dbunit datasets (one element per row, columns as attributes) and FHIR XML (elements
with a `value` attribute, narrative XHTML). A tokenizer keeps each attribute's and text's
span; the tree walk shared with JSON decides what each holds."""

from __future__ import annotations

import html
import re

from hms_policy.deidentify.engine import Engine
from hms_policy.deidentify.formats.tree import Leaf, Obj, walk
from hms_policy.deidentify.text import replace_spans

_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[(?P<cdata>.*?)\]\]>|<\?.*?\?>|<!.*?>|</(?P<close>[^\s>]+)\s*>"
    r"|<(?P<open>[A-Za-z_][\w:.\-]*)(?P<attrs>(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?P<self>/?)>",
    re.DOTALL,
)
_ATTR = re.compile(r"([^\s=/>]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


class XmlSyntaxError(ValueError):
    pass


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def parse(text: str) -> Obj:
    root = Obj(tag="#document")
    stack: list[Obj] = [root]
    pos = 0
    for m in _TOKEN.finditer(text):
        _text(text, pos, m.start(), stack[-1])
        pos = m.end()
        if m.group(0).startswith("<!--"):
            stack[-1].items.append(("#comment", Leaf(m.start() + 4, m.end() - 3, m.group(0)[4:-3], "comment")))
        elif m.group("cdata") is not None:
            stack[-1].items.append(("#text", Leaf(m.start("cdata"), m.end("cdata"), m.group("cdata"), "cdata")))
        elif m.group("close"):
            if len(stack) == 1:
                raise XmlSyntaxError(f"unexpected closing tag at character {m.start()}")
            stack.pop()
        elif m.group("open"):
            tag = _local(m.group("open"))
            element = Obj(tag=tag)
            base = m.start("attrs")
            attrs = list(_ATTR.finditer(m.group("attrs")))
            values = [a for a in attrs if not a.group(1).startswith("xmlns")]
            if len(values) == 1 and values[0].group(1) == "value" and m.group("self"):
                a = values[0]
                group = 2 if a.group(2) is not None else 3
                stack[-1].items.append((tag, Leaf(base + a.start(group), base + a.end(group), html.unescape(a.group(group)), "attr")))
                continue
            for a in values:
                group = 2 if a.group(2) is not None else 3
                element.items.append((_local(a.group(1)), Leaf(base + a.start(group), base + a.end(group), html.unescape(a.group(group)), "attr")))
            stack[-1].items.append((tag, element))
            if not m.group("self"):
                stack.append(element)
    _text(text, pos, len(text), stack[-1])
    return root


def _text(text: str, start: int, end: int, parent: Obj) -> None:
    raw = text[start:end]
    if not raw.strip() or "<" in raw:
        return
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw.rstrip())
    value = html.unescape(raw[lead:trail])
    if parent.items or parent.tag in ("#document",):
        parent.items.append(("#text", Leaf(start + lead, start + trail, value, "text")))
    else:
        # an element holding only text: the text is its value (`<ssn>...</ssn>`)
        parent.items.append(("#value", Leaf(start + lead, start + trail, value, "text")))


def encode(leaf: Leaf, new: str) -> str:
    if leaf.style == "comment":
        return new.replace("--", "- -")
    if leaf.style == "cdata":
        return new.replace("]]>", "]]&gt;")
    return html.escape(new, quote=leaf.style == "attr")


def _lift_values(node: Obj) -> None:
    """`<ssn>123</ssn>` reads as the field `ssn`: its text takes the element's name."""
    for i, (key, child) in enumerate(node.items):
        if isinstance(child, Obj):
            if len(child.items) == 1 and child.items[0][0] == "#value":
                node.items[i] = (key, child.items[0][1])
            else:
                child.items = [("#text", c) if k == "#value" else (k, c) for k, c in child.items]
                _lift_values(child)


def deidentify_xml(text: str, engine: Engine) -> str:
    root = parse(text)
    _lift_values(root)
    return replace_spans(text, walk(root, engine, encode))
