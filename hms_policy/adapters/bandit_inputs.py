"""Whether the string a bandit injection test flagged is built only from values that cannot
be external input: the judgement PY015 (shell) and PY016 (SQL) apply before reporting.

bandit flags every formatted SQL string and every shell call whose command is not a single
literal, so an f-string that picks `NOW()` or `GETDATE()` from a setting reads like one that
interpolates a request field. Here the flagged statement's interpolated parts are followed
through the enclosing function (or module): literals, conditionals over literals, UPPER_CASE
constants, `settings` / `config` attributes, and local names bound only from such values are
constant; parameters, call results and unknown names are not. Any doubt keeps the finding.
"""

from __future__ import annotations

import ast
from typing import Callable, Iterable, Iterator

from hms_policy.adapters.bandit_callsites import Returns, constant_parameters, constant_returns

# Roots whose attributes are deployment configuration, not request data.
_CONFIG_ROOTS = frozenset(("settings", "config", "conf"))
# Path helpers whose result is as constant as their arguments (`os.path.dirname(__file__)`).
_PATH_FUNCS = frozenset(("dirname", "abspath", "join", "realpath", "normpath", "basename", "expanduser", "Path", "str"))
# Calls bandit's shell tests look at: by name, or any call given `shell=`.
_SHELL_FUNCS = frozenset(("system", "popen", "popen2", "popen3", "popen4", "getoutput", "getstatusoutput", "exec_command"))
_COMMAND_KWARGS = ("args", "cmd", "command")
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_CLI_PARSE = frozenset(("parse_args", "parse_known_args"))


def _upper(name: str) -> bool:
    """A constant's spelling: `MAX_ROWS`, `STATUS_ACTIVE`."""
    return name == name.upper() and any(c.isalpha() for c in name)


def _class_like(name: str) -> bool:
    """`Policy`, `Status`, `TABLES`: a class or constant namespace, not an instance."""
    return name[:1].isupper()


class _Scope:
    """The names of one function (or module) bound only from constant values."""

    def __init__(
        self, scope: ast.AST, paths: bool, cli: bool = False, trusted_params: bool = False, settled: frozenset[str] = frozenset(),
        returns: Returns | None = None,
    ) -> None:
        self.paths = paths
        # returns: what the module's own functions return (bandit_callsites.constant_returns)
        self.returns: Returns = returns or {}
        # cli: the operator's own command-line input (`sys.argv`, parsed options) counts as
        # settled too; trusted_params: the scope's parameters are such input (`bandit_cli`);
        # settled: parameters every call in the module fills with a constant (bandit_callsites).
        self.cli = cli
        self.bindings: dict[str, list[ast.expr | None]] = {}  # None: a non-constant binding
        self._followed: set[int] = set()  # ids of the Name nodes bound with their value
        if isinstance(scope, _SCOPES):
            for arg in _params(scope.args):
                self._bind(arg, ast.Constant(None) if trusted_params or arg in settled else None)
        for node in _own_nodes(scope):
            self._collect(node)
        self.constant = self._solve()

    def _bind(self, name: str, value: ast.expr | None) -> None:
        self.bindings.setdefault(name, []).append(value)

    def _bind_target(self, target: ast.expr, value: ast.expr | None, each: bool = False) -> None:
        """`each`: the target takes the elements of `value` (a for loop), constant when it is."""
        if isinstance(target, ast.Name):
            self._followed.add(id(target))
            self._bind(target.id, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            positions = None if each else self._returned_positions(value)
            if positions is not None and len(positions) == len(target.elts):
                for element, constant in zip(target.elts, positions):
                    self._bind_target(element, ast.Constant(None) if constant else None)
                return
            pairs = not each and isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(target.elts)
            for i, element in enumerate(target.elts):
                self._bind_target(element, value.elts[i] if pairs else (value if each else None), each)  # type: ignore[union-attr]
        # attributes and subscripts bind no name

    def _returned_positions(self, value: ast.expr | None) -> tuple[bool, ...] | None:
        """`get_conditions(filters)`: the constancy of each element of the tuple the module's
        own function returns (None: not such a call)."""
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id not in self.bindings:
            known = self.returns.get(value.func.id)
            return known if isinstance(known, tuple) else None
        return None

    def _collect(self, node: ast.AST) -> None:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                self._bind_target(target, node.value)
        elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
            self._bind_target(node.target, node.value)
        elif isinstance(node, ast.AugAssign):
            self._bind_target(node.target, ast.BinOp(node.target, node.op, node.value) if isinstance(node.target, ast.Name) else None)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            self._bind_target(node.target, node.iter, each=True)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)) and id(node) not in self._followed:
            self._bind(node.id, None)  # with-as, except-as, match, del: not followed
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                self._bind((alias.asname or alias.name).split(".")[0], None)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                self._bind(name, None)  # assigned elsewhere too

    def _solve(self) -> set[str]:
        """The greatest set of names whose every binding is constant given the others."""
        constant = {name for name, values in self.bindings.items() if all(v is not None for v in values)}
        changed = True
        while changed:
            changed = False
            for name in list(constant):
                if not all(self.is_constant(v, constant) for v in self.bindings[name] if v is not None):
                    constant.discard(name)
                    changed = True
        return constant

    def is_constant(self, node: ast.AST | None, names: set[str] | None = None) -> bool:
        known = self.constant if names is None else names
        if node is None:
            return True
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.Name):
            if node.id in self.bindings:
                return node.id in known
            return node.id == "__file__" or _upper(node.id)
        if isinstance(node, ast.Attribute):
            base = node.value
            if self.cli and (_sys_argv(node) or self.is_constant(base, known)):
                return True  # `sys.argv`, `args.name` of parsed options, `self.x` of a command
            # `Policy.STATUS_ACTIVE`: a class or module constant, when the name is not local
            return _config(node) or (isinstance(base, ast.Name) and _upper(node.attr) and _class_like(base.id) and base.id not in self.bindings)
        if isinstance(node, ast.Subscript):
            return self.is_constant(node.value, known) and self.is_constant(node.slice, known)
        if isinstance(node, ast.Call):
            return self._constant_call(node, known)
        if isinstance(node, (ast.JoinedStr, ast.FormattedValue, ast.IfExp, ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.Compare)):
            return all(self.is_constant(child, known) for child in _operands(node))
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return all(self.is_constant(e, known) for e in node.elts)
        if isinstance(node, ast.Dict):
            return all(self.is_constant(v, known) for v in [*node.keys, *node.values])
        if isinstance(node, ast.Starred):
            return self.is_constant(node.value, known)
        return False

    def _constant_call(self, node: ast.Call, known: set[str]) -> bool:
        func = node.func
        if isinstance(func, ast.Name) and func.id not in self.bindings and self.returns.get(func.id) is True:
            return True  # the module's own function, whose every return is constant
        args = [*node.args, *(k.value for k in node.keywords)]
        if self.cli and _terminal(func) in _CLI_PARSE:
            return True  # parser.parse_args(): the operator's own arguments
        if isinstance(func, ast.Attribute) and func.attr in ("format", "join") or (self.cli and isinstance(func, ast.Attribute) and func.attr == "get"):
            pass  # "...".format(A), ", ".join(COLUMNS), options.get("x"): as constant as their parts
        elif not self.paths or _terminal(func) not in _PATH_FUNCS:
            return False
        receiver = [func.value] if isinstance(func, ast.Attribute) and func.attr in ("format", "join", "get") else []
        return all(self.is_constant(a, known) for a in [*receiver, *args])


def _operands(node: ast.AST) -> Iterator[ast.AST]:
    """The values an expression combines (an IfExp's test chooses, it is not interpolated)."""
    if isinstance(node, ast.IfExp):
        yield from (node.body, node.orelse)
    elif isinstance(node, ast.FormattedValue):
        yield node.value
        if node.format_spec is not None:
            yield node.format_spec
    elif isinstance(node, ast.Compare):
        return  # a boolean, whatever it compares
    else:
        yield from (child for child in ast.iter_child_nodes(node) if isinstance(child, ast.expr))


def _sys_argv(node: ast.Attribute) -> bool:
    return node.attr == "argv" and isinstance(node.value, ast.Name) and node.value.id == "sys"


def _config(node: ast.Attribute) -> bool:
    """`settings.X`, `django.conf.settings.X`, `config.X.Y`."""
    base: ast.expr = node.value
    while isinstance(base, ast.Attribute):
        if base.attr in _CONFIG_ROOTS:
            return True
        base = base.value
    return isinstance(base, ast.Name) and base.id in _CONFIG_ROOTS


def _terminal(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _params(args: ast.arguments) -> Iterator[str]:
    for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
        if arg is not None:
            yield arg.arg


def _own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a scope, not those of functions or classes defined inside it (their names
    are their own), though such a definition binds its name here."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield ast.Name(node.name, ast.Store())
            stack.extend(node.decorator_list)
            continue
        if isinstance(node, ast.Lambda):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def _spans(node: ast.AST, line: int) -> bool:
    start = getattr(node, "lineno", None)
    end = getattr(node, "end_lineno", None) or start
    return start is not None and start <= line <= end


def _innermost(nodes: Iterable[ast.AST], line: int) -> ast.AST | None:
    found = [n for n in nodes if _spans(n, line)]
    return min(found, key=lambda n: (n.end_lineno or n.lineno) - n.lineno) if found else None  # type: ignore[attr-defined]


def _has_text(node: ast.AST) -> bool:
    return any(isinstance(n, ast.JoinedStr) or (isinstance(n, ast.Constant) and isinstance(n.value, str)) for n in ast.walk(node))


def _sql_builders(statement: ast.AST, line: int) -> list[ast.expr]:
    """The string-building expressions of the statement on the flagged line."""
    out: list[ast.expr] = []
    for node in ast.walk(statement):
        if not _spans(node, line):
            continue
        if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)) and _has_text(node)):
            out.append(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            out.append(node)
    return out


def _shell_commands(statement: ast.AST, line: int) -> list[ast.expr | None]:
    """The command argument of each shell call on the flagged line (None: not found)."""
    out: list[ast.expr | None] = []
    for node in ast.walk(statement):
        if not (isinstance(node, ast.Call) and _spans(node, line)):
            continue
        if _terminal(node.func) not in _SHELL_FUNCS and not any(k.arg == "shell" for k in node.keywords):
            continue
        command = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg in _COMMAND_KWARGS), None)
        out.append(command)
    return out


def built_from_constants(tree: ast.Module, line: int, kind: str) -> bool:
    """True when every value interpolated into the flagged SQL string (`kind` "sql") or shell
    command (`kind` "shell") on `line` is provably constant. False when in doubt."""
    paths = kind == "shell"

    returns = constant_returns(tree, lambda function: _Scope(function, paths=paths).is_constant)

    def scope_of(scope: ast.AST) -> _Scope:
        settled = constant_parameters(tree, scope, lambda caller, value: _Scope(caller, paths=paths).is_constant(value))
        return _Scope(scope, paths=paths, settled=frozenset(settled), returns=returns)

    return _judge(tree, line, kind, scope_of)


def built_from_operator_input(tree: ast.Module, line: int, trusted_params: Callable[[ast.AST], bool]) -> bool:
    """True when the flagged shell command on `line` interpolates only constants and the
    operator's command-line input (`sys.argv`, parsed options, and the parameters of scopes
    `trusted_params` accepts). The caller decides that the module is a command-line tool."""
    return _judge(tree, line, "shell", lambda scope: _Scope(scope, paths=True, cli=True, trusted_params=trusted_params(scope)))


def _judge(tree: ast.Module, line: int, kind: str, scope_of: Callable[[ast.AST], _Scope]) -> bool:
    statements = [n for n in ast.walk(tree) if isinstance(n, ast.stmt) and not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    statement = _innermost(statements, line)
    if statement is None:
        return False
    scope = _innermost((n for n in ast.walk(tree) if isinstance(n, _SCOPES)), line) or tree
    judged: list[ast.expr | None] = _sql_builders(statement, line) if kind == "sql" else list(_shell_commands(statement, line))
    if not judged or any(node is None for node in judged):
        return False
    names = scope_of(scope)
    return all(names.is_constant(_reaching_value(scope, statement, node) or node) for node in judged)


def _reaching_value(scope: ast.AST, statement: ast.AST, node: ast.expr | None) -> ast.expr | None:
    """The one value a local name has where `statement` reads it, when straight-line code says
    so: `cmd = "a"; os.system(cmd); cmd = "b" + x; os.system(cmd)` judges each call by the
    assignment just before it. None (judge every binding, as `_Scope` does) when the name is
    bound other than by plain assignment, the nearest assignment is in another branch, or a
    loop around the read assigns it again later."""
    if not isinstance(node, ast.Name) or not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    parents: dict[int, ast.AST] = {}
    blocks: dict[int, tuple[int, str]] = {}  # statement -> (its parent, the field of the list it is in)
    bindings: list[ast.stmt] = []
    for parent in [scope, *_own_nodes(scope)]:
        for field, value in ast.iter_fields(parent):
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ast.AST):
                    parents[id(child)] = parent
                    blocks[id(child)] = (id(parent), field)
        if isinstance(parent, ast.Name) and parent.id == node.id and isinstance(parent.ctx, (ast.Store, ast.Del)):
            owner = parents.get(id(parent))
            if not (isinstance(owner, ast.Assign) and owner.targets == [parent]):
                return None  # bound by a loop, a tuple, a with, an augmented assignment...
            bindings.append(owner)
    if any(a.arg == node.id for a in scope.args.args + scope.args.kwonlyargs + scope.args.posonlyargs):
        return None
    before = [b for b in bindings if b.lineno < statement.lineno]  # type: ignore[attr-defined]
    if not before:
        return None
    nearest = max(before, key=lambda b: b.lineno)
    # the assignment must sit in a block the read is inside: the same statement list, not the
    # other branch of an `if` or a `try`'s handler
    ancestor: ast.AST | None = statement
    while ancestor is not None and blocks.get(id(ancestor)) != blocks.get(id(nearest)):
        ancestor = parents.get(id(ancestor))
    if ancestor is None:
        return None
    # a loop around the read (inside that block) that assigns the name again runs it first
    current: ast.AST | None = statement
    while current is not None and current is not ancestor:
        if isinstance(current, (ast.For, ast.AsyncFor, ast.While)) and any(
            b is not nearest and _spans(current, b.lineno) for b in bindings
        ):
            return None
        current = parents.get(id(current))
    return nearest.value
