"""Masking and clean-value rules: which calls, slices, attributes and annotations yield a
value that is not raw patient data (maskers, hashes, derived values, safe attributes)."""

from __future__ import annotations

import ast

from hms_policy.detectors.code.python_phi.syntax import callee, chain_names

MASKERS_DEFAULT = ("mask", "redact", "anonymize", "anonymise", "pseudonymize", "pseudonymise", "hash", "tokenize", "tokenise", "scrub", "obfuscate", "encrypt", "sanitize", "sanitise")
SAFE_ATTRS = frozenset("year id pk uuid".split())
BOOL_TYPES = frozenset("bool int float".split())
_HASH_MODULES = frozenset("hashlib hmac bcrypt argon2 uuid secrets".split())
_DERIVED_FUNCS = frozenset("len bool isinstance issubclass type id hash callable any all sum min max round abs".split())


def last_few(index: ast.Slice) -> bool:
    """`[-4:]` and shorter tails: the masked end of an identifier."""
    lower = index.lower
    if index.upper is not None or lower is None:
        return False
    if isinstance(lower, ast.UnaryOp) and isinstance(lower.op, ast.USub) and isinstance(lower.operand, ast.Constant):
        value = lower.operand.value
        return isinstance(value, int) and value <= 4
    return False


def cleans(call: ast.Call, maskers: tuple[str, ...]) -> bool:
    """A call whose result is clean: a masker (lower-case `maskers` matched as a substring of
    the called name), a hash module, or a derived builtin (`len`, `bool`, ...)."""
    name = callee(call.func)
    chain = chain_names(call.func)
    return any(m in name.lower() for m in maskers) or bool(chain and chain[0] in _HASH_MODULES) or (
        isinstance(call.func, ast.Name) and name in _DERIVED_FUNCS
    )


def explicitly_clean(node: ast.AST | None, maskers: tuple[str, ...]) -> bool:
    """A value known not to be raw patient data: a literal, a flag, a masked or hashed value."""
    if node is None or isinstance(node, (ast.Constant, ast.Compare)):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return True
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice) and last_few(node.slice):
        return True
    if isinstance(node, ast.Call):
        return cleans(node, maskers)
    return False
