"""Lines that run only when the application is in debug mode.

`if settings.DEBUG: print(otp, phone)` writes patient data only on a developer's machine (a
deployment that runs with DEBUG on has a larger problem, which PY03x report). Such a flow is a
real habit worth fixing, but not a gate-failing leak: PY001-PY003 cap it at medium.
"""

from __future__ import annotations

import ast

from hms_policy.detectors.code.python_phi.syntax import dotted


def _is_debug_flag(test: ast.AST) -> bool:
    """`DEBUG`, `settings.DEBUG`, `app.debug`, `current_app.config["DEBUG"]` (alone or and-ed)."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_is_debug_flag(v) for v in test.values)
    if isinstance(test, ast.Subscript) and isinstance(test.slice, ast.Constant):
        return str(test.slice.value).upper() == "DEBUG"
    name = dotted(test) if isinstance(test, (ast.Name, ast.Attribute)) else None
    return name is not None and name.rsplit(".", 1)[-1].upper() == "DEBUG"


def debug_only_lines(tree: ast.AST) -> set[int]:
    """The lines of every block that runs only under a debug flag (`if DEBUG:` bodies)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_debug_flag(node.test):
            for stmt in node.body:
                lines.update(range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1))
    return lines
