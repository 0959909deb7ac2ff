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
from dataclasses import dataclass

PASSWORD_TESTS = frozenset(("B105", "B106", "B107"))

# bandit's candidate names: the word alone, or a `_`-separated part of the name.
_WORDS = "(pas+wo?r?d|pass(phrase)?|pwd|token|secrete?)"
_CANDIDATE = re.compile(f"(^{_WORDS}$|_{_WORDS}_|^{_WORDS}_|_{_WORDS}$)", re.IGNORECASE)


# The same names as they appear in source text (lower-cased): a candidate name is the word
# alone or `_`-joined, so in the text no letter or digit touches it on either side.
_CANDIDATE_TEXT = re.compile(r"(?<![a-z0-9])(?:pas+wo?r?d|pass(?:phrase)?|pwd|token|secrete?)(?![a-z0-9])")
# In code, a bare `pass` is the statement; as a name it is joined by `_` (`db_pass`).
_CANDIDATE_CODE = re.compile(
    r"(?<![a-z0-9])(?:pas+wo?r?d|passphrase|pwd|token|secrete?)(?![a-z0-9])|(?<=_)pass(?![a-z0-9])|(?<![a-z0-9])pass(?=_)"
)
_ESCAPE = re.compile(r"\\(?:[xuU0-7]|N\{)")
_LITERAL = re.compile(r'"""(.*?)"""' r"|'''(.*?)'''" r'|"((?:[^"\\\n]|\\.)*)"' r"|'((?:[^'\\\n]|\\.)*)'", re.S)
# What may stand between two literals Python joins into one string: space, line breaks,
# comments, the next literal's prefix.
_JOINING_GAP = re.compile(r"(?:\s|\\\n|#[^\n]*\n)*[rbuf]{0,2}")


def may_hold_candidate(source: str) -> bool:
    """False when no name, key or string in `source` can be one B105-B107 judge (so the tests
    cannot fire and the module need not be parsed for them). Escapes and non-ASCII names
    (NFKC) can spell a name the text does not show: such sources always may."""
    if not source.isascii() or _ESCAPE.search(source):
        return True
    text = source.lower()
    if "\\" in text:
        text = text.replace("\\\r\n", "").replace("\\\n", "")  # a string continued on the next line
    if _CANDIDATE_CODE.search(text):
        return True
    # strings, implicitly joined literals ("pass" "word") making one
    joined: list[str] = []
    end = -1
    for literal in _LITERAL.finditer(text):
        body = "".join(literal.groups(default=""))
        if joined and _JOINING_GAP.fullmatch(text, end, literal.start()):
            joined[-1] += body
        else:
            joined.append(body)
        end = literal.end()
    return any(_CANDIDATE_TEXT.search(value) for value in joined)


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


def password_issues(tree: ast.Module, tests: frozenset[str] = PASSWORD_TESTS) -> list[PasswordIssue]:
    """The B105-B107 issues of `tests` bandit reports on `tree`, in its order."""
    out: list[PasswordIssue] = []
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
        stack.extend((child, node, parent) for child in reversed(list(ast.iter_child_nodes(node))))
    return out
