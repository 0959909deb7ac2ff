"""The part of a module bandit's walk needs to see: the statements where a selected test
could fire, every import, and the headers of the blocks that hold them.

bandit's walk costs about 20 µs a node (a context dict, a debug log call and a test lookup
for each), and a file holding one trigger word anywhere used to be walked whole. Every
mapped test judges one node and its parents inside the same statement; the only state the
walk carries across statements is the imports (aliases), so those are always kept, in
source order. A statement is kept when the file-level necessary condition (`triggered_tests`:
trigger words, joined literals, escapes and non-ASCII text always pass) holds on its own
text, when it uses a name an import bound to a triggering module or function
(`import pickle as p` ... `p.loads(b)`), or, for B105-B107, when the password tests' tree
check (`_password_tests_may_fire`) holds on it. A compound statement (def, class, if, for,
while, with, try) is kept as a shallow copy whose header is walked and whose blocks hold
only their kept statements; the shared tree is never changed. bandit reads line ranges from
`lineno` and `end_lineno`, which the copies keep, so positions and `# nosec` are unchanged.
`tests/unit/test_bandit_prefilter.py` checks the result equals a full bandit run.
"""

from __future__ import annotations

import ast
import copy
import re
from typing import Callable, Iterable

from hms_policy.detectors.code.pysource import statements

_BLOCKS = ("body", "orelse", "finalbody", "handlers")
_COMPOUND = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try, ast.ExceptHandler)
_TRY_STAR = getattr(ast, "TryStar", None)
if _TRY_STAR is not None:
    _COMPOUND = (*_COMPOUND, _TRY_STAR)
# Python's own line breaks (str.splitlines also breaks at form feeds and other separators
# the parser does not count, which would shift every later line).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def source_lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def triggering_aliases(tree: ast.Module, words: Iterable[str]) -> frozenset[str]:
    """Local names bound by an import (anywhere in the module: bandit's alias table is
    file-wide) whose imported qualified name holds a trigger word."""
    words = tuple(words)
    names: set[str] = set()
    for node in statements(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.partition(".")[0]
                if any(w in alias.name.lower() for w in words):
                    names.add(bound)
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                qualified = f"{node.module or ''}.{alias.name}".lower()
                if any(w in qualified for w in words):
                    names.add(alias.asname or alias.name)
    return frozenset(names)


def pruned_module(tree: ast.Module, lines: list[str], fires: Callable[[str, list[ast.AST]], bool]) -> ast.Module | None:
    """A module holding what bandit must walk; None when the lines do not match the tree
    (then the caller walks the whole tree). `fires(text, nodes)`: a selected
    test may fire on this source text, whose syntax is `nodes` (a statement, or a header's
    expressions); it reads the text first and the nodes only when the text allows it."""

    def piece(line: int, start: int, end: int | None = None) -> str:
        """Part of a line between parser columns (UTF-8 byte offsets)."""
        text = lines[line - 1]
        if text.isascii():
            return text[start:end]
        return text.encode("utf-8")[start:end].decode("utf-8", "replace")

    def segment(first: tuple[int, int], last: tuple[int, int]) -> str:
        """The source between two (line, column) positions."""
        (line1, col1), (line2, col2) = first, last
        if line1 == line2:
            return piece(line1, col1, col2)
        return "\n".join([piece(line1, col1), *lines[line1 : line2 - 1], piece(line2, 0, col2)])

    def start_of(stmt: ast.AST) -> tuple[int, int]:
        decorators = getattr(stmt, "decorator_list", None) or []
        return min([(stmt.lineno, stmt.col_offset), *((d.lineno, d.col_offset) for d in decorators)])  # type: ignore[attr-defined]

    def end_of(stmt: ast.AST) -> tuple[int, int]:
        return stmt.end_lineno, stmt.end_col_offset  # type: ignore[attr-defined,return-value]

    def header_fires(stmt: ast.AST) -> bool:
        inner = [s for field in _BLOCKS for s in getattr(stmt, field, None) or []]
        header_end = min(((s.lineno, s.col_offset) for s in inner), default=end_of(stmt))  # type: ignore[attr-defined]
        header = [item for field, value in ast.iter_fields(stmt) if field not in _BLOCKS for item in (value if isinstance(value, list) else [value]) if isinstance(item, ast.AST)]
        return fires(segment(start_of(stmt), header_end), header)

    def block(stmts: list[ast.AST]) -> list[ast.AST]:
        kept: list[ast.AST] = []
        for stmt in stmts:
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                kept.append(stmt)
            elif isinstance(stmt, _COMPOUND):
                inner = {field: block(getattr(stmt, field)) for field in _BLOCKS if getattr(stmt, field, None)}
                if any(inner.values()) or header_fires(stmt):
                    twin = copy.copy(stmt)
                    for field, value in inner.items():
                        setattr(twin, field, value)
                    kept.append(twin)
            elif fires(segment(start_of(stmt), end_of(stmt)), [stmt]):
                kept.append(stmt)  # a simple statement, or one bandit sees whole (match)
        return kept

    last = max((getattr(n, "end_lineno", 0) or 0 for n in tree.body), default=0)
    if last > len(lines):
        return None
    module = ast.Module(body=block(tree.body), type_ignores=[])
    return module
