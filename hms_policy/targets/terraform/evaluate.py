"""Evaluate HCL expressions as far as static analysis honestly can.

Literals, string templates, `var.`/`local.`/`each.`/`count.` references, module outputs,
configured arguments of other resources, operators, conditionals, `for` expressions and the
pure built-in functions (functions.py) evaluate to plain Python values. Everything else
(computed attributes such as `aws_kms_key.k.arn`, data sources, `file()`, a variable with no
value) evaluates to `Unknown`, which shows in node values exactly as written, `${...}`, so the
condition engine treats it as unresolved: it never counts as compliant.

Evaluation is bounded (nesting depth, collection sizes, rendered size), so hostile input
cannot make it hang or exhaust memory.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hms_policy.targets.terraform.hclast import (
    BinaryOp,
    Call,
    Conditional,
    Expr,
    ForExpr,
    Lit,
    Name,
    ObjectExpr,
    Template,
    TextOpaque,
    TextRef,
    Traverse,
    TupleExpr,
    UnaryOp,
)

MAX_DEPTH = 120  # nested expression evaluation
MAX_ITEMS = 10_000  # elements a `for` expression or range() may produce
MAX_RENDERED = 200_000  # values built when turning a result into plain node data


class Unknown:
    """A value static analysis cannot work out; `shown` is how a node value displays it.

    `missing` marks a stand-in for a name with no value (a variable without default, a
    resource attribute known only after apply): a reference to it shows the referring
    expression. Any other Unknown is an expression that could not be evaluated where it was
    written, and keeps its text when passed on (a module input shows the caller's expression,
    which is what cross-resource checks follow)."""

    __slots__ = ("missing", "shown")

    def __init__(self, shown: str, *, missing: bool = False) -> None:
        self.shown = shown if "${" in shown else "${" + shown + "}"
        self.missing = missing

    def __repr__(self) -> str:
        return f"Unknown({self.shown!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unknown) and other.shown == self.shown

    def __hash__(self) -> int:
        return hash(self.shown)


def missing(shown: str) -> Unknown:
    """The stand-in for a name that has no value here."""
    return Unknown(shown, missing=True)


def is_known(value: Any) -> bool:
    return not isinstance(value, Unknown)


# (root name, traversal steps, evaluator) -> (value, number of steps consumed)
RefResolver = Callable[[str, tuple[tuple[str, Any], ...], "Evaluator"], tuple[Any, int]]


@dataclass(frozen=True)
class FunctionTable:
    """The built-in functions an evaluator may call, handed in (see expressions.py) so this
    module never imports the functions that are written in terms of it."""

    eager: Mapping[str, Callable[..., Any]] = field(default_factory=dict)  # called on evaluated arguments
    lazy: Mapping[str, Callable[[Evaluator, Call], Any]] = field(default_factory=dict)  # get the call itself (try, can)


NO_FUNCTIONS = FunctionTable()


class Evaluator:
    """Evaluates expressions of one file's text under a set of bindings."""

    __slots__ = ("_depth", "bindings", "functions", "resolve_ref", "text")

    def __init__(
        self, text: str, resolve_ref: RefResolver, bindings: Mapping[str, Any] | None = None, functions: FunctionTable = NO_FUNCTIONS
    ) -> None:
        self.text = text
        self.resolve_ref = resolve_ref
        self.bindings: dict[str, Any] = dict(bindings or {})
        self.functions = functions
        self._depth = 0

    def bind(self, **names: Any) -> Evaluator:
        child = Evaluator(self.text, self.resolve_ref, {**self.bindings, **names}, self.functions)
        child._depth = self._depth
        return child

    def unknown(self, e: Expr) -> Unknown:
        if isinstance(e, (TextRef, TextOpaque)):
            return Unknown("${" + e.text + "}")
        return Unknown("${" + self.text[e.start : e.end].rstrip() + "}")

    def __call__(self, e: Expr) -> Any:
        if self._depth > MAX_DEPTH:
            return self.unknown(e)
        self._depth += 1
        try:
            return self._eval(e)
        except (TypeError, ValueError, KeyError, IndexError, ZeroDivisionError, OverflowError, AttributeError):
            return self.unknown(e)
        finally:
            self._depth -= 1

    def _eval(self, e: Expr) -> Any:
        if isinstance(e, Lit):
            return e.value
        if isinstance(e, Template):
            return self._template(e)
        if isinstance(e, Traverse):
            return self._traverse(e)
        if isinstance(e, Name):
            if e.name in self.bindings:
                return self.bindings[e.name]
            return self.unknown(e)
        if isinstance(e, TupleExpr):
            return [self(item) for item in e.items]
        if isinstance(e, ObjectExpr):
            out: dict[str, Any] = {}
            for key_expr, value_expr, _line in e.items:
                key = self(key_expr)
                if not is_known(key) or isinstance(key, (dict, list)):
                    return self.unknown(e)
                out[_to_string(key)] = self(value_expr)
            return out
        if isinstance(e, Conditional):
            return self._conditional(e)
        if isinstance(e, BinaryOp):
            return self._binary(e)
        if isinstance(e, UnaryOp):
            value = self(e.operand)
            if not is_known(value):
                return self.unknown(e)
            if e.op == "!":
                return not _to_bool(value)
            return -_to_number(value)
        if isinstance(e, Call):
            return self._call(e)
        if isinstance(e, ForExpr):
            return self._for(e)
        if isinstance(e, TextRef):
            value = self._traverse(e.ref)
            return value if is_known(value) else self.unknown(e)
        return self.unknown(e)  # Opaque, TextOpaque

    def _template(self, e: Template) -> Any:
        pieces: list[str] = []
        known = True
        for part in e.parts:
            if isinstance(part, str):
                pieces.append(part)
                continue
            value = self(part)
            if isinstance(value, Unknown):
                known = False
                pieces.append(value.shown)
            elif isinstance(value, (dict, list)):
                return self.unknown(e)
            else:
                pieces.append(_to_string(value))
        text = "".join(pieces)
        return text if known else Unknown(text)

    def _traverse(self, e: Traverse) -> Any:
        steps = e.steps
        if isinstance(e.base, Name):
            name = e.base.name
            if name in self.bindings:
                value, consumed = self.bindings[name], 0
            else:
                value, consumed = self.resolve_ref(name, steps, self)
        else:
            value, consumed = self(e.base), 0
        result = apply_steps(value, steps[consumed:], self)
        if isinstance(result, Unknown) and (result.missing or isinstance(value, Unknown) and value.missing):
            return self.unknown(e)
        return result

    def _conditional(self, e: Conditional) -> Any:
        predicate = self(e.predicate)
        if is_known(predicate):
            return self(e.if_true) if _to_bool(predicate) else self(e.if_false)
        # Both branches agree: the outcome does not depend on the unknown predicate.
        left, right = self(e.if_true), self(e.if_false)
        if is_known(left) and is_known(right) and _same(left, right):
            return left
        return self.unknown(e)

    def _binary(self, e: BinaryOp) -> Any:
        op = e.op
        left = self(e.left)
        if op in ("&&", "||") and is_known(left):
            truth = _to_bool(left)
            if op == "&&" and not truth:
                return False
            if op == "||" and truth:
                return True
        right = self(e.right)
        if not is_known(left) or not is_known(right):
            if op == "&&" and is_known(right) and not _to_bool(right):
                return False
            if op == "||" and is_known(right) and _to_bool(right):
                return True
            return self.unknown(e)
        if op in ("&&", "||"):
            return _to_bool(right)
        if op == "==":
            return _same(left, right)
        if op == "!=":
            return not _same(left, right)
        a, b = _to_number(left), _to_number(right)
        if op == "+":
            return _tidy(a + b)
        if op == "-":
            return _tidy(a - b)
        if op == "*":
            return _tidy(a * b)
        if op == "/":
            return _tidy(a / b)
        if op == "%":
            return _tidy(a % b)
        return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]

    def _call(self, e: Call) -> Any:
        name = e.name
        lazy = self.functions.lazy.get(name)
        if lazy is not None:
            return lazy(self, e)
        function = self.functions.eager.get(name)
        if function is None:
            return self.unknown(e)
        args = [self(a) for a in e.args]
        if e.expand_last and args:
            last = args.pop()
            if not isinstance(last, list):
                return self.unknown(e)
            args.extend(last)
        if any(isinstance(a, Unknown) for a in args):
            return self.unknown(e)
        result = function(*args)
        return self.unknown(e) if isinstance(result, Unknown) else result

    def _for(self, e: ForExpr) -> Any:
        collection = self(e.collection)
        if not is_known(collection):
            return self.unknown(e)
        if isinstance(collection, dict):
            pairs = list(collection.items())
        elif isinstance(collection, list):
            pairs = list(enumerate(collection))
        else:
            return self.unknown(e)
        if len(pairs) > MAX_ITEMS:
            return self.unknown(e)
        items: list[Any] = []
        mapping: dict[str, Any] = {}
        for key, value in pairs:
            names = {e.value_var: value}
            if e.key_var is not None:
                names[e.key_var] = key
            inner = self.bind(**names)
            if e.condition is not None:
                keep = inner(e.condition)
                if not is_known(keep):
                    return self.unknown(e)
                if not _to_bool(keep):
                    continue
            if e.key is None:
                items.append(inner(e.value))
                continue
            out_key = inner(e.key)
            if not is_known(out_key):
                return self.unknown(e)
            out_value = inner(e.value)
            if e.grouping:
                mapping.setdefault(_to_string(out_key), []).append(out_value)
            else:
                mapping[_to_string(out_key)] = out_value
        return items if e.key is None else mapping


def apply_steps(value: Any, steps: tuple[tuple[str, Any], ...], evaluator: Evaluator) -> Any:
    for i, (kind, arg) in enumerate(steps):
        if isinstance(value, Unknown):
            return value
        if kind == "splat":
            if value is None:
                return []
            items = value if isinstance(value, list) else [value]
            return [apply_steps(item, steps[i + 1 :], evaluator) for item in items]
        if kind == "attr":
            if isinstance(value, dict) and arg in value:
                value = value[arg]
            else:
                return missing("${?}")
            continue
        index = evaluator(arg)
        if isinstance(index, Unknown):
            return index
        if isinstance(value, list):
            value = value[int(_to_number(index))]
        elif isinstance(value, dict):
            key = _to_string(index)
            if key not in value:
                return missing("${?}")
            value = value[key]
        else:
            return missing("${?}")
    return value


# ---------------------------------------------------------------------------------------------
# Conversions shared with functions.py


def _tidy(number: float) -> int | float:
    if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


def _to_number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise TypeError("bool is not a number")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        number = float(value.strip())
        return _tidy(number)
    raise TypeError(f"not a number: {type(value).__name__}")


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    raise TypeError("not a bool")


def _to_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        raise TypeError("null in a string")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        raise TypeError("a collection is not a string")
    return str(value)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


to_number = _to_number
to_bool = _to_bool
to_string = _to_string


# ---------------------------------------------------------------------------------------------
# Results -> node data


class _Budget:
    __slots__ = ("left",)

    def __init__(self, left: int) -> None:
        self.left = left


def to_plain(value: Any, budget: _Budget | None = None) -> Any:
    """Plain node data: Unknowns become their `${...}` text; bounded in size, so values that
    share structure (locals built from locals) cannot blow up when flattened."""
    budget = budget or _Budget(MAX_RENDERED)
    budget.left -= 1
    if budget.left < 0:
        return "${(value too large to show)}"
    if isinstance(value, Unknown):
        return value.shown
    if isinstance(value, dict):
        return {k: to_plain(v, budget) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v, budget) for v in value]
    return value


def contains_unknown(value: Any, budget: _Budget | None = None) -> bool:
    budget = budget or _Budget(MAX_RENDERED)
    budget.left -= 1
    if budget.left < 0 or isinstance(value, Unknown):
        return True
    if isinstance(value, dict):
        return any(contains_unknown(v, budget) for v in value.values())
    if isinstance(value, list):
        return any(contains_unknown(v, budget) for v in value)
    return False


def no_references(name: str, steps: tuple[tuple[str, Any], ...], evaluator: Evaluator) -> tuple[Any, int]:
    """The resolver for a context that knows no names (variable defaults, tfvars)."""
    return missing("${" + name + "}"), len(steps)


__all__ = [
    "Evaluator",
    "Unknown",
    "apply_steps",
    "contains_unknown",
    "is_known",
    "missing",
    "no_references",
    "to_bool",
    "to_number",
    "to_plain",
    "to_string",
]
