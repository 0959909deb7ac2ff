"""Patient data flowing, inside one Python function, into places it must not reach.

Sources: values named like patient data (`ssn`, `patient.date_of_birth`, `row["mrn"]`,
`getattr(p, "abha_number")`, `get_dob()`; see `phi_names`), and whole patient records:
names like `patient` / `patient_record`, parameters or variables annotated with a Patient
type, and values built by `Patient(...)`, `Patient.objects.get(...)`, `get_patient(...)`.
Of a record, only identifying attributes count (`patient.name`, `patient.ssn`), never
`patient.id`.

Propagation, in statement order within a function (branches merged, loop bodies run
twice): assignments (`s = patient.ssn; msg = "x" + s`), augmented assignments, f-strings,
`%`, `.format`, concatenation, `str()`/`json.dumps()`/string methods, containers and
`extra=` dicts (`ctx["ssn"] = ssn` taints `ctx`; so does `parts.append(ssn)`). A value
passed through a masking helper (configurable `maskers`, matched as a substring of the
called name: `mask_ssn(x)`, `redact(x)`), a hash (`hashlib`, `hmac`), `len()`/`bool()`, a
comparison, or a last-four slice (`ssn[-4:]`) is clean. Reassigning a name to a clean
value clears it. A name annotated `bool`/`int`/`float` is not patient data.

Sinks (the `sinks` param picks which a rule reports):
  log        logging / loguru / structlog calls on a logger-like receiver (receivers
             whose name contains an `exempt_receivers` word, by default "audit", are the
             audit trail and are skipped), `logger.bind(...)`
  print      print, pprint, sys.stdout/stderr.write, click.echo
  exception  the arguments of a raised exception, `warnings.warn`, an assert message
  response   HTTP error responses: `abort(...)`, raised HTTP exceptions (HTTPException,
             Http404, ValidationError, ...), and responses returned from an error handler
             (`@app.errorhandler`, `@app.exception_handler`, `handle_*error*`) or from
             an `except` block (jsonify, Response, JSONResponse, JsonResponse, dicts)
  telemetry  error-tracking and analytics calls (sentry_sdk.capture_message/set_user/
             set_tag/set_context/add_breadcrumb, analytics/segment track/identify,
             mixpanel, posthog, statsd tags, OpenTelemetry span attributes, New Relic)

Only field labels ("ssn", "date_of_birth") leave the detector, never values.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

from hms_policy.detectors.code.phi_names import RECORD_FIELDS, TERMS, classify, is_record, literal_value_spans, words
from hms_policy.detectors.code.pysource import parse_python
from hms_policy.model import LineSpan, Match, Redaction
from hms_policy.targets.document import Document

Taint = frozenset[str]
CLEAN: Taint = frozenset()
RECORD = "patient record"
# A value made up by a test-data factory (`create_test_insuree(...)`, `fake.last_name()`,
# `PatientFactory(...)`): its fields are synthetic, whatever they are called.
SYNTHETIC = "synthetic"
_SYNTHETIC_CALL = re.compile(r"^(?:create|make|build|generate|gen)_(?:test|fake|dummy|mock|sample|random)_|(?:^|_)(?:fake|faker|dummy|mock)(?:_|$)|Factory$|^Faker$")
_FAKER_NAMES = frozenset("fake faker fakes fake_data".split())

MASKERS_DEFAULT = ("mask", "redact", "anonymize", "anonymise", "pseudonymize", "pseudonymise", "hash", "tokenize", "tokenise", "scrub", "obfuscate", "encrypt", "sanitize", "sanitise")
EXEMPT_DEFAULT = ("audit",)
ALL_SINKS = ("log", "print", "exception", "response", "telemetry")
STRONG_LABELS = frozenset(label for _, label, strong in TERMS if strong)

_LOG_METHODS = frozenset("debug info warning warn error exception critical fatal log msg trace success bind".split())
_LOGGER_NAMES = frozenset("log logger logging _log _logger structlog loguru logs".split())
_PRINT_FUNCS = frozenset("print pprint pp".split())
_HASH_MODULES = frozenset("hashlib hmac bcrypt argon2 uuid secrets".split())
_DERIVED_FUNCS = frozenset("len bool isinstance issubclass type id hash callable any all sum min max round abs".split())
_PASS_FUNCS = frozenset("str repr format dict list tuple set frozenset sorted reversed int float vars asdict astuple dumps pformat dedent indent quote escape".split())
_STR_METHODS = frozenset(
    """upper lower strip lstrip rstrip title capitalize casefold format format_map replace encode decode split rsplit
    splitlines join ljust rjust center zfill partition rpartition removeprefix removesuffix expandtabs translate
    isoformat strftime copy items values""".split()
)
_RECORD_DUMPS = frozenset("dict json to_dict to_json model_dump model_dump_json as_dict asdict serialize to_representation __repr__ __str__ values".split())
_SAFE_ATTRS = frozenset("year id pk uuid".split())
_MUTATORS = frozenset("append extend add update insert setdefault appendleft extendleft".split())
_BOOL_TYPES = frozenset("bool int float".split())
_RECORD_GETTERS = frozenset(
    "get first one one_or_none read find find_one get_or_404 first_or_404 load fetch retrieve latest earliest last "
    "filter all exclude order_by select_related prefetch_related values scalars perform_resources search".split()
)
_PREDICATE_PREFIXES = ("is_", "has_", "can_", "should_", "validate", "valid_", "check", "verify", "count", "exists", "contains", "matches", "needs_", "was_")
_GETTER_VERBS = frozenset("get fetch load read lookup find format normalize normalise extract decrypt decode parse full".split())

_RESPONSE_FUNCS = frozenset(
    """jsonify Response JSONResponse JsonResponse make_response HttpResponse HttpResponseBadRequest
    HttpResponseServerError HttpResponseNotFound HttpResponseForbidden HttpResponseGone PlainTextResponse
    HTMLResponse json_response ORJSONResponse UJSONResponse""".split()
)
_HTTP_ERRORS = frozenset(
    """HTTPException Http404 NotFound BadRequest Forbidden Unauthorized Conflict Gone UnprocessableEntity
    InternalServerError ValidationError APIException ParseError PermissionDenied NotAuthenticated
    RequestValidationError HTTPError HTTPBadRequest HTTPNotFound HTTPForbidden HTTPUnauthorized
    HTTPConflict HTTPInternalServerError SuspiciousOperation""".split()
)
_HANDLER_DECORATORS = frozenset("errorhandler app_errorhandler exception_handler exception register_error_handler".split())

_TELEMETRY_RECEIVERS = (
    "sentry", "analytics", "segment", "mixpanel", "posthog", "amplitude", "statsd", "datadog", "newrelic",
    "rollbar", "bugsnag", "honeybadger", "telemetry", "metric", "tracer", "span", "heap", "intercom",
    "appinsights", "opentelemetry", "otel", "tracking", "tracker",
)
_TELEMETRY_METHODS = frozenset(
    """capture_message capture_event set_user set_tag set_tags set_context set_extra add_breadcrumb track identify
    page screen alias group capture people_set increment incr decrement decr gauge histogram timing distribution
    event set_attribute set_attributes add_event add_custom_attribute add_custom_attributes record_custom_event
    record_custom_metric report_message notify log_event""".split()
)
_SENTRY_FUNCS = frozenset("capture_message capture_event set_user set_tag set_tags set_context set_extra add_breadcrumb".split())


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


def _dotted(node: ast.AST) -> str | None:
    """`self.msg` / `patient.record.ssn` as a string key, for simple chains only."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _callee(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _chain_names(node: ast.AST) -> list[str]:
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


def _annotation_names(annotation: ast.AST | None) -> list[str]:
    if annotation is None:
        return []
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return [p for p in annotation.value.replace("[", " ").replace("]", " ").replace("|", " ").replace(",", " ").split()]
    return [n.id if isinstance(n, ast.Name) else n.attr for n in ast.walk(annotation) if isinstance(n, (ast.Name, ast.Attribute))]


def _label_of(name: str) -> Taint:
    found = classify(name)
    return frozenset({found[0]}) if found else CLEAN


def _is_record_type(name: str) -> bool:
    return name[:1].isupper() and is_record(name)


class _Analyzer:
    def __init__(self, maskers: tuple[str, ...], exempt: tuple[str, ...]) -> None:
        self.maskers = tuple(m.lower() for m in maskers)
        self.exempt = tuple(e.lower() for e in exempt)
        self.flows: list[Flow] = []
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
        key = _dotted(node)
        if key is not None and key in env:
            return env[key]
        base = self.taint(node.value, env)
        if SYNTHETIC in base:
            return base
        named = _label_of(node.attr)
        if RECORD in base:
            if node.attr in _SAFE_ATTRS:
                return CLEAN
            if named:
                return named
            if node.attr.lower() in RECORD_FIELDS:
                return frozenset({node.attr.lower() if node.attr.lower() != "birth" else "date_of_birth"})
            if is_record(node.attr):
                return frozenset({RECORD})
            return CLEAN
        if base:
            return CLEAN if node.attr in _SAFE_ATTRS else base
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
            return CLEAN if (index.value in _SAFE_ATTRS or index.value.endswith("_id")) else base
        if isinstance(index, ast.Slice) and self._last_few(index):
            return CLEAN  # ssn[-4:]: the masked tail
        return self.taint(node.value, env)

    @staticmethod
    def _last_few(index: ast.Slice) -> bool:
        lower = index.lower
        if index.upper is not None or lower is None:
            return False
        if isinstance(lower, ast.UnaryOp) and isinstance(lower.op, ast.USub) and isinstance(lower.operand, ast.Constant):
            value = lower.operand.value
            return isinstance(value, int) and value <= 4
        return False

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
        name = _callee(func)
        lower = name.lower()
        chain = _chain_names(func)
        args = [*node.args, *(k.value for k in node.keywords)]
        if _SYNTHETIC_CALL.search(name) or (chain and chain[0] in _FAKER_NAMES):
            return frozenset({SYNTHETIC})
        if any(m in lower for m in self.maskers):
            return CLEAN
        if chain and chain[0] in _HASH_MODULES:
            return CLEAN
        if isinstance(func, ast.Name) and name in _DERIVED_FUNCS:
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

    def _explicitly_clean(self, node: ast.AST | None) -> bool:
        """A value known not to be raw patient data: a literal, a flag, a masked or hashed value."""
        if node is None or isinstance(node, (ast.Constant, ast.Compare)):
            return True
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return True
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice) and self._last_few(node.slice):
            return True
        if isinstance(node, ast.Call):
            name = _callee(node.func).lower()
            chain = _chain_names(node.func)
            return any(m in name for m in self.maskers) or bool(chain and chain[0] in _HASH_MODULES) or (
                isinstance(node.func, ast.Name) and node.func.id in _DERIVED_FUNCS
            )
        return False

    def _bind(self, target: ast.AST, value: Taint, env: dict[str, Taint], value_node: ast.AST | None = None) -> None:
        if isinstance(target, ast.Name):
            # `ssn = fetch()` still holds an SSN: the name is evidence unless the value is
            # known to be clean (`ssn = mask(raw)`, `ssn = None`).
            if value_node is not None and SYNTHETIC not in value and not self._explicitly_clean(value_node):
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
            key = _dotted(target)
            if key is not None:
                env[key] = value
        elif isinstance(target, ast.Subscript):
            # ctx["ssn"] = ssn: the container now carries it
            key = _dotted(target.value)
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
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.function(stmt, env, f"{scope}.{stmt.name}" if scope else stmt.name)
            return
        if isinstance(stmt, ast.ClassDef):
            name = f"{scope}.{stmt.name}" if scope else stmt.name
            self._block(stmt.body, dict(env), name, False, False)
            return
        # sinks in this statement's own expressions (not its nested blocks), before it binds
        for expr in _header_exprs(stmt):
            self._sinks(expr, env, scope, handler or in_except)
        if isinstance(stmt, ast.Raise):
            self._raise(stmt, env, scope)
        elif isinstance(stmt, ast.Assert) and stmt.msg is not None:
            self._report(stmt.msg, self.taint(stmt.msg, env), "exception", "assert message", scope)
        elif isinstance(stmt, ast.Return) and (handler or in_except) and stmt.value is not None:
            self._response(stmt.value, env, scope)
        if isinstance(stmt, ast.Assign):
            value = self.taint(stmt.value, env)
            for target in stmt.targets:
                self._bind(target, value, env, stmt.value)
        elif isinstance(stmt, ast.AnnAssign):
            names = _annotation_names(stmt.annotation)
            if any(n in _BOOL_TYPES for n in names):
                value = CLEAN
            elif any(_is_record_type(n) for n in names):
                value = frozenset({RECORD})
            else:
                value = self.taint(stmt.value, env)
            self._bind(stmt.target, value, env, stmt.value)
        elif isinstance(stmt, ast.AugAssign):
            value = self.taint(stmt.value, env)
            key = _dotted(stmt.target)
            if key is not None:
                env[key] = self.taint(stmt.target, env) | value
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            call = stmt.value
            if isinstance(call.func, ast.Attribute) and call.func.attr in _MUTATORS:
                key = _dotted(call.func.value)
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
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if arg is None:
                continue
            names = _annotation_names(arg.annotation)
            if any(n in _BOOL_TYPES for n in names):
                env[arg.arg] = CLEAN
            elif any(_is_record_type(n) for n in names):
                env[arg.arg] = frozenset({RECORD})
            else:
                env.pop(arg.arg, None)  # judged by its name
        handler = _is_error_handler(node)
        self.run_function(node.body, env, scope, handler)

    # --- sinks ---------------------------------------------------------------------

    def _sinks(self, expr: ast.AST, env: dict[str, Taint], scope: str, handler: bool) -> None:
        for node in _walk_no_functions(expr):
            if isinstance(node, ast.Call):
                self._call_sink(node, env, scope)

    def _call_sink(self, node: ast.Call, env: dict[str, Taint], scope: str) -> None:
        func = node.func
        name = _callee(func)
        args = [*node.args, *(k.value for k in node.keywords if k.arg not in ("exc_info", "stack_info", "stacklevel"))]
        if isinstance(func, ast.Attribute):
            receiver = _chain_names(func.value)
            receiver_name = receiver[-1] if receiver else ""
            lowered = receiver_name.lower()
            if name in _LOG_METHODS and (_is_logger(lowered) or any(_is_logger(n.lower()) for n in receiver[-3:])):
                if any(word in ".".join(receiver).lower() for word in self.exempt):
                    return
                self._report(node, self._args_taint(args, env), "log", f"{receiver_name}.{name}", scope)
                return
            if name == "write" and receiver[-2:] in (["sys", "stdout"], ["sys", "stderr"]):
                self._report(node, self._args_taint(args, env), "print", f"sys.{receiver[-1]}.write", scope)
                return
            if name in ("echo", "secho") and receiver[-1:] in (["click"], ["typer"]):
                self._report(node, self._args_taint(args, env), "print", f"{receiver[-1]}.{name}", scope)
                return
            if name in _TELEMETRY_METHODS and any(word in part.lower() for part in receiver for word in _TELEMETRY_RECEIVERS):
                self._report(node, self._args_taint(args, env), "telemetry", f"{'.'.join(receiver[-2:])}.{name}", scope)
                return
            if name == "warn" and receiver[-1:] == ["warnings"]:
                self._report(node, self._args_taint(args, env), "exception", "warnings.warn", scope)
                return
        elif isinstance(func, ast.Name):
            if name in _PRINT_FUNCS:
                self._report(node, self._args_taint(args, env), "print", name, scope)
            elif name in _SENTRY_FUNCS:
                self._report(node, self._args_taint(args, env), "telemetry", name, scope)
            elif name == "abort":
                self._report(node, self._args_taint(args, env), "response", "abort", scope)
            elif name == "warn":
                self._report(node, self._args_taint(args, env), "exception", "warn", scope)

    def _raise(self, stmt: ast.Raise, env: dict[str, Taint], scope: str) -> None:
        exc = stmt.exc
        if not isinstance(exc, ast.Call):
            return
        name = _callee(exc.func)
        args = [*exc.args, *(k.value for k in exc.keywords)]
        kind = "response" if name in _HTTP_ERRORS or name.endswith("HTTPException") else "exception"
        label = f"HTTP error response ({name})" if kind == "response" else f"exception message ({name or 'raise'})"
        self._report(exc, self._args_taint(args, env), kind, label, scope)

    def _response(self, value: ast.AST, env: dict[str, Taint], scope: str) -> None:
        """What an error handler or except block returns to the client."""
        items = value.elts if isinstance(value, ast.Tuple) else [value]
        body = items[0] if items else value
        if isinstance(body, ast.Call) and _callee(body.func) in _RESPONSE_FUNCS:
            args = [*body.args, *(k.value for k in body.keywords)]
            self._report(body, self._args_taint(args, env), "response", f"error response ({_callee(body.func)})", scope)
        elif isinstance(body, (ast.Dict, ast.JoinedStr)):
            self._report(body, self.taint(body, env), "response", "error response", scope)

    def _report(self, node: ast.AST, taint: Taint, kind: str, sink: str, scope: str) -> None:
        taint = taint - {SYNTHETIC}
        if not taint:
            return
        labels = tuple(sorted(taint))
        strong = bool(STRONG_LABELS.intersection(labels))
        line = getattr(node, "lineno", 1)
        self.flows.append(Flow(line, getattr(node, "end_lineno", line) or line, kind, sink, labels, scope, strong))


def _is_logger(name: str) -> bool:
    return name in _LOGGER_NAMES or name.endswith(("_log", "_logger", "logger")) or name.startswith(("log_", "logger_"))


def _is_error_handler(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if _callee(target) in _HANDLER_DECORATORS:
            return True
    name = node.name.lower()
    return ("error" in name or "exception" in name) and ("handle" in name or "handler" in name)


def _walk_no_functions(node: ast.AST) -> Iterator[ast.AST]:
    """ast.walk that does not enter lambdas (their bodies run elsewhere)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        for child in ast.iter_child_nodes(current):
            if not isinstance(child, ast.Lambda):
                stack.append(child)


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


def analyse(doc: Document, maskers: tuple[str, ...] = MASKERS_DEFAULT, exempt: tuple[str, ...] = EXEMPT_DEFAULT) -> list[Flow]:
    """Every PHI flow into every sink in the document (memoised per configuration)."""

    def compute() -> list[Flow]:
        tree = parse_python(doc)
        if tree is None:
            return []
        analyzer = _Analyzer(maskers, exempt)
        analyzer.run_function(tree.body, {}, "", False)
        merged: dict[tuple[int, str, str], Flow] = {}
        for flow in analyzer.flows:  # loop bodies run twice: one flow per sink call
            key = (flow.line, flow.sink_kind, flow.sink)
            seen = merged.get(key)
            if seen is not None:
                flow = Flow(flow.line, max(flow.end_line, seen.end_line), flow.sink_kind, flow.sink,
                            tuple(sorted(set(seen.labels) | set(flow.labels))), flow.scope, flow.strong or seen.strong)
            merged[key] = flow
        return sorted(merged.values(), key=lambda f: (f.line, f.sink_kind, f.sink))

    flows: list[Flow] = doc.memo(f"python:phi-flows:{maskers}:{exempt}", compute)
    return flows


def phi_flow(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """The detector PY001-PY003 name (`hms.python.phi_flow`); `sinks` picks the sink kinds."""
    maskers = tuple(str(m) for m in params.get("maskers", MASKERS_DEFAULT))
    exempt = tuple(str(e) for e in params.get("exempt_receivers", EXEMPT_DEFAULT))
    sinks = set(params.get("sinks", ALL_SINKS))
    for flow in analyse(doc, maskers, exempt):
        if flow.sink_kind not in sinks:
            continue
        fields = ", ".join(flow.labels)
        last = min(flow.end_line, flow.line + 2)
        redactions = tuple(
            Redaction(n, a, b, "phi") for n in range(flow.line, last + 1) for a, b in literal_value_spans(doc.line(n))
        )
        yield Match(
            LineSpan(flow.line, flow.end_line),
            key=f"{flow.scope}:{flow.sink}:{fields}",
            redactions=redactions,
            confidence=0.9 if flow.strong else 0.7 if any(label != RECORD for label in flow.labels) else 0.6,
            context={"fields": fields, "sink": flow.sink},
            extra={"fields": list(flow.labels), "sink": flow.sink_kind},
        )


# The detector id the first release used; same analysis, log/print/exception sinks.
def phi_in_log_call(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    yield from phi_flow(doc, {"sinks": ("log", "print", "exception"), **params})
