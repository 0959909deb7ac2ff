"""Flask: Flask-CORS for any origin with credentials, and SESSION_COOKIE_SECURE turned off.

`app.run(debug=True)` is rule PY018 (bandit B201), not repeated here."""

from __future__ import annotations

import ast
import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.code.frameworks.django import is_settings_module
from hms_policy.detectors.code.frameworks.pyscope import in_dev_code
from hms_policy.detectors.code.frameworks.pyvalues import UNKNOWN, evaluate, truthy
from hms_policy.detectors.pysource import parse_python
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_DEV_FILE = re.compile(r"(?:^|[/_\-.])(?:dev|development|local|test|tests|testing|conftest|debug)(?:[/_\-.]|$)", re.I)


def any_origin(value: Any) -> bool:
    """`"*"`, `["*"]`, `".*"`: every origin (a regex that matches anything counts)."""
    if isinstance(value, str):
        return value.strip() in ("*", ".*", "^.*$", ".+", "^.+$", "(.*)")
    if isinstance(value, (list, tuple)):
        return any(any_origin(v) for v in value)
    return False


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def flask_cors_calls(tree: ast.Module, configured: bool = False) -> Iterator[tuple[int, str]]:
    """`CORS(app, ...)` / `@cross_origin(...)` with supports_credentials on and every origin
    allowed (Flask-CORS's default origin is "*", and with credentials it echoes the caller's).
    `configured`: the module sets CORS_ORIGINS / CORS_RESOURCES in the app config, which
    Flask-CORS reads when the call names no origins, so the default is not assumed."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _call_name(node) not in ("CORS", "cross_origin"):
            continue
        credentials = _keyword(node, "supports_credentials")
        if credentials is None or truthy(evaluate(credentials)) is not True:
            continue
        origins = _keyword(node, "origins")
        resources = _keyword(node, "resources")
        if origins is not None:
            wild = any_origin(evaluate(origins))
        elif isinstance(resources, ast.Dict):
            wild = any(_resource_wild(v) for v in resources.values)
        else:
            wild = resources is None and not configured  # no origins anywhere: Flask-CORS allows "*"
        if wild:
            yield node.lineno, "Flask-CORS allows every origin with supports_credentials=True"


def _resource_wild(value: ast.expr | None) -> bool:
    if not isinstance(value, ast.Dict):
        return False
    for key, sub in zip(value.keys, value.values):
        if isinstance(key, ast.Constant) and key.value == "origins":
            return any_origin(evaluate(sub))
    return True  # a resource without its own origins takes the default "*"


def session_cookie_insecure(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """`app.config["SESSION_COOKIE_SECURE"] = False`, `config.update(SESSION_COOKIE_SECURE=False)`
    and `SESSION_COOKIE_SECURE = False` in a Flask config class or module, outside developer
    and test code. Django settings modules are rule PY032's."""
    if "SESSION_COOKIE_SECURE" not in doc.text or _DEV_FILE.search(doc.path.rsplit("/", 1)[-1]):
        return
    if is_settings_module(doc):
        return
    tree = parse_python(doc)
    if tree is None:
        return
    for line in _insecure_assignments(tree):
        if not in_dev_code(doc, line):
            yield Match(LineSpan.at(line), key="SESSION_COOKIE_SECURE", context={"setting": "SESSION_COOKIE_SECURE = False"})


def _insecure_assignments(tree: ast.Module) -> Iterator[int]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if _names_setting(target) and _off(node.value):
                    yield node.lineno
        elif isinstance(node, ast.Call) and _call_name(node) in ("update", "dict", "setdefault"):
            value = _keyword(node, "SESSION_COOKIE_SECURE")
            if value is not None and _off(value):
                yield node.lineno


def _names_setting(target: ast.expr) -> bool:
    if isinstance(target, ast.Name):
        return target.id == "SESSION_COOKIE_SECURE"
    if isinstance(target, ast.Subscript):
        key = target.slice
        return isinstance(key, ast.Constant) and key.value == "SESSION_COOKIE_SECURE"
    return False


def _off(value: ast.expr) -> bool:
    evaluated = evaluate(value)
    return evaluated is not UNKNOWN and truthy(evaluated) is False


__all__ = ["any_origin", "flask_cors_calls", "session_cookie_insecure"]
