"""Parse and schema errors said without the content they are about.

A configuration, policy, baseline or rules file can hold secrets (a `.env` passed as
`--policy` by mistake, a database URL under a wrong key). PyYAML's problem text can quote
an alias, tag or escape from the file, and jsonschema's `ValidationError.message` embeds
the offending instance; both would print that content. These helpers say where (line,
key path) and what is wrong, never the value.
"""

from __future__ import annotations

import re
from typing import Any

# Anything quoted inside a parser's problem text comes from the file.
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_SAFE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,39}")


def yaml_problem(exc: Any) -> str:
    """PyYAML's problem, quoted parts replaced: `found undefined alias '…'`."""
    problem = str(getattr(exc, "problem", None) or "").strip() or type(exc).__name__
    return _QUOTED.sub("'…'", problem.splitlines()[0])


def yaml_where(exc: Any) -> str:
    mark = getattr(exc, "problem_mark", None)
    return f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""


def schema_problem(error: Any) -> str:
    """What a jsonschema `ValidationError` says is wrong, from the schema's side only."""
    kind, expected = error.validator, error.validator_value
    if kind == "type":
        return f"must be of type {_either(expected)}"
    if kind in ("enum", "const"):
        choices = expected if kind == "enum" else [expected]
        return f"must be one of {', '.join(repr(c) for c in choices)}" if len(choices) <= 12 else "is not one of the allowed values"
    if kind == "required":
        missing = [k for k in expected if isinstance(error.instance, dict) and k not in error.instance]
        return f"missing required key {', '.join(repr(k) for k in missing) or repr(expected)}"
    if kind in ("additionalProperties", "unevaluatedProperties"):
        return _unexpected_keys(error)
    if kind == "pattern":
        return f"does not match the pattern {expected}"
    if kind in _BOUNDS:
        return f"{_BOUNDS[kind]} {expected}"
    return f"fails the schema's {kind!r} check"


_BOUNDS = {
    "minLength": "must be at least this many characters long:", "maxLength": "must be at most this many characters long:",
    "minItems": "must have at least this many items:", "maxItems": "must have at most this many items:",
    "minimum": "must be at least", "maximum": "must be at most", "exclusiveMinimum": "must be more than",
    "exclusiveMaximum": "must be less than", "minProperties": "must have at least this many keys:",
    "maxProperties": "must have at most this many keys:",
}


def _either(expected: Any) -> str:
    return " or ".join(expected) if isinstance(expected, list) else str(expected)


def _unexpected_keys(error: Any) -> str:
    """Unknown keys are named when they look like key names, not like pasted values."""
    allowed = set((error.schema.get("properties") or {}).keys())
    extra = [k for k in (error.instance or {}) if k not in allowed] if isinstance(error.instance, dict) else []
    named = [k for k in extra if isinstance(k, str) and _SAFE_KEY.fullmatch(k) and sum(c.isdigit() for c in k) <= 2]
    if named and len(named) == len(extra):
        return f"unknown key {', '.join(repr(k) for k in named)}"
    return "has an unknown key"
