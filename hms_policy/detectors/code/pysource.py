"""A Python document's AST and the facts several Python rules share, each computed once
per document (`Document.memo`): the tree, the enclosing function of a line, and where
string literals sit (for masking them in snippets)."""

from __future__ import annotations

import ast
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


def string_spans(doc: Document) -> dict[int, list[tuple[int, int]]]:
    """line -> character ranges covered by string literals (f-strings included)."""

    def compute() -> dict[int, list[tuple[int, int]]]:
        tree = parse_python(doc)
        out: dict[int, list[tuple[int, int]]] = {}
        if tree is None:
            return out
        lines = doc.lines
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))):
                start, end = node.lineno, node.end_lineno or node.lineno
                for number in range(start, end + 1):
                    text = lines[number - 1] if 0 < number <= len(lines) else ""
                    first = _char_offset(text, node.col_offset) if number == start else 0
                    last = _char_offset(text, node.end_col_offset or len(text.encode())) if number == end else len(text)
                    out.setdefault(number, []).append((first, last))
        return out

    spans: dict[int, list[tuple[int, int]]] = doc.memo("python:strings", compute)
    return spans


def _char_offset(line: str, byte_offset: int) -> int:
    """AST columns are UTF-8 byte offsets; snippets index characters."""
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", "ignore"))


__all__ = ["parse_python", "scope_at", "string_spans"]
