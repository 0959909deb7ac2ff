"""HTTP sessions and clients with certificate checks off (PY043).

bandit's B501 judges `requests.get(..., verify=False)` and `httpx` calls named by module. A
`requests.Session()` or `httpx.Client()` kept in a name is not: `session.send(prepared,
verify=False)`, `session.get(url, verify=False)`, and `session.verify = False` reach the
server without checking its certificate (`httpx.Client(verify=False)` is B501's). A name is
a session when it is assigned from one of those constructors (or a `with ... as name`) in the
same module; anything else called `send` or `get` is not judged.
"""

from __future__ import annotations

import ast
from typing import Any, Iterator, Mapping

from hms_policy.detectors.code.pysource import parse_python
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_CONSTRUCTORS = frozenset(("requests.Session", "requests.session", "httpx.Client", "httpx.AsyncClient", "Session", "Client", "AsyncClient"))
_VERBS = frozenset("send request get post put patch delete head options stream".split())


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def _imports_http(tree: ast.Module) -> bool:
    """An import of requests or httpx at module level (also inside `try:` / `if`)."""
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Try, ast.If)):
            pending.extend([*node.body, *node.orelse, *getattr(node, "finalbody", []), *(s for h in getattr(node, "handlers", []) for s in h.body)])
            continue
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] in ("requests", "httpx") for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("requests", "httpx"):
            return True
    return False


def _verify_off(call: ast.Call) -> bool:
    return any(k.arg == "verify" and isinstance(k.value, ast.Constant) and k.value.value is False for k in call.keywords)


def _session_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and _dotted(node.value.func) in _CONSTRUCTORS:
            names.update(_dotted(t) for t in node.targets if _dotted(t))
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if isinstance(item.context_expr, ast.Call) and _dotted(item.context_expr.func) in _CONSTRUCTORS and item.optional_vars is not None:
                    names.add(_dotted(item.optional_vars))
    names.discard("")
    return names


def session_verify_off(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    if "verify" not in doc.text or ("requests" not in doc.text and "httpx" not in doc.text):
        return
    tree = parse_python(doc)
    if tree is None or not _imports_http(tree):
        return
    sessions = _session_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _verify_off(node):
            if isinstance(node.func, ast.Attribute) and node.func.attr in _VERBS and _dotted(node.func.value) in sessions:
                yield Match(LineSpan.at(node.lineno), key=f"session.{node.func.attr}", context={"how": f"session.{node.func.attr}(..., verify=False)"})
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and node.value.value is False:
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "verify" and _dotted(target.value) in sessions:
                    yield Match(LineSpan.at(node.lineno), key="session.verify", context={"how": "session.verify = False"})
