"""FastAPI / Starlette: CORSMiddleware for every origin with credentials, and the Python CORS
detector that also reads Flask-CORS (`flask.flask_cors_calls`).

Starlette answers a credentialed request from any origin with that origin when
`allow_origins=["*"]` (or `allow_origin_regex=".*"`) and `allow_credentials=True`."""

from __future__ import annotations

import ast
import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.code.frameworks.flask import any_origin, flask_cors_calls
from hms_policy.detectors.code.frameworks.pyscope import in_dev_code
from hms_policy.detectors.code.frameworks.pyvalues import evaluate, truthy
from hms_policy.detectors.pysource import parse_python
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document


def cors_middleware_calls(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """`app.add_middleware(CORSMiddleware, ...)` and `Middleware(CORSMiddleware, ...)`."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not any(_is_cors_middleware(a) for a in node.args[:1]):
            continue
        keywords = {k.arg: k.value for k in node.keywords if k.arg}
        credentials = keywords.get("allow_credentials")
        if credentials is None or truthy(evaluate(credentials)) is not True:
            continue
        origins = keywords.get("allow_origins")
        regex = keywords.get("allow_origin_regex")
        if origins is not None and any_origin(evaluate(origins)) or regex is not None and any_origin(evaluate(regex)):
            yield node.lineno, "CORSMiddleware allows every origin with allow_credentials=True"


def _is_cors_middleware(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "CORSMiddleware" or isinstance(node, ast.Attribute) and node.attr == "CORSMiddleware"


# app.config["CORS_ORIGINS"] = ..., CORS_ORIGINS = ... in a config class, update(CORS_ORIGINS=...)
_CORS_CONFIG = re.compile(r"""(?:\[\s*["']CORS_(?:ORIGINS|RESOURCES)["']\s*\]|\bCORS_(?:ORIGINS|RESOURCES))\s*=(?!=)""")


def cors_any_origin_with_credentials(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    text = doc.text
    if "CORS" not in text and "cross_origin" not in text:
        return
    tree = parse_python(doc)
    if tree is None:
        return
    configured = _CORS_CONFIG.search(text) is not None
    for line, setting in [*flask_cors_calls(tree, configured), *cors_middleware_calls(tree)]:
        if not in_dev_code(doc, line):
            yield Match(LineSpan.at(line), key="cors", context={"setting": setting})


__all__ = ["cors_any_origin_with_credentials", "cors_middleware_calls"]
