"""bandit's three hard-coded password tests (B105 string, B106 keyword argument, B107
parameter default), judged on the parsed tree without loading bandit.

Loading bandit costs more CPU than the secret engine spends on a ten-file change (its plugin
manager imports every plugin), and the secrets hook (`--category secret`) runs only these
three of its tests. The judgement is bandit's, node for node: the same name pattern, the
same places (the string's parent and grandparent as bandit's walk links them), the same
positions and line ranges (for `# nosec`), in bandit's visiting order (pre-order).
`tests/unit/test_bandit_prefilter.py` compares the result with a full bandit run on every
PY fixture and on generated code.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable

PASSWORD_TESTS = frozenset(("B105", "B106", "B107"))

# bandit's candidate names: the word alone, or a `_`-separated part of the name.
_WORDS = "(pas+wo?r?d|pass(phrase)?|pwd|token|secrete?)"
_CANDIDATE = re.compile(f"(^{_WORDS}$|_{_WORDS}_|^{_WORDS}_|_{_WORDS}$)", re.IGNORECASE)


# In code, a bare `pass` is the statement; as a name it is joined by `_` (`db_pass`). That is
#   (?<![a-z0-9])(?:pas+wo?r?d|passphrase|pwd|token|secrete?)(?![a-z0-9])
#   | (?<=_)pass(?![a-z0-9]) | (?<![a-z0-9])pass(?=_)
# spelled with each word's first letter ahead of its look-behind, so the regex engine skips
# to the letters p, t, s instead of trying every position (4 times faster; same matches).
_CANDIDATE_CODE = re.compile(
    r"p(?:(?<![a-z0-9]p)(?:as+wo?r?d|assphrase|wd)(?![a-z0-9])|(?<=_p)ass(?![a-z0-9])|(?<![a-z0-9]p)ass(?=_))"
    r"|t(?<![a-z0-9]t)oken(?![a-z0-9])|s(?<![a-z0-9]s)ecrete?(?![a-z0-9])"
)
_ESCAPE = re.compile(r"\\(?:[xuU0-7]|N\{)")
# The one candidate the code pattern leaves out: the bare word as a whole literal's value.
_PASS_LITERAL = re.compile(r"[\"']pass[\"']")
# Where a candidate can run across literals joined into one string ("pass" "word"): a letter,
# a closing quote, a gap (empty literals included), an opening quote, a letter. A candidate
# inside one literal is bounded there by the quotes or `_`, so the code pattern finds it.
_QUOTE = r"(?:\"\"\"|'''|\"|')"
_JOINED = re.compile(rf"[a-z]{_QUOTE}(?:\s|#[^\n]*\n|[rbuf]{{0,2}}\"\"|[rbuf]{{0,2}}'')*[rbuf]{{0,2}}{_QUOTE}[a-z]")


def may_hold_candidate(source: str) -> bool:
    """False when no name, key or string in `source` can be one B105-B107 judge (so the tests
    cannot fire and the module need not be parsed for them). Escapes and non-ASCII names
    (NFKC) can spell a name the text does not show: such sources always may."""
    return candidate_lines(source, first=True) != set()


def candidate_lines(source: str, first: bool = False) -> set[int] | None:
    """Lines (1-based, as the parser counts them) that together hold every name, key or string
    B105-B107 could judge; None when every line may (escapes, non-ASCII text, bare `\\r`
    breaks). A statement whose lines hold none cannot fire. `first`: only whether there is
    any (a non-empty set of no meaning, or an empty one).

    A candidate name in code, or in one literal, is found where it stands in the text: in a
    literal it is bounded by the quotes or `_` (bandit's pattern), so `_CANDIDATE_CODE` finds
    it, except the bare word "pass", which as code is the statement (`_PASS_LITERAL`). A name
    spread over joined literals ("pass" "word") crosses a quote-gap-quote (`_JOINED`), which
    lies inside the same statement: its lines are marked."""
    if not source.isascii() or _ESCAPE.search(source) or "\r" in source:
        return None
    text = source.lower()
    # A backslash ends a line inside a string and joins it to the next: judge the joined text,
    # and map its offsets back to the source's lines through the removed breaks.
    removed: list[int] = []  # offsets in `text` (joined) where a line break was removed
    if "\\\n" in text:
        parts = text.split("\\\n")
        text = "".join(parts)
        offset = 0
        for part in parts[:-1]:
            offset += len(part)
            removed.append(offset)
    if first:
        if _CANDIDATE_CODE.search(text) or "'pass'" in text or '"pass"' in text:
            return {0}
        return {0} if _JOINED.search(text) else set()
    breaks = [m.start() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect_left(breaks, offset) + bisect_right(removed, offset) + 1

    found = {line_of(m.start()) for pattern in (_CANDIDATE_CODE, _PASS_LITERAL) for m in pattern.finditer(text)}
    for joined in _JOINED.finditer(text):
        found.update(range(line_of(joined.start()), line_of(joined.end() - 1) + 1))
    return found


@dataclass(frozen=True, slots=True)
class PasswordIssue:
    test_id: str
    test_name: str
    lineno: int
    linerange: tuple[int, ...]


def _span(node: ast.AST) -> tuple[int, ...]:
    return tuple(range(node.lineno, node.end_lineno + 1))  # type: ignore[attr-defined,operator]


def _candidate(name: object) -> bool:
    return isinstance(name, str) and _CANDIDATE.search(name) is not None


def _text(node: object) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _string_test(node: ast.Constant, parent: ast.AST, grandparent: ast.AST | None) -> bool:
    """B105 on one string literal, by what holds it."""
    if isinstance(parent, ast.Assign):
        return any(isinstance(t, ast.Name) and _candidate(t.id) or isinstance(t, ast.Attribute) and _candidate(t.attr) for t in parent.targets)
    if isinstance(parent, ast.Dict) and any(key is node for key in parent.keys):
        if not _candidate(node.value):
            return False
        index = next(i for i, key in enumerate(parent.keys) if key is node)
        return isinstance(parent.values[index], ast.Constant)
    if isinstance(parent, ast.Subscript) and _candidate(node.value):
        return isinstance(grandparent, ast.Assign) and _text(grandparent.value)
    if isinstance(parent, ast.Compare):
        left = parent.left
        name = left.id if isinstance(left, ast.Name) else left.attr if isinstance(left, ast.Attribute) else None
        return name is not None and _candidate(name) and _text(parent.comparators[0])
    return False


def _keyword_test(call: ast.Call) -> int | None:
    """B106: the line of the first string keyword argument with a candidate name."""
    for keyword in call.keywords:
        if _text(keyword.value) and keyword.arg is not None and _candidate(keyword.arg):
            return keyword.value.lineno
    return None


def _default_test(function: ast.FunctionDef) -> bool:
    """B107: a positional parameter (not positional-only or keyword-only, as bandit reads
    them) with a candidate name and a string default."""
    args = function.args
    defaults: list[ast.expr | None] = [None] * (len(args.args) - len(args.defaults))
    defaults.extend(args.defaults)
    for param, default in zip(args.args, defaults):
        if default is None or isinstance(default, ast.Constant) and default.value is None:
            continue
        if _text(default) and _candidate(param.arg):
            return True
    return False


def password_issues(tree: ast.Module, tests: frozenset[str] = PASSWORD_TESTS, lines: set[int] | None = None) -> list[PasswordIssue]:
    """The B105-B107 issues of `tests` bandit reports on `tree`, in its order. `lines`: the
    module's `candidate_lines`; statements holding none of them are not walked (None: all)."""
    out: list[PasswordIssue] = []
    marks = sorted(lines) if lines is not None else None
    stack: list[tuple[ast.AST, ast.AST | None, ast.AST | None]] = [(tree, None, None)]
    while stack:
        node, parent, grandparent = stack.pop()
        if isinstance(node, ast.Constant):
            # bandit skips a string that is a statement of its own (a docstring)
            if "B105" in tests and isinstance(node.value, str) and parent is not None and not isinstance(parent, ast.Expr):
                if _string_test(node, parent, grandparent):
                    out.append(PasswordIssue("B105", "hardcoded_password_string", node.lineno, _span(parent)))
            continue
        if isinstance(node, ast.Call) and "B106" in tests:
            line = _keyword_test(node)
            if line is not None:
                out.append(PasswordIssue("B106", "hardcoded_password_funcarg", line, _span(node)))
        elif isinstance(node, ast.FunctionDef) and "B107" in tests and _default_test(node):
            out.append(PasswordIssue("B107", "hardcoded_password_default", node.lineno, _span(node)))
        children: Iterable[ast.AST] = reversed(list(ast.iter_child_nodes(node)))
        if marks is not None:
            children = (child for child in children if not isinstance(child, ast.stmt) or _holds_mark(child, marks))
        stack.extend((child, node, parent) for child in children)
    return out


def _holds_mark(stmt: ast.stmt, marks: list[int]) -> bool:
    """A statement (its decorators included) spans one of the sorted `marks` lines."""
    first: int = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", ()))])
    index = bisect_left(marks, first)
    return index < len(marks) and marks[index] <= (stmt.end_lineno or stmt.lineno)
