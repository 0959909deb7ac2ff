"""tree-sitter-hcl's concrete syntax tree -> our syntax tree (hclast), the fast path.

tree-sitter parses HCL an order of magnitude faster than python-hcl2's lark grammar. This
module builds the same `Body`/`Expr` shapes the lark converter (hclast.convert_file) builds,
so evaluation and rules see one tree whichever parser ran; `tests/unit/test_terraform_hcl.py`
checks the two agree. On a syntax error tree-sitter gives up (`SyntaxProblem`) and the caller
falls back to python-hcl2, which words the error for the report.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from hms_policy.targets.terraform.hclast import (
    Attribute,
    BinaryOp,
    Block,
    Body,
    Call,
    Conditional,
    Expr,
    ForExpr,
    HclFile,
    Lit,
    Name,
    ObjectExpr,
    Opaque,
    Traverse,
    TupleExpr,
    UnaryOp,
    heredoc_expr,
    string_parts,
)

_PARSER: Any = None
_OPERATORS = frozenset({"+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||", "!"})


class SyntaxProblem(Exception):
    """tree-sitter found a syntax error (or a construct it does not know) at `line`."""

    def __init__(self, line: int) -> None:
        super().__init__(f"syntax error at line {line}")
        self.line = line


def available() -> bool:
    try:
        _parser()
    except ImportError:
        return False
    return True


def _parser() -> Any:
    global _PARSER
    if _PARSER is None:
        import tree_sitter
        import tree_sitter_hcl

        _PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_hcl.language()))
    return _PARSER


def convert(text: str, path: str) -> HclFile:
    source = text.encode("utf-8", "replace")
    root = _parser().parse(source).root_node
    if root.has_error:
        raise SyntaxProblem(_first_error_line(root))
    converter = _Converter(text, source)
    body = next((c for c in root.children if c.type == "body"), None)
    return HclFile(converter.body(body) if body is not None else Body((), ()), text, path)


def _first_error_line(node: Any) -> int:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "ERROR" or current.is_missing:
            return int(current.start_point[0]) + 1
        if current.has_error:
            stack.extend(reversed(current.children))
    return int(node.start_point[0]) + 1


class _Converter:
    def __init__(self, text: str, source: bytes) -> None:
        self.text = text
        self.source = source
        # Character offset of each byte, only needed when the text is not pure ASCII.
        self._chars: list[int] | None = None
        if len(source) != len(text):
            chars: list[int] = []
            for i, ch in enumerate(text):
                chars.extend([i] * len(ch.encode("utf-8", "replace")))
            chars.append(len(text))
            self._chars = chars

    def span(self, node: Any) -> tuple[int, int]:
        start, end = node.start_byte, node.end_byte
        if self._chars is not None:
            return self._chars[start], self._chars[min(end, len(self._chars) - 1)]
        return start, end

    def raw(self, node: Any) -> str:
        return self.source[node.start_byte : node.end_byte].decode("utf-8", "replace")

    # -- bodies ------------------------------------------------------------------------------

    def body(self, node: Any) -> Body:
        attributes: list[Attribute] = []
        blocks: list[Block] = []
        for child in node.children:
            if child.type == "attribute":
                name, value = self._attribute_parts(child)
                line = child.start_point[0] + 1
                if value is None:
                    attributes.append(Attribute(name, Opaque(*self.span(child)), line))
                else:
                    attributes.append(Attribute(name, None, line, convert=partial(self.expr, value), quick=partial(self.quick, value)))
            elif child.type == "block":
                blocks.append(self._block(child))
        return Body(tuple(attributes), tuple(blocks))

    def _attribute_parts(self, node: Any) -> tuple[str, Any]:
        name = ""
        value = None
        for child in node.children:
            if child.type == "identifier" and not name:
                name = self.raw(child)
            elif child.type == "expression":
                value = child
        return name, value

    def _block(self, node: Any) -> Block:
        names: list[str] = []
        inner = None
        for child in node.children:
            if child.type == "identifier":
                names.append(self.raw(child))
            elif child.type == "string_lit":
                names.append(self._label(child))
            elif child.type == "body":
                inner = child
        body = self.body(inner) if inner is not None else Body((), ())
        return Block(names[0] if names else "", tuple(names[1:]), body, node.start_point[0] + 1, node.end_point[0] + 1)

    # -- the value as written, without building expressions ------------------------------------

    def quick(self, node: Any) -> Any:
        children = [c for c in node.children if c.type != "comment"]
        if len(children) == 1:
            only = children[0]
            kind = only.type
            if kind == "literal_value":
                start, end = self.span(only)
                literal = self._literal_value(only, start, end)
                if isinstance(literal, Lit):
                    return literal.value
            elif kind == "collection_value":
                inner = only.children[0]
                if inner.type == "tuple":
                    return [self.quick(c) for c in inner.children if c.type == "expression"]
                out: dict[str, Any] = {}
                for element in inner.children:
                    key_node = element.child_by_field_name("key") if element.type == "object_elem" else None
                    value_node = element.child_by_field_name("val") if element.type == "object_elem" else None
                    if key_node is None or value_node is None:
                        continue
                    key = self.quick(key_node)
                    if isinstance(key, str) and key.startswith("${") and key.endswith("}") and key[2:-1].isidentifier():
                        key = key[2:-1]  # `{ name = 1 }`: a bare word is the key
                    out[key if isinstance(key, str) else str(key)] = self.quick(value_node)
                return out
            elif kind == "template_expr" and only.children and only.children[0].type != "quoted_template":
                start, end = self.span(only)
                heredoc = heredoc_expr(self.raw(only.children[0]), start, end)
                if isinstance(heredoc, Lit):
                    return heredoc.value
            elif kind == "template_expr" and only.children and only.children[0].type == "quoted_template":
                quoted = only.children[0]
                start, end = self.span(only)
                template = self._quoted(quoted, start, end)
                if isinstance(template, Lit):
                    return template.value
                if len(quoted.children) >= 2:  # "hms-${var.env}": the template as written
                    return self.source[quoted.children[0].end_byte : quoted.children[-1].start_byte].decode("utf-8", "replace")
            elif kind == "operation":
                start, end = self.span(only)
                negated = self._operation(only, start, end)
                if isinstance(negated, UnaryOp) and negated.op == "-" and isinstance(negated.operand, Lit) and isinstance(negated.operand.value, (int, float)):
                    return -negated.operand.value
        return "${" + self.raw(node).strip() + "}"

    # -- expressions -------------------------------------------------------------------------

    def expr(self, node: Any) -> Expr:
        kind = node.type
        start, end = self.span(node)
        if kind == "expression":
            return self._expression(node, start, end)
        handler = getattr(self, "_" + kind, None)
        if handler is None:
            return Opaque(start, end)
        result: Expr = handler(node, start, end)
        return result

    def _expression(self, node: Any, start: int, end: int) -> Expr:
        return self._sequence([c for c in node.children if c.type != "comment"], start, end)

    def _sequence(self, children: list[Any], start: int | None = None, end: int | None = None) -> Expr:
        """A primary (possibly parenthesised) followed by attribute, index and splat steps."""
        if not children:
            return Opaque(start or 0, end or 0)
        if start is None or end is None:
            start, end = self.span(children[0])[0], self.span(children[-1])[1]
        if children[0].type == "(":
            inner = next((c for c in children if c.type == "expression"), None)
            base = self.expr(inner) if inner is not None else Opaque(start, end)
            close = next((i for i, c in enumerate(children) if c.type == ")"), len(children) - 1)
            index = close + 1
            if index >= len(children):
                return _respan(base, start, end)
        else:
            base = self.expr(children[0])
            index = 1
        steps: list[tuple[str, Any]] = []
        for child in children[index:]:
            more = self._postfix(child)
            if more is None:
                return Opaque(start, end)
            steps.extend(more)
        if not steps:
            return base
        if isinstance(base, Traverse):
            return Traverse(base.base, base.steps + tuple(steps), start, end)
        return Traverse(base, tuple(steps), start, end)

    def _postfix(self, node: Any) -> list[tuple[str, Any]] | None:
        kind = node.type
        if kind == "get_attr":
            name = next((c for c in node.children if c.type == "identifier"), None)
            return [("attr", self.raw(name))] if name is not None else None
        if kind == "index":
            inner = node.children[0] if node.children else None
            if inner is None:
                return None
            if inner.type == "new_index":
                expression = next((c for c in inner.children if c.type == "expression"), None)
                return [("index", self.expr(expression))] if expression is not None else None
            digits = self.raw(inner).lstrip(".").strip()
            if digits.isdigit():
                s, e = self.span(inner)
                return [("index", Lit(int(digits), s, e))]
            return None
        if kind == "splat":
            inner = node.children[0] if node.children else None
            if inner is None:
                return None
            out: list[tuple[str, Any]] = [("splat", None)]
            for child in inner.children:
                if child.type in ("get_attr", "index"):
                    more = self._postfix(child)
                    if more is None:
                        return None
                    out.extend(more)
            return out
        return None

    def _literal_value(self, node: Any, start: int, end: int) -> Expr:
        inner = node.children[0]
        kind = inner.type
        if kind == "string_lit":
            return self._quoted(inner, start, end)
        if kind == "numeric_lit":
            text = self.raw(inner)
            try:
                return Lit(int(text), start, end)
            except ValueError:
                try:
                    value = float(text)
                except ValueError:
                    return Opaque(start, end)
                return Lit(int(value) if value.is_integer() and "e" not in text.lower() and abs(value) < 2**53 else value, start, end)
        if kind == "bool_lit":
            return Lit(self.raw(inner) == "true", start, end)
        return Lit(None, start, end)

    def _quoted(self, node: Any, start: int, end: int) -> Expr:
        # Literal text is taken from the source between the quotes and interpolations:
        # tree-sitter-hcl's template_literal tokens leave out leading blanks.
        children = node.children
        if len(children) < 2 or children[0].type != "quoted_template_start" or children[-1].type != "quoted_template_end":
            return Opaque(start, end)
        pieces: list[tuple[str, Any]] = []
        position = children[0].end_byte
        for child in children[1:-1]:
            kind = child.type
            if kind == "template_literal":
                continue
            if kind == "template_directive":
                return Opaque(start, end)
            if kind == "template_interpolation":
                pieces.append(("text", self.source[position : child.start_byte].decode("utf-8", "replace")))
                inner = next((c for c in child.children if c.type == "expression"), None)
                pieces.append(("expr", self.expr(inner) if inner is not None else Opaque(*self.span(child))))
                position = child.end_byte
        pieces.append(("text", self.source[position : children[-1].start_byte].decode("utf-8", "replace")))
        return string_parts([p for p in pieces if p != ("text", "")], start, end)

    def _label(self, node: Any) -> str:
        children = node.children
        if len(children) >= 2:
            return self.source[children[0].end_byte : children[-1].start_byte].decode("utf-8", "replace")
        return ""

    def _template_expr(self, node: Any, start: int, end: int) -> Expr:
        inner = node.children[0]
        if inner.type == "quoted_template":
            return self._quoted(inner, start, end)
        # Heredocs: from their source text, exactly as the lark path reads its heredoc token.
        return heredoc_expr(self.raw(inner), start, end)

    def _variable_expr(self, node: Any, start: int, end: int) -> Expr:
        return Name(self.raw(node), start, end)

    def _collection_value(self, node: Any, start: int, end: int) -> Expr:
        inner = node.children[0]
        if inner.type == "tuple":
            return TupleExpr(tuple(self.expr(c) for c in inner.children if c.type == "expression"), start, end)
        items: list[tuple[Expr, Expr, int]] = []
        for element in inner.children:
            if element.type != "object_elem":
                continue
            key_node = element.child_by_field_name("key")
            value_node = element.child_by_field_name("val")
            if key_node is None or value_node is None:
                continue
            items.append((self._object_key(key_node), self.expr(value_node), element.start_point[0] + 1))
        return ObjectExpr(tuple(items), start, end)

    def _object_key(self, node: Any) -> Expr:
        key = self.expr(node)
        if isinstance(key, Name):  # `{ name = 1 }`: the bare word is the key
            return Lit(key.name, key.start, key.end)
        return key

    def _function_call(self, node: Any, start: int, end: int) -> Expr:
        name = next((self.raw(c) for c in node.children if c.type == "identifier"), "")
        args: tuple[Expr, ...] = ()
        expand = False
        for child in node.children:
            if child.type == "function_arguments":
                args = tuple(self.expr(c) for c in child.children if c.type == "expression")
                expand = any(c.type == "ellipsis" for c in child.children)
        return Call(name, args, expand, start, end)

    def _conditional(self, node: Any, start: int, end: int) -> Expr:
        parts = [c for c in node.children if c.type == "expression"]
        if len(parts) != 3:
            return Opaque(start, end)
        return self._right_associated(self.expr(parts[0]), self.expr(parts[1]), self.expr(parts[2]), start, end)

    def _right_associated(self, predicate: Expr, if_true: Expr, if_false: Expr, start: int, end: int) -> Expr:
        """tree-sitter-hcl reads `a ? b : c ? d : e` as `(a ? b : c) ? d : e`; HCL means
        `a ? b : (c ? d : e)`. Re-associate unless the source wrote the parentheses."""
        if isinstance(predicate, Conditional) and not self.text.startswith("(", predicate.start):
            tail = self._right_associated(predicate.if_false, if_true, if_false, predicate.if_false.start, end)
            return Conditional(predicate.predicate, predicate.if_true, tail, start, end)
        return Conditional(predicate, if_true, if_false, start, end)

    def _operation(self, node: Any, start: int, end: int) -> Expr:
        # Operands are not wrapped in `expression` nodes: `a.b && c[0]` arrives as
        # variable_expr get_attr && variable_expr index. Split at the operator.
        inner = node.children[0]
        children = [c for c in inner.children if c.type != "comment"]
        at = next((i for i, c in enumerate(children) if c.type in _OPERATORS), None)
        if at is None:
            return Opaque(start, end)
        operator = children[at].type
        if inner.type == "unary_operation" and at == 0 and len(children) > 1:
            return UnaryOp(operator, self._sequence(children[1:]), start, end)
        if inner.type == "binary_operation" and 0 < at < len(children) - 1:
            return BinaryOp(operator, self._sequence(children[:at]), self._sequence(children[at + 1 :]), start, end)
        return Opaque(start, end)

    def _for_expr(self, node: Any, start: int, end: int) -> Expr:
        inner = node.children[0]
        intro = next((c for c in inner.children if c.type == "for_intro"), None)
        if intro is None:
            return Opaque(start, end)
        names = [self.raw(c) for c in intro.children if c.type == "identifier"]
        collection = next((c for c in intro.children if c.type == "expression"), None)
        if not names or collection is None:
            return Opaque(start, end)
        key_var, value_var = (names[0], names[1]) if len(names) > 1 else (None, names[0])
        rest = [c for c in inner.children if c.type == "expression"]
        cond_node = next((c for c in inner.children if c.type == "for_cond"), None)
        cond_expr = next((c for c in cond_node.children if c.type == "expression"), None) if cond_node is not None else None
        condition = self.expr(cond_expr) if cond_expr is not None else None
        grouping = any(c.type == "ellipsis" for c in inner.children)
        if inner.type == "for_tuple_expr":
            if len(rest) != 1:
                return Opaque(start, end)
            return ForExpr(key_var, value_var, self.expr(collection), None, self.expr(rest[0]), condition, False, start, end)
        if len(rest) != 2:
            return Opaque(start, end)
        return ForExpr(key_var, value_var, self.expr(collection), self.expr(rest[0]), self.expr(rest[1]), condition, grouping, start, end)


def _respan(e: Expr, start: int, end: int) -> Expr:
    from dataclasses import replace

    return replace(e, start=start, end=end)

