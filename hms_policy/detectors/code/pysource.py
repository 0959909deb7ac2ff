"""A Python document's AST and the facts several Python rules share, each computed once
per document (`Document.memo`): the tree, the enclosing function of a line, and where
string literals sit (for masking them in snippets)."""

from __future__ import annotations

import ast
from collections import deque
from typing import Iterator

from hms_policy.model import ScanError
from hms_policy.targets.document import Document

AST_MEMO_KEY = "python:ast"


def parse_python(doc: Document) -> ast.Module | None:
    """The module's AST, or None (with one `errors` entry) when it does not parse."""

    def compute() -> ast.Module | None:
        try:
            return ast.parse(doc.text, filename=doc.path)
        except SyntaxError as exc:
            where = f" at line {exc.lineno}" if exc.lineno else ""
            doc.errors.append(ScanError(doc.path, f"cannot parse Python{where}: {exc.msg}; Python rules skipped this file", "parse"))
        except (ValueError, RecursionError, MemoryError) as exc:
            doc.errors.append(ScanError(doc.path, f"cannot parse Python: {type(exc).__name__}; Python rules skipped this file", "parse"))
        return None

    tree: ast.Module | None = doc.memo(AST_MEMO_KEY, compute)
    return tree


_HOLDS_STATEMENTS = (ast.stmt, ast.excepthandler, ast.match_case)


def statements(tree: ast.AST) -> Iterator[ast.AST]:
    """Every statement (and except / case clause) at any depth, without entering expressions,
    which never hold one: imports, for instance, at a fraction of a full walk's cost."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, _HOLDS_STATEMENTS):
                yield child
                stack.append(child)


def _functions(tree: ast.AST) -> Iterator[tuple[int, int, str]]:
    """(start line, end line, qualified name) of every function and class, outermost first."""
    stack: list[tuple[ast.AST, str]] = [(tree, "")]
    while stack:
        node, prefix = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}.{child.name}" if prefix else child.name
                yield child.lineno, child.end_lineno or child.lineno, name
                stack.append((child, name))
            elif isinstance(child, _HOLDS_STATEMENTS):  # expressions never hold a def or class
                stack.append((child, prefix))


def scope_at(doc: Document, line: int) -> str:
    """The qualified name of the innermost function or class holding `line` ("" at module
    level): a finding identity that survives unrelated edits above it."""

    def compute() -> list[tuple[int, int, str]]:
        tree = parse_python(doc)
        return sorted(_functions(tree), key=lambda f: (f[0], -f[1])) if tree is not None else []

    spans: list[tuple[int, int, str]] = doc.memo("python:scopes", compute)
    best = ""
    for start, end, name in spans:
        if start > line:
            break
        if end >= line:
            best = name  # later starts are nested deeper
    return best


def in_test_case(doc: Document, line: int) -> bool:
    """`line` sits in a test class (see _is_test_class: unittest's and Django's TestCase and
    their project mixins): a test, wherever its module lives (`events/tests_views.py`)."""

    def compute() -> list[tuple[int, int]]:
        tree = parse_python(doc)
        if tree is None:
            return []
        return [
            (node.lineno, node.end_lineno or node.lineno)
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef) and _is_test_class(node)
        ]

    spans: list[tuple[int, int]] = doc.memo("python:test-cases", compute)
    return any(start <= line <= end for start, end in spans)


def _is_test_class(node: ast.ClassDef) -> bool:
    """A `...TestCase` subclass, or a `Test...` class built on a test base of the project's
    (`class TestEvents(TestMixin)`); not `TestResultsView(APIView)`, a lab system's view."""
    bases = [_base_name(base) for base in node.bases]
    return any(b.endswith("TestCase") for b in bases) or (node.name.startswith("Test") and any("Test" in b for b in bases))


def _base_name(base: ast.expr) -> str:
    if isinstance(base, ast.Name):
        return base.id
    return base.attr if isinstance(base, ast.Attribute) else ""


def string_spans(doc: Document, line: int) -> list[tuple[int, int]]:
    """The character ranges of `line` covered by string literals (f-strings included)."""

    def compute() -> dict[int, list[tuple[int, int]]]:
        return {}

    known: dict[int, list[tuple[int, int]]] = doc.memo("python:strings", compute)
    if line not in known:
        tree = parse_python(doc)
        known[line] = _spans_on(tree, doc.lines, line) if tree is not None else []
    return known[line]


def _spans_on(tree: ast.AST, lines: list[str], line: int) -> list[tuple[int, int]]:
    """The walk of `ast.walk` (breadth first, same order) without the statements that do not
    reach `line`: a finding's snippet needs one line's literals, not the module's."""
    out: list[tuple[int, int]] = []
    queue = deque([tree])
    while queue:
        node = queue.popleft()
        if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))):
            start, end = node.lineno, node.end_lineno or node.lineno
            if start <= line <= end:
                text = lines[line - 1] if 0 < line <= len(lines) else ""
                first = _char_offset(text, node.col_offset) if line == start else 0
                last = _char_offset(text, node.end_col_offset or len(text.encode())) if line == end else len(text)
                out.append((first, last))
        queue.extend(child for child in ast.iter_child_nodes(node) if not isinstance(child, ast.stmt) or _reaches(child, line))
    return out


def _reaches(stmt: ast.stmt, line: int) -> bool:
    first: int = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", ()))])
    return first <= line <= (stmt.end_lineno or stmt.lineno)


def _char_offset(line: str, byte_offset: int) -> int:
    """AST columns are UTF-8 byte offsets; snippets index characters."""
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", "ignore"))


__all__ = ["parse_python", "scope_at", "string_spans"]


_BODIES = frozenset(("body", "orelse", "finalbody", "handlers", "cases"))


def names_near(doc: Document, line: int) -> list[str]:
    """The names a statement at `line` uses (variables, attributes, keyword arguments, the
    targets it assigns) and the enclosing function's name and parameters: what a digest on
    that line is computed from and for."""
    tree = parse_python(doc)
    if tree is None:
        return []
    statement: ast.AST | None = None
    function: ast.FunctionDef | ast.AsyncFunctionDef | None = None
    for node in statements(tree):  # a chain of nested statements comes outermost first
        if getattr(node, "lineno", 0) <= line <= (getattr(node, "end_lineno", None) or getattr(node, "lineno", 0)):
            statement = node
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                function = node
    names: list[str] = []
    if statement is not None and not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        # a compound statement's own header only (`if md5(x) == y:`), not its body
        for field, value in ast.iter_fields(statement):
            if field in _BODIES:
                continue
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, ast.AST):
                    names.extend(_names_in(item))
    if function is not None:
        names.append(function.name)
        names.extend(a.arg for a in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs))
    return names


def _names_in(node: ast.AST) -> Iterator[str]:
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name):
            yield inner.id
        elif isinstance(inner, ast.Attribute):
            yield inner.attr
        elif isinstance(inner, ast.keyword) and inner.arg:
            yield inner.arg
