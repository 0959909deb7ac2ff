"""The walk: the taint analysis of one module, statement by statement within each function.

Sources are names, attributes, keys and calls that hold patient data or a whole patient
record; values propagate through assignments, containers and string building; branches are
merged and loop bodies run twice. Each value reaching a sink (`sinks`) becomes a `Flow`;
values that pass a clean-value rule (`cleaning`) stop carrying their labels.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any, Iterable

from hms_policy.detectors.code.phi_names import RECORD_FIELDS, TERMS, classify, is_record, words
from hms_policy.detectors.code.python_phi.cleaning import (
    BOOL_TYPES,
    SAFE_ATTRS,
    cleans,
    explicitly_clean,
    last_few,
)
from hms_policy.detectors.code.python_phi.sinks import (
    Sink,
    call_sinks,
    is_error_handler,
    statement_sink,
)
from hms_policy.detectors.code.python_phi.receivers import RECORD_PARAMS, is_patient_receiver
from hms_policy.detectors.code.python_phi.relevance import Relevance
from hms_policy.detectors.code.python_phi.syntax import callee, chain_names, dotted

Taint = frozenset[str]
CLEAN: Taint = frozenset()
RECORD = "patient record"
# A value made up by a test-data factory (`create_test_insuree(...)`, `fake.last_name()`,
# `PatientFactory(...)`): its fields are synthetic, whatever they are called.
SYNTHETIC = "synthetic"
_SYNTHETIC_CALL = re.compile(r"^(?:create|make|build|generate|gen)_(?:test|fake|dummy|mock|sample|random)_|(?:^|_)(?:fake|faker|dummy|mock)(?:_|$)|Factory$|^Faker$")
_FAKER_NAMES = frozenset("fake faker fakes fake_data".split())
STRONG_LABELS = frozenset(label for _, label, strong in TERMS if strong)


_PASS_FUNCS = frozenset("str repr format dict list tuple set frozenset sorted reversed int float vars asdict astuple dumps pformat dedent indent quote escape".split())
_STR_METHODS = frozenset(
    """upper lower strip lstrip rstrip title capitalize casefold format format_map replace encode decode split rsplit
    splitlines join ljust rjust center zfill partition rpartition removeprefix removesuffix expandtabs translate
    isoformat strftime copy items values""".split()
)
_RECORD_DUMPS = frozenset(
    """dict json to_dict to_json model_dump model_dump_json as_dict asdict serialize to_representation __repr__
    __str__ values get_dirty_fields get_changed_fields diff_against""".split()
)
# A record's diff (django-simple-history `diff_against(...).changes`, auditlog `changes_dict`).
_RECORD_DIFFS = frozenset("changes changes_dict changed_fields __dict__".split())
_MUTATORS = frozenset("append extend add update insert setdefault appendleft extendleft".split())
_RECORD_GETTERS = frozenset(
    "get first one one_or_none read find find_one get_or_404 first_or_404 load fetch retrieve latest earliest last "
    "filter all exclude order_by select_related prefetch_related values scalars perform_resources search".split()
)
_PREDICATE_PREFIXES = ("is_", "has_", "can_", "should_", "validate", "valid_", "check", "verify", "count", "exists", "contains", "matches", "needs_", "was_")
_GETTER_VERBS = frozenset("get fetch load read lookup find format normalize normalise extract decrypt decode parse full".split())


@dataclass(frozen=True, slots=True)
class Flow:
    """Patient data reaching a sink: labels and positions only."""

    line: int
    end_line: int
    sink_kind: str  # one of ALL_SINKS
    sink: str  # "logger.info", "print", "exception (ValueError)", ...
    labels: tuple[str, ...]
    scope: str
    strong: bool


def _annotation_names(annotation: ast.AST | None) -> list[str]:
    if annotation is None:
        return []
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return [p for p in annotation.value.replace("[", " ").replace("]", " ").replace("|", " ").replace(",", " ").split()]
    return [n.id if isinstance(n, ast.Name) else n.attr for n in ast.walk(annotation) if isinstance(n, (ast.Name, ast.Attribute))]


def _label_of(name: str) -> Taint:
    found = classify(name)
    return frozenset({found[0]}) if found else CLEAN


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_COUNT_NAMES = frozenset("total count size length len num number_of".split())


def _key_or_count(name: str) -> bool:
    """A row's key or a count (`document_id`, `producerId`, `total`): it names a value, not the data."""
    return name.endswith(("_id", "Id", "_ids", "Ids")) or name.lower() in _COUNT_NAMES


def _is_record_type(name: str) -> bool:
    return name[:1].isupper() and is_record(name)


class Analyzer:
    """Taint of expressions, bound in statement order; every tainted sink becomes a `Flow`."""

    def __init__(self, maskers: tuple[str, ...], exempt: tuple[str, ...]) -> None:
        self.maskers = tuple(m.lower() for m in maskers)
        self.exempt = tuple(e.lower() for e in exempt)
        self.flows: list[Flow] = []
        self.receivers: frozenset[str] = frozenset()  # functions connected to a patient model's signal
        self.relevance: Relevance | None = None  # definitions that cannot produce a flow are skipped
        self._loops = 0  # loop nesting at the statement being analysed

    # --- expressions ---------------------------------------------------------------

    def taint(self, node: ast.AST | None, env: dict[str, Taint]) -> Taint:
        if node is None:
            return CLEAN
        method = getattr(self, "_t_" + type(node).__name__, None)
        if method is not None:
            result: Taint = method(node, env)
            return result
        if isinstance(node, (ast.Compare, ast.Lambda, ast.Constant, ast.UnaryOp)):
            return CLEAN
        out: set[str] = set()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                out |= self.taint(child, env)
        return frozenset(out)

    def _t_Constant(self, node: ast.Constant, env: dict[str, Taint]) -> Taint:
        return CLEAN

    def _t_Name(self, node: ast.Name, env: dict[str, Taint]) -> Taint:
        if node.id in env:
            return env[node.id]
        if is_record(node.id):
            return frozenset({RECORD})
        return _label_of(node.id)

    def _t_Attribute(self, node: ast.Attribute, env: dict[str, Taint]) -> Taint:
        key = dotted(node)
        if key is not None and key in env:
            return env[key]
        base = self.taint(node.value, env)
        if SYNTHETIC in base:
            return base
        named = _label_of(node.attr)
        if RECORD in base:
            if node.attr in SAFE_ATTRS:
                return CLEAN
            if node.attr in _RECORD_DIFFS:
                return frozenset({RECORD})  # a diff of a record: its old and new values
            if named:
                return named
            if node.attr.lower() in RECORD_FIELDS:
                return frozenset({node.attr.lower() if node.attr.lower() != "birth" else "date_of_birth"})
            if is_record(node.attr):
                return frozenset({RECORD})
            return CLEAN
        if base:
            # a container's own keys and counts (`pointer.document_id`, `bundle.total`) are not what it holds
            return CLEAN if node.attr in SAFE_ATTRS or _key_or_count(node.attr) else base
        if named:
            return named
        if is_record(node.attr):
            return frozenset({RECORD})
        return CLEAN

    def _t_Subscript(self, node: ast.Subscript, env: dict[str, Taint]) -> Taint:
        index = node.slice
        if isinstance(index, ast.Constant) and isinstance(index.value, str):
            base = self.taint(node.value, env)
            named = _label_of(index.value)
            if named:
                return named
            if RECORD in base:
                key = index.value.lower()
                return frozenset({key}) if key in RECORD_FIELDS else CLEAN
            return CLEAN if (index.value in SAFE_ATTRS or _key_or_count(index.value)) else base
        if isinstance(index, ast.Slice) and last_few(index):
            return CLEAN  # ssn[-4:]: the masked tail
        return self.taint(node.value, env)

    def _t_JoinedStr(self, node: ast.JoinedStr, env: dict[str, Taint]) -> Taint:
        out: set[str] = set()
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                out |= self.taint(value.value, env)
        return frozenset(out)

    def _t_BinOp(self, node: ast.BinOp, env: dict[str, Taint]) -> Taint:
        return self.taint(node.left, env) | self.taint(node.right, env)

    def _t_BoolOp(self, node: ast.BoolOp, env: dict[str, Taint]) -> Taint:
        return frozenset().union(*(self.taint(v, env) for v in node.values))

    def _t_IfExp(self, node: ast.IfExp, env: dict[str, Taint]) -> Taint:
        return self.taint(node.body, env) | self.taint(node.orelse, env)

    def _t_Dict(self, node: ast.Dict, env: dict[str, Taint]) -> Taint:
        out: set[str] = set()
        for key, value in zip(node.keys, node.values):
            if key is not None and not isinstance(key, ast.Constant):
                out |= self.taint(key, env)
            out |= self.taint(value, env)
        return frozenset(out)

    def _t_NamedExpr(self, node: ast.NamedExpr, env: dict[str, Taint]) -> Taint:
        value = self.taint(node.value, env)
        if isinstance(node.target, ast.Name):
            env[node.target.id] = value
        return value

    def _comprehension(self, node: Any, env: dict[str, Taint], parts: Iterable[ast.AST]) -> Taint:
        inner = dict(env)
        for gen in node.generators:
            self._bind(gen.target, self.taint(gen.iter, inner), inner)
        return frozenset().union(*(self.taint(p, inner) for p in parts))

    def _t_ListComp(self, node: ast.ListComp, env: dict[str, Taint]) -> Taint:
        return self._comprehension(node, env, [node.elt])

    _t_SetComp = _t_ListComp
    _t_GeneratorExp = _t_ListComp

    def _t_DictComp(self, node: ast.DictComp, env: dict[str, Taint]) -> Taint:
        return self._comprehension(node, env, [node.key, node.value])

    def _t_Call(self, node: ast.Call, env: dict[str, Taint]) -> Taint:
        func = node.func
        name = callee(func)
        lower = name.lower()
        chain = chain_names(func)
        args = [*node.args, *(k.value for k in node.keywords)]
        if _SYNTHETIC_CALL.search(name) or (chain and chain[0] in _FAKER_NAMES):
            return frozenset({SYNTHETIC})
        if cleans(node, self.maskers):
            return CLEAN
        if name in ("get", "getattr", "pop") and args:
            key_node = node.args[1] if name == "getattr" and len(node.args) > 1 else node.args[0] if node.args else None
            if isinstance(key_node, ast.Constant) and isinstance(key_node.value, str):
                owner = self.taint(func.value if isinstance(func, ast.Attribute) else node.args[0], env)
                named = _label_of(key_node.value)
                if named:
                    return named
                if RECORD in owner and key_node.value.lower() in RECORD_FIELDS:
                    return frozenset({key_node.value.lower()})
                return CLEAN
        if isinstance(func, ast.Attribute):
            owner = self.taint(func.value, env)
            if RECORD in owner and name in _RECORD_DUMPS:
                return frozenset({RECORD})
            if owner and name in _STR_METHODS:
                return owner | self._args_taint(args, env)
            if not owner and name in ("format", "join", "format_map"):
                return self._args_taint(args, env)
        if isinstance(func, ast.Name) and name in _PASS_FUNCS or (isinstance(func, ast.Attribute) and name in ("dumps", "pformat", "asdict")):
            return self._args_taint(args, env)
        named = _label_of(name)
        if named and (words(name)[0] in _GETTER_VERBS or classify(words(name)[0]) is not None or isinstance(func, ast.Attribute) and RECORD in self.taint(func.value, env)):
            return named  # get_ssn(...), format_dob(...), patient.full_name()
        if self._loads_record(func, name, chain, node):
            return frozenset({RECORD})
        if isinstance(func, ast.Name) and not lower.startswith(_PREDICATE_PREFIXES):
            # An unknown helper (`format_label(p.ssn)`) is assumed to pass its input on;
            # a predicate (`is_valid_ssn(x)`) is not, and nor is a method on a clean
            # object (`db.save(ssn)` returns a row count, not the SSN).
            return self._args_taint(args, env)
        return CLEAN

    @staticmethod
    def _loads_record(func: ast.AST, name: str, chain: list[str], node: ast.Call) -> bool:
        """`Patient(...)`, `Patient.objects.get(...)`, `Patient.read(id, server)`,
        `get_object_or_404(Patient, ...)`, `get_patient(id)`: a whole record. Not
        `Patient.where(...).construct()` (a search URL) or `PatientService.count()`."""
        if isinstance(func, ast.Name):
            if _is_record_type(name) or is_record(name):
                return True
            lower = name.lower()
            if lower.startswith(("get_", "load_", "fetch_", "find_", "lookup_", "read_")) and is_record(name.split("_", 1)[1]):
                return True
            return lower in ("get_object_or_404", "get_or_404") and any(isinstance(a, ast.Name) and _is_record_type(a.id) for a in node.args[:1])
        if name in _RECORD_GETTERS and any(_is_record_type(n) for n in chain[:-1]):
            return True
        if name in ("get", "one", "first") and any(isinstance(a, ast.Name) and _is_record_type(a.id) for a in node.args[:1]):
            return True  # session.get(Patient, id)
        return name.lower().startswith(("get_", "load_", "fetch_", "find_")) and is_record(name.split("_", 1)[1])

    def _args_taint(self, args: Iterable[ast.AST], env: dict[str, Taint]) -> Taint:
        return frozenset().union(*(self.taint(a, env) for a in args))

    # --- statements ----------------------------------------------------------------

    def _bind(self, target: ast.AST, value: Taint, env: dict[str, Taint], value_node: ast.AST | None = None) -> None:
        if isinstance(target, ast.Name):
            # `ssn = fetch()` still holds an SSN: the name is evidence unless the value is
            # known to be clean (`ssn = mask(raw)`, `ssn = None`).
            if value_node is not None and SYNTHETIC not in value and not explicitly_clean(value_node, self.maskers):
                value = value | _label_of(target.id)
            env[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)):
            if isinstance(value_node, (ast.Tuple, ast.List)) and len(value_node.elts) == len(target.elts):
                for t, v in zip(target.elts, value_node.elts):
                    self._bind(t, self.taint(v, env), env, v)
            else:
                for t in target.elts:
                    self._bind(t, value, env)
        elif isinstance(target, ast.Starred):
            self._bind(target.value, value, env)
        elif isinstance(target, ast.Attribute):
            key = dotted(target)
            if key is not None:
                env[key] = value
        elif isinstance(target, ast.Subscript):
            # ctx["ssn"] = ssn: the container now carries it
            key = dotted(target.value)
            if key is not None and value:
                env[key] = env.get(key, CLEAN) | value

    def run_function(self, body: list[ast.stmt], env: dict[str, Taint], scope: str, handler: bool) -> None:
        self._block(body, env, scope, handler, in_except=False)

    def _block(self, body: list[ast.stmt], env: dict[str, Taint], scope: str, handler: bool, in_except: bool) -> None:
        for stmt in body:
            self._stmt(stmt, env, scope, handler, in_except)

    @staticmethod
    def _merge(into: dict[str, Taint], *others: dict[str, Taint]) -> None:
        for other in others:
            for key, value in other.items():
                into[key] = into.get(key, CLEAN) | value if key in into else value

    def _stmt(self, stmt: ast.stmt, env: dict[str, Taint], scope: str, handler: bool, in_except: bool) -> None:
        if isinstance(stmt, _DEFINITIONS) and self.relevance is not None and not self.relevance.may_flow(stmt, any(env.values())):
            return
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.function(stmt, env, f"{scope}.{stmt.name}" if scope else stmt.name)
            return
        if isinstance(stmt, ast.ClassDef):
            name = f"{scope}.{stmt.name}" if scope else stmt.name
            self._block(stmt.body, dict(env), name, False, False)
            return
        # sinks in this statement's own expressions (not its nested blocks), before it binds
        for expr in _header_exprs(stmt):
            for sink in call_sinks(expr, self.exempt):
                self._report(sink, env, scope)
        own = statement_sink(stmt, handler or in_except)
        if own is not None:
            self._report(own, env, scope)
        if isinstance(stmt, ast.Assign):
            value = self.taint(stmt.value, env)
            for target in stmt.targets:
                self._bind(target, value, env, stmt.value)
        elif isinstance(stmt, ast.AnnAssign):
            names = _annotation_names(stmt.annotation)
            if any(n in BOOL_TYPES for n in names):
                value = CLEAN
            elif any(_is_record_type(n) for n in names):
                value = frozenset({RECORD})
            else:
                value = self.taint(stmt.value, env)
            self._bind(stmt.target, value, env, stmt.value)
        elif isinstance(stmt, ast.AugAssign):
            value = self.taint(stmt.value, env)
            key = dotted(stmt.target)
            if key is not None:
                env[key] = self.taint(stmt.target, env) | value
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            call = stmt.value
            if isinstance(call.func, ast.Attribute) and call.func.attr in _MUTATORS:
                key = dotted(call.func.value)
                added = self._args_taint([*call.args, *(k.value for k in call.keywords)], env)
                if key is not None and added:
                    env[key] = env.get(key, CLEAN) | added
        elif isinstance(stmt, ast.If):
            other = dict(env)
            self._block(stmt.body, env, scope, handler, in_except)
            self._block(stmt.orelse, other, scope, handler, in_except)
            self._merge(env, other)
        elif isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
            if isinstance(stmt, (ast.For, ast.AsyncFor)):
                self._bind(stmt.target, self.taint(stmt.iter, env), env)
            before = dict(env)
            # A second pass sees values carried around the loop; nested loops get one pass
            # each below the second level, so deep nesting stays linear.
            self._loops += 1
            for _ in range(2 if self._loops <= 2 else 1):
                self._block(stmt.body, env, scope, handler, in_except)
            self._loops -= 1
            self._merge(env, before)
            self._block(stmt.orelse, env, scope, handler, in_except)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                if item.optional_vars is not None:
                    self._bind(item.optional_vars, self.taint(item.context_expr, env), env)
            self._block(stmt.body, env, scope, handler, in_except)
        elif isinstance(stmt, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            self._block(stmt.body, env, scope, handler, in_except)
            branches = []
            for exc_handler in stmt.handlers:
                branch = dict(env)
                if exc_handler.name:
                    branch[exc_handler.name] = CLEAN
                self._block(exc_handler.body, branch, scope, handler, True)
                branches.append(branch)
            self._merge(env, *branches)
            self._block(stmt.orelse, env, scope, handler, in_except)
            self._block(stmt.finalbody, env, scope, handler, in_except)
        elif isinstance(stmt, getattr(ast, "Match", ())):
            merged: list[dict[str, Taint]] = []
            for case in stmt.cases:  # type: ignore[attr-defined]
                branch = dict(env)
                self._block(case.body, branch, scope, handler, in_except)
                merged.append(branch)
            self._merge(env, *merged)

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef, outer: dict[str, Taint], scope: str) -> None:
        env = dict(outer)  # closures read the enclosing function's names
        args = node.args
        receiver = is_patient_receiver(node, self.receivers)
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if arg is None:
                continue
            names = _annotation_names(arg.annotation)
            if any(n in BOOL_TYPES for n in names):
                env[arg.arg] = CLEAN
            elif any(_is_record_type(n) for n in names) or (receiver and arg.arg in RECORD_PARAMS):
                env[arg.arg] = frozenset({RECORD})
            else:
                env.pop(arg.arg, None)  # judged by its name
        handler = is_error_handler(node)
        self.run_function(node.body, env, scope, handler)

    def _report(self, sink: Sink, env: dict[str, Taint], scope: str) -> None:
        """Record a flow where patient data (not synthetic data) reaches the sink."""
        taint = self._args_taint(sink.args, env) - {SYNTHETIC}
        if not taint:
            return
        labels = tuple(sorted(taint))
        strong = bool(STRONG_LABELS.intersection(labels))
        line = getattr(sink.node, "lineno", 1)
        self.flows.append(Flow(line, getattr(sink.node, "end_lineno", line) or line, sink.kind, sink.name, labels, scope, strong))


def _header_exprs(stmt: ast.stmt) -> list[ast.AST]:
    """The expressions a statement evaluates itself, not those of its nested blocks."""
    if isinstance(stmt, (ast.If, ast.While)):
        return [stmt.test]
    if isinstance(stmt, (ast.For, ast.AsyncFor)):
        return [stmt.iter]
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        return [item.context_expr for item in stmt.items]
    if isinstance(stmt, (ast.Try, getattr(ast, "TryStar", ast.Try))):
        return []
    if isinstance(stmt, getattr(ast, "Match", ())):
        return [stmt.subject]  # type: ignore[attr-defined]
    return [stmt]
