"""Python code that makes or checks credentials with the wrong tool.

`insecure_random_secret` (PY040): the `random` module (a Mersenne Twister, predictable from
624 outputs) making a value whose name says it is a secret: an OTP, token, password, PIN,
reset or verification code, nonce, salt, API key or session id. The name is the assignment
target, the keyword or dict key it is passed as, or the function that returns it. Anything
else (sampling, shuffling, jitter, colours, ids of non-secret things) is not judged;
`random.SystemRandom()`, `secrets` and `os.urandom` are the fix.

`jwt_unverified_decode` (PY041): `jwt.decode` of PyJWT or python-jose that does not check
the signature: `options={"verify_signature": False}`, `verify=False` (PyJWT 1.x),
`algorithms` naming "none", or (PyJWT) no `algorithms` at all, which PyJWT 1.x reads as
"whatever the token's header says". `jwt.get_unverified_header` (reading `kid` to pick a key)
is not judged, nor is an unverified decode by the token's holder to learn when it expires (its
result read only for `exp`/`iat`/`nbf`, or in a function named for expiry or refresh).
"""

from __future__ import annotations

import ast
import bisect
import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.code.frameworks.pyvalues import UNKNOWN, evaluate
from hms_policy.detectors.code.pysource import parse_python, scope_at, statements
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_RANDOM_FUNCTIONS = frozenset({"random", "randint", "choice", "choices", "randrange", "getrandbits", "sample"})

# A secret's name: the secret word last, or followed only by a word that says "its value"
# (`otp_code`, `reset_token_str`); `token_count`, `password_length`, `salt_rounds` are not secrets.
_SECRET = (
    r"otp|one_time_(?:password|code|pin)|token|password|passwd|pin|pin_code|nonce|salt|secret|secret_key|"
    r"api_?key|session_?id|session_key|(?:reset|verification|verify|activation|confirmation|auth)_code"
)
_SECRET_NAME = re.compile(rf"(?:^|_)(?:{_SECRET})(?:_(?:code|value|str|string|hex|bytes|digits|text))?$")
# A function that makes one: `generate_otp`, `make_reset_token`, `otp_generator`.
_SECRET_FUNCTION = re.compile(rf"(?:^|_)(?:{_SECRET})s?(?:_(?:code|value|str|string|generator|factory))?$")


def words(name: str) -> str:
    """`resetToken` and `RESET_TOKEN` as `reset_token`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower().strip("_")


# Tokens that only tell versions or requests apart (`consistency_token`, `etag_token`,
# `cache_token`, `correlation_token`): guessing one gains nothing.
_NOT_SECRET_BEFORE = re.compile(r"(?:^|_)(?:consistency|version|revision|etag|cache|cache_bust|correlation|trace|request|page|pagination|cursor|continuation|sync)_token$")


def secret_name(name: str) -> bool:
    name = words(name)
    return _SECRET_NAME.search(name) is not None and _NOT_SECRET_BEFORE.search(name) is None


def _target_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
        return node.slice.value
    return ""


def _random_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """(names bound to the `random` module, names bound to its functions by `from random import`)."""
    modules: set[str] = set()
    functions: set[str] = set()
    for node in statements(tree):
        if isinstance(node, ast.Import):
            modules.update(a.asname or a.name for a in node.names if a.name == "random")
        elif isinstance(node, ast.ImportFrom) and node.module == "random" and node.level == 0:
            functions.update(a.asname or a.name for a in node.names if a.name in _RANDOM_FUNCTIONS)
    return modules, functions


def _random_calls(value: ast.AST, modules: set[str], functions: set[str]) -> Iterator[ast.Call]:
    for node in ast.walk(value):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _RANDOM_FUNCTIONS and isinstance(func.value, ast.Name) and func.value.id in modules:
            yield node
        elif isinstance(func, ast.Name) and func.id in functions:
            yield node


def _call_lines(source: str, modules: set[str], functions: set[str]) -> list[int] | None:
    """The lines that may hold a `random` call (the called name is spelled on one of them),
    sorted; None when the text cannot tell (a non-ASCII name may normalise to one)."""
    if not source.isascii():
        return None
    names = (_RANDOM_FUNCTIONS if modules else set()) | functions
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names))) + r")\b")
    lines: list[int] = []
    line, counted = 1, 0
    for match in pattern.finditer(source):
        line += source.count("\n", counted, match.start())
        counted = match.start()
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def _spans_any(node: ast.AST, lines: list[int]) -> bool:
    first = getattr(node, "lineno", None)
    if first is None:
        return True  # no position (arguments, comprehensions): look inside
    i = bisect.bisect_left(lines, first)
    return i < len(lines) and lines[i] <= (getattr(node, "end_lineno", None) or first)


def _named_values(tree: ast.Module, lines: list[int] | None) -> Iterator[tuple[str, ast.AST]]:
    """(name, value) for every place a value gets a secret's name: assignments, keywords, dict
    keys, and returns of a function named for making one; only where a node spans one of
    `lines` (None: everywhere)."""
    functions: list[tuple[str, ast.AST]] = [("", tree)]
    while functions:
        owner, scope = functions.pop()
        for node in _own_nodes(scope, lines):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions.append((node.name, node))
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    yield from _if_secret(_target_name(target), node.value)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
                yield from _if_secret(_target_name(node.target), node.value)
            elif isinstance(node, ast.keyword) and node.arg:
                yield from _if_secret(node.arg, node.value)
            elif isinstance(node, ast.Dict):
                for key, item in zip(node.keys, node.values):
                    if isinstance(key, ast.Constant) and isinstance(key.value, str):
                        yield from _if_secret(key.value, item)
            elif isinstance(node, ast.Return) and node.value is not None and owner:
                if _SECRET_FUNCTION.search(words(owner)):
                    yield words(owner), node.value


def _if_secret(name: str, value: ast.AST) -> Iterator[tuple[str, ast.AST]]:
    if name and secret_name(name):
        yield words(name), value


def _own_nodes(scope: ast.AST, lines: list[int] | None) -> Iterator[ast.AST]:
    """Nodes of `scope` spanning one of `lines`, not descending into nested functions
    (yielded, judged on their own)."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if lines is not None and not _spans_any(node, lines):
            continue
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(node))


def insecure_random_secret(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    if "random" not in doc.text:
        return
    tree = parse_python(doc)
    if tree is None:
        return
    modules, functions = _random_names(tree)
    if not modules and not functions:
        return
    lines = _call_lines(doc.text, modules, functions)
    if lines == []:
        return
    seen: set[int] = set()
    for name, value in _named_values(tree, lines):
        for call in _random_calls(value, modules, functions):
            if id(call) in seen:
                continue
            seen.add(id(call))
            yield Match(LineSpan.at(call.lineno), key=f"random:{name}", context={"name": name[:40]})


def _jwt_names(tree: ast.Module) -> dict[str, str]:
    """Local name -> library ("pyjwt" or "jose") for names bound to a `jwt` module."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update({a.asname or a.name: "pyjwt" for a in node.names if a.name == "jwt"})
        elif isinstance(node, ast.ImportFrom) and node.module == "jose" and node.level == 0:
            names.update({a.asname or a.name: "jose" for a in node.names if a.name == "jwt"})
    return names


def _unverified(call: ast.Call, library: str) -> str | None:
    """Why this `jwt.decode` call skips the signature check, or None."""
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    if any(k.arg is None for k in call.keywords):
        return None  # **kwargs: not known
    options = evaluate_dict(keywords.get("options"))
    if options.get("verify_signature") is False:
        return 'options={"verify_signature": False}'
    verify = keywords.get("verify")
    if verify is not None and evaluate(verify) is False:
        return "verify=False"
    algorithms = keywords.get("algorithms")
    if algorithms is not None:
        listed = evaluate(algorithms)
        listed = [listed] if isinstance(listed, str) else listed
        if isinstance(listed, list) and any(isinstance(a, str) and a.strip().lower() == "none" for a in listed):
            return 'algorithms=["none"]'
        return None
    if library == "pyjwt" and len(call.args) < 3:
        return "no algorithms= (the token's header picks the algorithm)"
    return None


def evaluate_dict(node: ast.expr | None) -> dict[str, Any]:
    """A dict literal's constant entries ({} when it is not a literal)."""
    if not isinstance(node, ast.Dict):
        return {}
    out: dict[str, Any] = {}
    for key, value in zip(node.keys, node.values):
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            known = evaluate(value)
            if known is not UNKNOWN:
                out[key.value] = known
    return out


# A token's own holder reading when it expires (to refresh it) trusts nothing in it: an
# unverified decode read only for its time claims, or in a function named for expiry.
_TIME_CLAIMS = frozenset({"exp", "iat", "nbf"})
_EXPIRY_SCOPE = re.compile(r"(?:^|[._])(?:exp|expir\w*|expires?|expired|ttl|refresh\w*|is_valid_until)(?:_|$|\.)")


def _read_for_time_claims(tree: ast.Module) -> set[int]:
    """ids of calls whose result is read at once for `exp`/`iat`/`nbf` only."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Call):
            key = node.slice
            if isinstance(key, ast.Constant) and key.value in _TIME_CLAIMS:
                out.add(id(node.value))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            owner, args = node.func.value, node.args
            if isinstance(owner, ast.Call) and args and isinstance(args[0], ast.Constant) and args[0].value in _TIME_CLAIMS:
                out.add(id(owner))
    return out


def _expiry_check(doc: Document, call: ast.Call, time_reads: set[int]) -> bool:
    return id(call) in time_reads or _EXPIRY_SCOPE.search(words(scope_at(doc, call.lineno))) is not None


def jwt_unverified_decode(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    if "jwt" not in doc.text or "decode" not in doc.text:
        return
    tree = parse_python(doc)
    if tree is None:
        return
    names = _jwt_names(tree)
    if not names:
        return
    time_reads = _read_for_time_claims(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute) or node.func.attr != "decode":
            continue
        owner = node.func.value
        if not isinstance(owner, ast.Name) or owner.id not in names:
            continue
        reason = _unverified(node, names[owner.id])
        if reason is not None and not (reason.startswith(("options=", "verify=")) and _expiry_check(doc, node, time_reads)):
            yield Match(LineSpan.at(node.lineno), key="jwt.decode", context={"setting": reason})


__all__ = ["evaluate_dict", "insecure_random_secret", "jwt_unverified_decode", "secret_name", "words"]
