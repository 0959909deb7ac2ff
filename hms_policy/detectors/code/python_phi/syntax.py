"""Names read off Python expressions, shared by the walk, the sinks and the cleaning rules:
the dotted key of an attribute chain, the called name, every name along a chain."""

from __future__ import annotations

import ast


def dotted(node: ast.AST) -> str | None:
    """`self.msg` / `patient.record.ssn` as a string key, for simple chains only."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def callee(func: ast.AST) -> str:
    """The called name: `f` of `f(...)`, `info` of `logger.info(...)`; "" otherwise."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def chain_names(node: ast.AST) -> list[str]:
    """Every name along `a.b().c.d`, root first."""
    names: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Name):
            names.append(node.id)
            break
        else:
            break
    return list(reversed(names))
