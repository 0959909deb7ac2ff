"""A python-hcl2 (lark) parse tree -> a small, immutable syntax tree of bodies and expressions.

python-hcl2 parses once into a lark tree that carries line numbers and character offsets. We
convert that tree straight into the few shapes an evaluator needs (literals, templates,
references, calls, operators, collections, `for` expressions), keeping for every expression
its character range so an expression we cannot evaluate is shown exactly as written. This
replaces python-hcl2's own transform-and-serialise pass: it is faster and keeps the structure
(`jsonencode({...})` stays an object, a heredoc keeps its interpolations).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

# ---------------------------------------------------------------------------------------------
# Expressions. Every node keeps `start`/`end`, character offsets into its file's text.


@dataclass(frozen=True, slots=True)
class Lit:
    value: Any  # str | int | float | bool | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Template:
    """A quoted string or heredoc: literal text and interpolated expressions."""

    parts: tuple[str | Expr, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Name:
    """A bare identifier: `var`, `local`, a resource type, a `for` variable."""

    name: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Traverse:
    """`base.attr`, `base[index]`, `base.*.attr`, `base[*].attr`.

    `steps` holds ("attr", name), ("index", Expr) and ("splat", None) items.
    """

    base: Expr
    steps: tuple[tuple[str, Any], ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Call:
    name: str  # "lower", "provider::aws::arn_parse"
    args: tuple[Expr, ...]
    expand_last: bool  # f(a, list...)
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TupleExpr:
    items: tuple[Expr, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ObjectExpr:
    items: tuple[tuple[Expr, Expr, int], ...]  # (key, value, line); a bare-word key is a Lit
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Conditional:
    predicate: Expr
    if_true: Expr
    if_false: Expr
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class BinaryOp:
    op: str
    left: Expr
    right: Expr
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class UnaryOp:
    op: str  # "-" or "!"
    operand: Expr
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ForExpr:
    key_var: str | None
    value_var: str
    collection: Expr
    key: Expr | None  # None for a tuple (list) comprehension
    value: Expr
    condition: Expr | None
    grouping: bool  # `...` after the value of an object comprehension
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TextRef:
    """A reference found inside a heredoc: it has no character range of its own, so it
    carries its text."""

    ref: Traverse
    text: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class TextOpaque:
    """An interpolation inside a heredoc that is more than a reference: unknown, shown as written."""

    text: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Opaque:
    """Syntax we do not evaluate (template directives): always unknown, shown as written."""

    start: int
    end: int


Expr = (
    Lit | Template | Name | Traverse | Call | TupleExpr | ObjectExpr | Conditional | BinaryOp | UnaryOp | ForExpr | Opaque
    | TextRef | TextOpaque
)

# ---------------------------------------------------------------------------------------------
# Bodies


class Attribute:
    """`name = expression`. The expression may be converted lazily: most attributes of a
    large configuration (variable descriptions, validations, unused outputs) are never
    evaluated, so the fast path converts an expression only when it is asked for."""

    __slots__ = ("_convert", "_expr", "_quick", "line", "name")

    def __init__(
        self,
        name: str,
        expr: Expr | None,
        line: int,
        *,
        convert: Callable[[], Expr] | None = None,
        quick: Callable[[], Any] | None = None,
    ) -> None:
        self.name = name
        self.line = line
        self._expr = expr
        self._convert = convert
        self._quick = quick

    @property
    def expr(self) -> Expr:
        if self._expr is None:
            assert self._convert is not None
            self._expr = self._convert()
            self._convert = None
        return self._expr

    def quick_value(self) -> Any:
        """The value as written, without evaluation: literals (and collections of them) as
        Python values, anything else as its `${...}` text. None: no quick form, evaluate."""
        return self._quick() if self._quick is not None else NO_QUICK


NO_QUICK = object()


@dataclass(frozen=True, slots=True)
class Block:
    type: str
    labels: tuple[str, ...]
    body: Body
    line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class Body:
    attributes: tuple[Attribute, ...]
    blocks: tuple[Block, ...]

    def attribute(self, name: str) -> Attribute | None:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        return None


@dataclass(frozen=True, slots=True)
class HclFile:
    """One parsed file: its top-level body and the text its expressions point into."""

    body: Body
    text: str
    path: str  # for messages: the scan-relative path, or the module file's path


# ---------------------------------------------------------------------------------------------
# Conversion from the lark tree


def convert_file(tree: Any, text: str, path: str) -> HclFile:
    body = tree.children[0] if getattr(tree, "children", None) else None
    return HclFile(_body(body) if body is not None else Body((), ()), text, path)


def _is_tree(node: Any) -> bool:
    return hasattr(node, "data")


def _subtrees(tree: Any) -> list[Any]:
    return [c for c in tree.children if _is_tree(c) and c.data != "new_line_or_comment"]


def _name_of(node: Any) -> str:
    """An attribute name or block label: identifier, keyword, literal word or string."""
    if not _is_tree(node):
        return str(node).strip('"')
    if node.data == "string":
        return "".join(str(p.children[0]) for p in node.children if _is_tree(p) and p.children and not _is_tree(p.children[0]))
    return "".join(str(c) for c in node.children if not _is_tree(c))


def _body(tree: Any) -> Body:
    attributes: list[Attribute] = []
    blocks: list[Block] = []
    for child in _subtrees(tree):
        if child.data == "attribute":
            name_node, value = child.children[0], child.children[-1]
            attributes.append(Attribute(_name_of(name_node), expr(value), child.meta.line))
        elif child.data == "block":
            names: list[str] = []
            inner: Any = None
            for part in child.children:
                if _is_tree(part) and part.data == "body":
                    inner = part
                elif _is_tree(part) and part.data in ("identifier", "keyword", "literal_value", "string"):
                    names.append(_name_of(part))
            if names:
                body = _body(inner) if inner is not None else Body((), ())
                blocks.append(Block(names[0], tuple(names[1:]), body, child.meta.line, child.meta.end_line))
    return Body(tuple(attributes), tuple(blocks))


def _span(node: Any) -> tuple[int, int]:
    if _is_tree(node):
        meta = node.meta
        return getattr(meta, "start_pos", 0), getattr(meta, "end_pos", 0)
    return getattr(node, "start_pos", 0) or 0, getattr(node, "end_pos", 0) or 0


def expr(node: Any) -> Expr:
    """Convert one lark expression subtree."""
    start, end = _span(node)
    if not _is_tree(node):
        return Opaque(start, end)
    handler = _HANDLERS.get(node.data)
    if handler is None:
        return Opaque(start, end)
    converted: Expr = handler(node, start, end)
    return converted


def _expr_term(node: Any, start: int, end: int) -> Expr:
    inner = _subtrees(node)
    if len(inner) == 1:
        converted = expr(inner[0])
        # A parenthesised expression is shown with its parentheses.
        if any(not _is_tree(c) and str(c) == "(" for c in node.children):
            return _with_span(converted, start, end)
        return converted
    if not inner and node.children:
        return Opaque(start, end)
    return Opaque(start, end)


def _with_span(e: Expr, start: int, end: int) -> Expr:
    return replace(e, start=start, end=end)


def _int(node: Any, start: int, end: int) -> Expr:
    text = str(node.children[0])
    try:
        return Lit(int(text), start, end)
    except ValueError:
        return Opaque(start, end)


def _float(node: Any, start: int, end: int) -> Expr:
    try:
        value = float(str(node.children[0]))
    except ValueError:
        return Opaque(start, end)
    return Lit(int(value) if value.is_integer() and abs(value) < 2**53 and "e" not in str(node.children[0]).lower() else value, start, end)


def _literal(node: Any, start: int, end: int) -> Expr:
    word = str(node.children[0])
    return Lit({"true": True, "false": False, "null": None}.get(word), start, end)


def _identifier(node: Any, start: int, end: int) -> Expr:
    return Name(str(node.children[0]), start, end)


def _string(node: Any, start: int, end: int) -> Expr:
    pieces: list[tuple[str, Any]] = []
    for part in node.children:
        if not _is_tree(part) or part.data != "string_part" or not part.children:
            continue
        piece = part.children[0]
        if _is_tree(piece):
            if piece.data != "interpolation":  # %{ if } / %{ for } directives
                return Opaque(start, end)
            inner = _subtrees(piece)
            pieces.append(("expr", expr(inner[0]) if inner else Opaque(*_span(piece))))
        else:
            pieces.append(("text", str(piece)))
    return string_parts(pieces, start, end)


_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def unescape(raw: str) -> str:
    """A quoted template's literal text: `$${` and `%%{` escapes, then backslash escapes."""
    text = raw.replace("$${", "${").replace("%%{", "%{")
    if "\\" not in text:
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != "\\" or i + 1 >= len(text):
            out.append(ch)
            i += 1
            continue
        nxt = text[i + 1]
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
            continue
        width = {"u": 4, "U": 8}.get(nxt)
        digits = text[i + 2 : i + 2 + width] if width else ""
        if width and len(digits) == width and all(c in "0123456789abcdefABCDEF" for c in digits):
            code = int(digits, 16)
            if code <= 0x10FFFF and not 0xD800 <= code < 0xE000:
                out.append(chr(code))
                i += 2 + width
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def string_parts(pieces: list[tuple[str, Any]], start: int, end: int) -> Expr:
    """A quoted string from ("text", raw literal) and ("expr", Expr) pieces."""
    parts: list[str | Expr] = [unescape(p) if kind == "text" else p for kind, p in pieces]
    return _template(parts, start, end)


def _template(parts: list[str | Expr], start: int, end: int) -> Expr:
    merged: list[str | Expr] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] = merged[-1] + part
        else:
            merged.append(part)
    if not merged:
        return Lit("", start, end)
    if len(merged) == 1 and isinstance(merged[0], str):
        return Lit(merged[0], start, end)
    return Template(tuple(merged), start, end)


def _heredoc(node: Any, start: int, end: int) -> Expr:
    return heredoc_expr(str(node.children[0]), start, end)


def heredoc_expr(raw: str, start: int, end: int) -> Expr:
    """A heredoc from its source text (`<<EOT` or `<<-EOT`, body, closing marker)."""
    first_newline = raw.find("\n")
    if first_newline < 0:
        return Opaque(start, end)
    trim = raw.startswith("<<-")
    marker = raw[2:first_newline].lstrip("-").strip()
    lines = raw[first_newline + 1 :].split("\n")
    # Drop the closing marker line (and the empty piece after a final newline).
    while lines and lines[-1].strip() in ("", marker):
        done = lines[-1].strip() == marker
        lines.pop()
        if done:
            break
    lines = [line.rstrip("\r") for line in lines]
    if trim:
        indents = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip()]
        cut = min(indents) if indents else 0
        lines = [line[cut:] for line in lines]
    content = "\n".join(lines) + ("\n" if lines else "")
    return _heredoc_template(content, start, end)


def _heredoc_template(content: str, start: int, end: int) -> Expr:
    """Heredocs are one token in python-hcl2's grammar: interpolations inside them are found
    here. A `${` ... `}` whose inner text is a plain reference (var.x, local.y, a.b.c) becomes
    a reference expression; anything else stays as written (unknown)."""
    if "${" not in content and "%{" not in content:
        return Lit(content, start, end)
    if "%{" in content.replace("%%{", ""):
        return Opaque(start, end)
    parts: list[str | Expr] = []
    i = 0
    while True:
        j = content.find("${", i)
        if j < 0:
            parts.append(content[i:])
            break
        if j > 0 and content[j - 1] == "$":  # $${ is an escaped literal ${
            parts.append(content[i : j - 1] + "${")
            i = j + 2
            continue
        close = _matching_brace(content, j + 2)
        if close < 0:
            return Opaque(start, end)
        parts.append(content[i:j])
        parts.append(_reference_from_text(content[j + 2 : close].strip(), start, end))
        i = close + 1
    return _template(parts, start, end)


def _matching_brace(text: str, i: int) -> int:
    depth = 1
    quoted = False
    while i < len(text):
        ch = text[i]
        if ch == '"' and text[i - 1] != "\\":
            quoted = not quoted
        elif not quoted and ch == "{":
            depth += 1
        elif not quoted and ch == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


_PLAIN_REFERENCE = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])+")
_REFERENCE_PART = re.compile(r"[A-Za-z_][\w-]*|\[\d+\]")


def _reference_from_text(inner: str, start: int, end: int) -> Expr:
    if _PLAIN_REFERENCE.fullmatch(inner):
        head, *rest = _REFERENCE_PART.findall(inner)
        steps = tuple(("index", Lit(int(s[1:-1]), start, end)) if s.startswith("[") else ("attr", s) for s in rest)
        return TextRef(Traverse(Name(head, start, end), steps, start, end), inner)
    return TextOpaque(inner)



def _tuple(node: Any, start: int, end: int) -> Expr:
    return TupleExpr(tuple(expr(c) for c in _subtrees(node)), start, end)


def _object(node: Any, start: int, end: int) -> Expr:
    items: list[tuple[Expr, Expr, int]] = []
    for elem in _subtrees(node):
        if elem.data != "object_elem":
            continue
        key_node, value_node = elem.children[0], elem.children[-1]
        items.append((_object_key(key_node), expr(value_node), elem.meta.line))
    return ObjectExpr(tuple(items), start, end)


def _object_key(node: Any) -> Expr:
    start, end = _span(node)
    inner = _subtrees(node)
    if not inner:
        return Lit(_name_of(node), start, end)
    key = inner[0]
    if key.data == "keyword":
        return Lit(_name_of(key), start, end)
    converted = expr(key)
    # `{ name = 1 }`: a bare word is the key itself, not a variable.
    if isinstance(converted, Name):
        return Lit(converted.name, converted.start, converted.end)
    return converted


def _function_call(node: Any, start: int, end: int) -> Expr:
    names = [str(c.children[0]) for c in node.children if _is_tree(c) and c.data == "identifier"]
    args: tuple[Expr, ...] = ()
    expand = False
    for child in node.children:
        if _is_tree(child) and child.data == "arguments":
            args = tuple(expr(a) for a in _subtrees(child))
            expand = any(not _is_tree(t) and str(t) == "..." for t in child.children)
    return Call("::".join(names), args, expand, start, end)


def _traversal(node: Any, start: int, end: int) -> Expr:
    base_node, step_node = node.children[0], node.children[-1]
    base = expr(base_node)
    steps = _steps(step_node)
    if steps is None:
        return Opaque(start, end)
    if isinstance(base, Traverse):
        return Traverse(base.base, base.steps + steps, start, end)
    return Traverse(base, steps, start, end)


def _steps(node: Any) -> tuple[tuple[str, Any], ...] | None:
    data = node.data
    if data == "get_attr":
        name_nodes = _subtrees(node)
        return (("attr", _name_of(name_nodes[0])),) if name_nodes else None
    if data == "braces_index":
        inner = _subtrees(node)
        return (("index", expr(inner[0])),) if inner else None
    if data == "short_index":
        token = [c for c in node.children if not _is_tree(c) and str(c) != "."]
        if not token:
            return None
        s, e = _span(token[0])
        return (("index", Lit(int(str(token[0])), s, e)),)
    if data in ("attr_splat", "full_splat"):
        out: list[tuple[str, Any]] = [("splat", None)]
        for child in _subtrees(node):
            more = _steps(child)
            if more is None:
                return None
            out.extend(more)
        return tuple(out)
    return None


def _conditional(node: Any, start: int, end: int) -> Expr:
    parts = _subtrees(node)
    if len(parts) != 3:
        return Opaque(start, end)
    return Conditional(expr(parts[0]), expr(parts[1]), expr(parts[2]), start, end)


def _binary_op(node: Any, start: int, end: int) -> Expr:
    parts = _subtrees(node)
    if len(parts) < 2 or parts[1].data != "binary_term":
        return Opaque(start, end)
    term = parts[1]
    operator = [c for c in _subtrees(term) if c.data == "binary_operator"]
    operands = [c for c in _subtrees(term) if c.data != "binary_operator"]
    if not operator or not operands:
        return Opaque(start, end)
    left, right = expr(parts[0]), expr(operands[0])
    # The grammar lets a trailing newline or comment into the operation's span: end at the operand.
    return BinaryOp(str(operator[0].children[0]).strip(), left, right, start, right.end or end)


def _unary_op(node: Any, start: int, end: int) -> Expr:
    op = next((str(c) for c in node.children if not _is_tree(c)), "")
    operand = _subtrees(node)
    if not operand:
        return Opaque(start, end)
    return UnaryOp(op, expr(operand[0]), start, end)


def _for(node: Any, start: int, end: int) -> Expr:
    intro = next((c for c in _subtrees(node) if c.data == "for_intro"), None)
    if intro is None:
        return Opaque(start, end)
    names = [str(c.children[0]) for c in intro.children if _is_tree(c) and c.data == "identifier"]
    collection = [c for c in _subtrees(intro) if c.data != "identifier"]
    if not names or not collection:
        return Opaque(start, end)
    key_var, value_var = (names[0], names[1]) if len(names) > 1 else (None, names[0])
    rest = [c for c in _subtrees(node) if c.data not in ("for_intro", "for_cond")]
    cond_node = next((c for c in _subtrees(node) if c.data == "for_cond"), None)
    condition = expr(_subtrees(cond_node)[0]) if cond_node is not None and _subtrees(cond_node) else None
    grouping = any(not _is_tree(c) and str(c) == "..." for c in node.children)
    if node.data == "for_tuple_expr":
        if len(rest) != 1:
            return Opaque(start, end)
        return ForExpr(key_var, value_var, expr(collection[0]), None, expr(rest[0]), condition, False, start, end)
    if len(rest) != 2:
        return Opaque(start, end)
    return ForExpr(key_var, value_var, expr(collection[0]), expr(rest[0]), expr(rest[1]), condition, grouping, start, end)


_HANDLERS: dict[str, Any] = {
    "expr_term": _expr_term,
    "int_lit": _int,
    "float_lit": _float,
    "literal_value": _literal,
    "identifier": _identifier,
    "string": _string,
    "heredoc_template": _heredoc,
    "heredoc_template_trim": _heredoc,
    "tuple": _tuple,
    "object": _object,
    "function_call": _function_call,
    "get_attr_expr_term": _traversal,
    "index_expr_term": _traversal,
    "attr_splat_expr_term": _traversal,
    "full_splat_expr_term": _traversal,
    "conditional": _conditional,
    "binary_op": _binary_op,
    "unary_op": _unary_op,
    "for_tuple_expr": _for,
    "for_object_expr": _for,
}
