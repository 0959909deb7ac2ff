"""The value a Python setting takes when nothing overrides it, and the module-level assignments
of a settings module with the branch they sit in.

A setting read from the environment counts by its default: `env("X", default=V)`,
`env.bool("X", V)`, `os.environ.get("X", V)`, `os.getenv("X", V)`, `config("X", default=V,
cast=bool)`. Without a default the value is UNKNOWN and no rule judges it. Branches are told
apart by their test: `if DEBUG:` or `if ENV == "dev":` is a developer branch (its `else` is not).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

UNKNOWN: Any = object()

_ENV_READERS = frozenset({"env", "config", "getenv", "get_env", "env_var", "get_env_variable", "get_env_var"})
_ENV_METHODS = frozenset({"bool", "int", "str", "list", "tuple", "float", "get", "json"})
_TRUE_WORDS = frozenset({"true", "1", "yes", "on", "y", "t"})
_DEV_WORD = re.compile(r"(?:^|[^a-z])(?:debug|dev|develop|development|local|localhost|test|tests|testing|ci)(?:$|[^a-z])", re.I)
_PROD_WORD = re.compile(r"(?:^|[^a-z])(?:prod|production|live|staging|release)(?:$|[^a-z])", re.I)

DEV, PROD = "dev", "prod"


@dataclass(frozen=True, slots=True)
class Assignment:
    name: str
    value: Any  # a constant, list, tuple, or UNKNOWN
    line: int
    branch: str | None  # DEV, PROD or None (unconditional or an unrecognised condition)
    node: ast.expr
    conditional: bool = False  # under an if/try, whatever its test


def module_assignments(tree: ast.Module) -> list[Assignment]:
    """Upper-case names assigned at module level (inside if/try/with too), in source order."""
    out: list[Assignment] = []
    _collect(tree.body, None, False, out)
    return out


def _collect(body: list[ast.stmt], branch: str | None, conditional: bool, out: list[Assignment]) -> None:
    for stmt in body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                for name in _names(target):
                    out.append(Assignment(name, evaluate(stmt.value), stmt.lineno, branch, stmt.value, conditional))
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            for name in _names(stmt.target):
                out.append(Assignment(name, evaluate(stmt.value), stmt.lineno, branch, stmt.value, conditional))
        elif isinstance(stmt, ast.If):
            kind = condition_branch(stmt.test)
            _collect(stmt.body, kind or branch, True, out)
            _collect(stmt.orelse, _opposite(kind) or branch, True, out)
        elif isinstance(stmt, ast.Try):
            for part in (stmt.body, stmt.orelse, stmt.finalbody, *(h.body for h in stmt.handlers)):
                _collect(part, branch, True, out)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            _collect(stmt.body, branch, conditional, out)


def overridden(assignment: Assignment, assignments: list[Assignment], bad: Callable[[Any], bool]) -> bool:
    """A later assignment of the same name that applies in production (unconditional, or in a
    production branch) and is not itself bad replaces this one: `X = False` then
    `if not DEBUG: X = True` leaves production with True."""
    return any(
        a.name == assignment.name and a.line > assignment.line and not bad(a.value) and (a.branch == PROD or not a.conditional)
        for a in assignments
    )


def _names(target: ast.expr) -> Iterator[str]:
    if isinstance(target, ast.Name) and target.id.isupper():
        yield target.id
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _names(element)


def _opposite(kind: str | None) -> str | None:
    return {DEV: PROD, PROD: DEV}.get(kind or "")


def condition_branch(test: ast.expr) -> str | None:
    """DEV when `test` holds on a developer machine or in tests, PROD for the reverse, else None."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _opposite(condition_branch(test.operand))
    if isinstance(test, ast.BoolOp):
        kinds = {condition_branch(v) for v in test.values}
        return DEV if DEV in kinds else PROD if kinds == {PROD} else None
    if isinstance(test, (ast.Name, ast.Attribute)):
        return DEV if _DEV_WORD.search(_dotted(test).replace("_", " ")) else None
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        words = " ".join(str(v) for v in _strings(test))
        kind = DEV if _DEV_WORD.search(words) else PROD if _PROD_WORD.search(words) else None
        if kind is None and isinstance(test.ops[0], (ast.In, ast.NotIn)):
            return None
        return _opposite(kind) if isinstance(test.ops[0], (ast.NotEq, ast.IsNot, ast.NotIn)) else kind
    if isinstance(test, ast.Call):
        return condition_branch(test.func) if isinstance(test.func, (ast.Name, ast.Attribute)) else None
    return None


def _strings(test: ast.Compare) -> Iterator[str]:
    """The words a comparison tests: string constants on either side, and bare names."""
    for side in (test.left, *test.comparators):
        for node in ast.walk(side):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 40:
                yield node.value.replace("_", " ")
            elif isinstance(node, ast.Name) and not _is_env_reader(node.id):
                yield node.id.replace("_", " ")


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _is_env_reader(name: str) -> bool:
    return name in _ENV_READERS or name in ("os", "environ", "sys")


def evaluate(node: ast.expr) -> Any:
    """The constant `node` evaluates to, with environment reads replaced by their default."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = [evaluate(e) for e in node.elts if not isinstance(e, ast.Starred)]
        return items if all(i is not UNKNOWN for i in items) and len(items) == len(node.elts) else _partial(items)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        value = evaluate(node.operand)
        return UNKNOWN if value is UNKNOWN else not value
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
        left, right = evaluate(node.left), evaluate(node.comparators[0])
        if left is UNKNOWN or right is UNKNOWN:
            return UNKNOWN
        return (left == right) if isinstance(node.ops[0], ast.Eq) else (left != right)
    if isinstance(node, ast.Call):
        return _call(node)
    return UNKNOWN


def _partial(items: list[Any]) -> Any:
    """A list with some unknown entries: the known ones still count (`["*", env("HOST")]`)."""
    known = [i for i in items if i is not UNKNOWN]
    return PartialList(known) if known else UNKNOWN


class PartialList(list):  # type: ignore[type-arg]
    """A list whose other entries are not known."""


def _call(node: ast.Call) -> Any:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    owner = _dotted(func.value) if isinstance(func, ast.Attribute) else ""
    if isinstance(func, ast.Attribute) and name in ("lower", "upper", "strip", "split") and not node.keywords:
        base = evaluate(func.value)
        if not isinstance(base, str):
            return UNKNOWN
        if name == "split":
            sep = evaluate(node.args[0]) if node.args else None
            return base.split(sep) if sep is None or isinstance(sep, str) else UNKNOWN
        return getattr(base, name)()
    if name in ("bool", "int", "str") and not owner and len(node.args) == 1:
        value = evaluate(node.args[0])
        return _cast(value, name) if value is not UNKNOWN else UNKNOWN
    if name in ("strtobool", "to_bool", "str2bool", "as_bool") and len(node.args) == 1:
        value = evaluate(node.args[0])
        return _cast(value, "bool") if value is not UNKNOWN else UNKNOWN
    if owner.endswith("environ") and name == "get" or name == "getenv" or (not owner and name in _ENV_READERS):
        return _env_default(node, "bool" if _cast_is_bool(node) else "")
    if name in _ENV_METHODS and owner.split(".")[-1] in _ENV_READERS | {"env"}:
        return _env_default(node, name)
    if not owner and _ENV_HELPER.match(name) and _names_variable(node):
        # a project's own helper: envbool("DEBUG", "True"), get_env_setting("X", default=...)
        return _env_default(node, "bool" if "bool" in name.lower() else "int" if "int" in name.lower() else "")
    return UNKNOWN


_ENV_HELPER = re.compile(r"^(?:get_?|read_?)?env(?:iron(?:ment)?)?(?:_?var(?:iable)?)?(?:_?(?:bool|int|str|setting|value|list))?$", re.I)
_VARIABLE_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


def _names_variable(node: ast.Call) -> bool:
    first = node.args[0] if node.args else None
    return isinstance(first, ast.Constant) and isinstance(first.value, str) and _VARIABLE_NAME.match(first.value) is not None


def _cast_is_bool(node: ast.Call) -> bool:
    return any(k.arg == "cast" and isinstance(k.value, ast.Name) and k.value.id == "bool" for k in node.keywords)


def _env_default(node: ast.Call, cast: str) -> Any:
    default: ast.expr | None = next((k.value for k in node.keywords if k.arg == "default"), None)
    if default is None and len(node.args) >= 2:
        default = node.args[1]
    if default is None:
        return UNKNOWN
    value = evaluate(default)
    if value is UNKNOWN:
        return UNKNOWN
    if cast in ("list", "tuple") and isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return _cast(value, cast) if cast in ("bool", "int") else value


def _cast(value: Any, cast: str) -> Any:
    if cast == "bool":
        return value.strip().lower() in _TRUE_WORDS if isinstance(value, str) else bool(value)
    if cast == "int":
        try:
            return int(value)
        except (TypeError, ValueError):
            return UNKNOWN
    return str(value) if cast == "str" else value


def truthy(value: Any) -> bool | None:
    """A setting's truth as Django reads it; a string default counts by its word ("False" is off)."""
    if value is UNKNOWN:
        return None
    if isinstance(value, str):
        return value.strip().lower() in _TRUE_WORDS
    return bool(value)


__all__ = ["Assignment", "DEV", "PROD", "PartialList", "UNKNOWN", "condition_branch", "evaluate", "module_assignments", "overridden", "truthy"]
