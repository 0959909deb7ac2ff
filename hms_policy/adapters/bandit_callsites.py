"""Parameters that every call in the module fills with a constant.

`get_products(..., item_or_service)` interpolates its last parameter into SQL, and the module's
only calls pass `'Item'` and `'Service'`: the parameter is as constant as a literal. A function
also referred to other than by a call (handed on as a callback, listed in `__all__`), a call
that unpacks `*args`/`**kwargs`, or a function with no call in the module keeps its parameters
as input: the judgement only removes doubt the module itself settles.
"""

from __future__ import annotations

import ast
from typing import Callable, Iterator

IsConstant = Callable[[ast.AST, ast.expr], bool]  # (scope of the call, argument) -> constant?


def constant_parameters(tree: ast.Module, function: ast.AST, is_constant: IsConstant) -> set[str]:
    """The parameters of a module-level `function` that every call in the module (in the
    caller's scope, by `is_constant`) fills with a constant, or leaves at a constant default."""
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) or function not in tree.body:
        return set()
    if _exported(tree, function.name):
        return set()
    calls = list(_calls_of(tree, function.name))
    if not calls:
        return set()
    args = function.args
    positional = [a.arg for a in [*args.posonlyargs, *args.args]]
    defaults = dict(zip(positional[len(positional) - len(args.defaults) :], args.defaults))
    defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
    constant = set(positional) | {a.arg for a in args.kwonlyargs}
    for scope, call in calls:
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return set()
        given: dict[str, ast.expr] = dict(zip(positional, call.args))
        given.update({k.arg: k.value for k in call.keywords if k.arg is not None})
        for name in list(constant):
            settled = is_constant(scope, given[name]) if name in given else isinstance(defaults.get(name), ast.Constant)
            if not settled:
                constant.discard(name)
    return constant


def _exported(tree: ast.Module, name: str) -> bool:
    """Referred to other than as the callee of a call: a callback, an `__all__` entry."""
    callees = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load) and id(node) not in callees:
            return True
        if isinstance(node, ast.Constant) and node.value == name:
            return True  # `__all__ = ["name"]`, getattr(module, "name")
    return False


def _calls_of(tree: ast.Module, name: str) -> Iterator[tuple[ast.AST, ast.Call]]:
    """Each call of `name` by its plain name, with the innermost function (or the module) it is in."""
    stack: list[tuple[ast.AST, ast.AST]] = [(tree, tree)]
    while stack:
        node, scope = stack.pop()
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) else scope
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id == name:
                yield scope, child
            stack.append((child, inner))


Returns = dict[str, "bool | tuple[bool, ...]"]
ScopeConstant = Callable[[ast.AST], Callable[[ast.expr], bool]]  # function -> is_constant in it


def constant_returns(tree: ast.Module, judge_in: ScopeConstant) -> Returns:
    """What each module-level function returns, as far as constancy goes: True when every
    `return` gives a constant; a tuple when every `return` gives a tuple of the same length,
    with each position's constancy (`conditions, values = get_conditions(filters)`, where the
    SQL fragment is built from literals and the values are bound parameters). Judged inside the
    function alone, its parameters as input: one level deep, never through other calls."""
    out: Returns = {}
    defined = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    names = [n.name for n in defined]
    for function in defined:
        if names.count(function.name) > 1:
            continue  # redefined: which one runs depends on the order
        values = [r.value for r in _own_returns(function)]
        if not values or any(v is None for v in values):
            continue
        is_constant = judge_in(function)
        tuples = [v for v in values if isinstance(v, ast.Tuple)]
        if len(tuples) == len(values) and len({len(t.elts) for t in tuples}) == 1:
            out[function.name] = tuple(all(is_constant(t.elts[i]) for t in tuples) for i in range(len(tuples[0].elts)))
        elif all(is_constant(v) for v in values if v is not None):
            out[function.name] = True
    return out


def _own_returns(function: ast.AST) -> Iterator[ast.Return]:
    """The `return` statements of `function` itself, not of functions nested in it."""
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, ast.Return):
            yield node
        stack.extend(ast.iter_child_nodes(node))
