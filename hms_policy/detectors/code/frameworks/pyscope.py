"""Where a Python module's developer-only code sits: `if DEBUG:` / `if ENV == "dev":` bodies (and
the `else` of a production test), classes and functions named for development or tests
(`DevelopmentConfig`, `TestConfig`, `test_app`). Computed once per document."""

from __future__ import annotations

import ast
import re

from hms_policy.detectors.code.frameworks.pyvalues import DEV, PROD, condition_branch
from hms_policy.detectors.pysource import parse_python
from hms_policy.targets.document import Document

_DEV_NAME = re.compile(r"(?:^|_)(?:dev|develop|development|local|test|tests|testing|debug|ci)(?:_|$)|^(?:Dev|Develop|Development|Local|Test|Testing|Debug|CI)[A-Z_]|(?:Dev|Development|Local|Test|Testing|Debug)(?:Config|Settings)$")


def dev_ranges(doc: Document) -> list[tuple[int, int]]:
    def compute() -> list[tuple[int, int]]:
        tree = parse_python(doc)
        out: list[tuple[int, int]] = []
        if tree is None:
            return out
        for node in ast.walk(tree):
            if isinstance(node, ast.If):
                kind = condition_branch(node.test)
                if kind == DEV and node.body:
                    out.append((node.body[0].lineno, node.body[-1].end_lineno or node.lineno))
                elif kind == PROD and node.orelse:
                    out.append((node.orelse[0].lineno, node.orelse[-1].end_lineno or node.lineno))
            elif isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and _DEV_NAME.search(node.name):
                out.append((node.lineno, node.end_lineno or node.lineno))
        return out

    ranges: list[tuple[int, int]] = doc.memo("python:dev-ranges", compute)
    return ranges


def in_dev_code(doc: Document, line: int) -> bool:
    return any(start <= line <= end for start, end in dev_ranges(doc))


__all__ = ["dev_ranges", "in_dev_code"]
