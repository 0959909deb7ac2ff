"""Patient data flowing into Python log calls, print and exception messages (AST based)."""

from __future__ import annotations

import ast
import re
from typing import Any, Iterator, Mapping

from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

PHI_NAME = re.compile(
    r"(?:^|_)(ssn|social_security(?:_number)?|dob|date_of_birth|birth_?date|mrn|medical_record(?:_number)?|"
    r"patient_name|first_name|last_name|full_name|diagnosis|diagnoses|icd10|icd_10|icd_code|address|street|"
    r"phone|phone_number|mobile|email|insurance(?:_id|_number)?|member_id|policy_number|aadhaar|aadhar|abha(?:_number|_address|_id)?|"
    r"health_id|nhs_number)(?:$|_)",
    re.I,
)
_LOG_METHODS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"}
_LOGGER_NAMES = re.compile(r"^(log|logger|logging|_log|_logger|LOG|LOGGER|log_\w+|\w+_logger|\w+_log)$")
_MASKERS_DEFAULT = ("mask", "redact", "anonymize", "anonymise", "pseudonymize", "hash", "tokenize", "scrub")


def _parse(doc: Document) -> ast.AST | None:
    def compute() -> ast.AST | None:
        try:
            return ast.parse(doc.text, filename=doc.path)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            from hms_policy.model import ScanError

            line = getattr(exc, "lineno", None)
            where = f" at line {line}" if line else ""
            doc.errors.append(ScanError(doc.path, f"cannot parse Python{where}: {type(exc).__name__}", "parse"))
            return None

    return doc.memo("python:ast", compute)  # type: ignore[no-any-return]


def _sink(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name) and func.id == "print":
        return "print"
    if isinstance(func, ast.Attribute) and func.attr in _LOG_METHODS:
        target = func.value
        name = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else ""
        if _LOGGER_NAMES.match(name) or name.endswith(("logger", "log", "LOGGER")):
            return f"{name}.{func.attr}"
    return None


def phi_names(node: ast.AST, maskers: tuple[str, ...]) -> list[str]:
    """PHI-like names read in `node`, not counting values passed through a masking helper."""
    found: list[str] = []

    def visit(n: ast.AST) -> None:
        if isinstance(n, ast.Call):
            callee = n.func.id if isinstance(n.func, ast.Name) else n.func.attr if isinstance(n.func, ast.Attribute) else ""
            if any(m in callee.lower() for m in maskers):
                return
        if isinstance(n, ast.Name) and PHI_NAME.search(n.id):
            found.append(n.id)
        elif isinstance(n, ast.Attribute) and PHI_NAME.search(n.attr):
            found.append(n.attr)
            return
        elif isinstance(n, ast.Subscript) and isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, str) and PHI_NAME.search(n.slice.value):
            found.append(n.slice.value)
            return
        for child in ast.iter_child_nodes(n):
            visit(child)

    visit(node)
    return found


def phi_in_log_call(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    tree = _parse(doc)
    if tree is None:
        return
    maskers = tuple(params.get("maskers", _MASKERS_DEFAULT))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        sink = _sink(node)
        if sink is None:
            continue
        names = [n for arg in [*node.args, *(k.value for k in node.keywords)] for n in phi_names(arg, maskers)]
        if names:
            fields = ", ".join(sorted(set(names)))
            yield Match(LineSpan(node.lineno, getattr(node, "end_lineno", node.lineno) or node.lineno), key=f"{sink}:{fields}", context={"fields": fields, "sink": sink})
