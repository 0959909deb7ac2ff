"""The sinks: which calls, raises, asserts and returns hand a value to a log, the console, an
exception, an HTTP response or a telemetry service, and which of their arguments reach it."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Iterator

from hms_policy.detectors.code.python_phi.syntax import callee, chain_names

ALL_SINKS = ("log", "print", "exception", "response", "telemetry")
EXEMPT_DEFAULT = ("audit",)

_LOG_METHODS = frozenset("debug info warning warn error exception critical fatal log msg trace success bind".split())
_LOGGER_NAMES = frozenset("log logger logging _log _logger structlog loguru logs".split())
_PRINT_FUNCS = frozenset("print pprint pp".split())
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
_QUIET_KEYWORDS = ("exc_info", "stack_info", "stacklevel")
# Every method and function name `call_sink` can accept (a superset, checked first).
_SINK_METHODS = _LOG_METHODS | _TELEMETRY_METHODS | {"write", "echo", "secho", "warn"}
_SINK_FUNCS = _PRINT_FUNCS | _SENTRY_FUNCS | {"abort", "warn"}


@dataclass(frozen=True, slots=True)
class Sink:
    """One place a value leaves the function: where it is, what it is, what reaches it."""

    node: ast.AST  # its lines are the finding's lines
    kind: str  # one of ALL_SINKS
    name: str  # "logger.info", "print", "exception message (ValueError)", ...
    args: tuple[ast.AST, ...]  # the expressions whose values reach the sink


def _args(call: ast.Call, skip: tuple[str, ...] = ()) -> tuple[ast.AST, ...]:
    return (*call.args, *(k.value for k in call.keywords if k.arg not in skip))


def _is_logger(name: str) -> bool:
    return name in _LOGGER_NAMES or name.endswith(("_log", "_logger", "logger")) or name.startswith(("log_", "logger_"))


def call_sink(node: ast.Call, exempt: tuple[str, ...]) -> Sink | None:
    """The sink a call is, if any; loggers whose receiver chain holds an `exempt` word (lower
    case) are the audit trail and are none."""
    func = node.func
    name = callee(func)
    if name not in (_SINK_METHODS if isinstance(func, ast.Attribute) else _SINK_FUNCS):
        return None  # most calls: no name a sink has, so no receiver chain to read
    args = _args(node, _QUIET_KEYWORDS)
    if isinstance(func, ast.Attribute):
        receiver = chain_names(func.value)
        receiver_name = receiver[-1] if receiver else ""
        lowered = receiver_name.lower()
        if name in _LOG_METHODS and (_is_logger(lowered) or any(_is_logger(n.lower()) for n in receiver[-3:])):
            if any(word in ".".join(receiver).lower() for word in exempt):
                return None
            return Sink(node, "log", f"{receiver_name}.{name}", args)
        if name == "write" and receiver[-2:] in (["sys", "stdout"], ["sys", "stderr"]):
            return Sink(node, "print", f"sys.{receiver[-1]}.write", args)
        if name in ("echo", "secho") and receiver[-1:] in (["click"], ["typer"]):
            return Sink(node, "print", f"{receiver[-1]}.{name}", args)
        if name in _TELEMETRY_METHODS and any(word in part.lower() for part in receiver for word in _TELEMETRY_RECEIVERS):
            return Sink(node, "telemetry", f"{'.'.join(receiver[-2:])}.{name}", args)
        if name == "warn" and receiver[-1:] == ["warnings"]:
            return Sink(node, "exception", "warnings.warn", args)
    elif isinstance(func, ast.Name):
        if name in _PRINT_FUNCS:
            return Sink(node, "print", name, args)
        if name in _SENTRY_FUNCS:
            return Sink(node, "telemetry", name, args)
        if name == "abort":
            return Sink(node, "response", "abort", args)
        if name == "warn":
            return Sink(node, "exception", "warn", args)
    return None


def call_sinks(expr: ast.AST, exempt: tuple[str, ...]) -> Iterator[Sink]:
    """Every sink call inside an expression or statement, lambdas left out (their bodies run elsewhere)."""
    stack = [expr]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Call):
            sink = call_sink(current, exempt)
            if sink is not None:
                yield sink
        for child in ast.iter_child_nodes(current):
            if not isinstance(child, ast.Lambda):
                stack.append(child)


def _raise_sink(stmt: ast.Raise) -> Sink | None:
    exc = stmt.exc
    if not isinstance(exc, ast.Call):
        return None
    name = callee(exc.func)
    if name in _HTTP_ERRORS or name.endswith("HTTPException"):
        return Sink(exc, "response", f"HTTP error response ({name})", _args(exc))
    return Sink(exc, "exception", f"exception message ({name or 'raise'})", _args(exc))


def _response_sink(value: ast.AST) -> Sink | None:
    """What an error handler or except block returns to the client."""
    items = value.elts if isinstance(value, ast.Tuple) else [value]
    body = items[0] if items else value
    if isinstance(body, ast.Call) and callee(body.func) in _RESPONSE_FUNCS:
        return Sink(body, "response", f"error response ({callee(body.func)})", _args(body))
    if isinstance(body, (ast.Dict, ast.JoinedStr)):
        return Sink(body, "response", "error response", (body,))
    return None


def statement_sink(stmt: ast.stmt, answers_client: bool) -> Sink | None:
    """The sink a statement is itself: a raise, an assert message, or (where it answers the
    client: an error handler or an `except` block) a return."""
    if isinstance(stmt, ast.Raise):
        return _raise_sink(stmt)
    if isinstance(stmt, ast.Assert) and stmt.msg is not None:
        return Sink(stmt.msg, "exception", "assert message", (stmt.msg,))
    if isinstance(stmt, ast.Return) and answers_client and stmt.value is not None:
        return _response_sink(stmt.value)
    return None


def is_error_handler(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """`@app.errorhandler`, `@app.exception_handler`, ... or a `handle_*error*` name."""
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if callee(target) in _HANDLER_DECORATORS:
            return True
    name = node.name.lower()
    return ("error" in name or "exception" in name) and ("handle" in name or "handler" in name)
