"""An operating-system command built from HTTP request input, in Java and JavaScript/TypeScript.

Java: `Runtime.getRuntime().exec(...)` (and `exec` on a local named like a Runtime),
`new ProcessBuilder(...)` and `processBuilder.command(...)`. Node: `child_process.exec` /
`execSync` (bare, after `require('child_process')` or an import of it, or on a
child-process-like receiver: `cp`, `childProcess`, `child_process`, `shell`), and `spawn` /
`execFile` with `shell: true`. Reported when an argument carries request input
(`request.getParameter(..)`, a parameter bound by `@RequestParam` / `@PathVariable` / ...,
`req.query` / `req.body` / `req.params` / `req.headers`, or a local assigned from them in
the same function). A regular expression's `.exec(req.query.q)` is not a command.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from hms_policy.detectors.code.syntax_tree import call_parts, document_calls, line, scope_key, text, walk
from hms_policy.detectors.code.tree_values import is_request_input, scope_of
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_JS_SHELL_CALLS = frozenset("exec execSync".split())
_JS_SPAWN_CALLS = frozenset("spawn spawnSync execFile execFileSync".split())
_JS_PROCESS_RECEIVERS = frozenset("child_process childProcess cp childProc child_proc proc shell shelljs execa".split())
_JAVA_RUNTIME_RECEIVERS = frozenset("runtime rt Runtime".split())


def command_from_request(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    java, calls = document_calls(doc, constructors=True)
    imports_child_process = not java and ("child_process" in doc.text or "shelljs" in doc.text)
    for call in calls:
        sink = _java_sink(call) if java else _js_sink(call, imports_child_process)
        if sink is None:
            continue
        args = call.child_by_field_name("arguments")
        if args is not None and is_request_input(args, scope_of(call)):
            yield Match(LineSpan.at(line(call)), key=f"{scope_key(call)}:{sink}", context={"sink": sink})


def _java_sink(call: Any) -> str | None:
    if call.type == "object_creation_expression":
        kind = text(call.child_by_field_name("type")).rsplit(".", 1)[-1]
        return "new ProcessBuilder" if kind == "ProcessBuilder" else None
    name, _ = call_parts(call)
    method = text(name)
    receiver = text(call.child_by_field_name("object"))
    if method == "exec" and (receiver.endswith("getRuntime()") or receiver in _JAVA_RUNTIME_RECEIVERS):
        return "Runtime.exec"
    if method == "command" and ("ProcessBuilder" in receiver or receiver.lower().endswith(("pb", "builder", "processbuilder"))):
        return "ProcessBuilder.command"
    return None


def _js_sink(call: Any, imports_child_process: bool) -> str | None:
    callee = call.child_by_field_name("function")
    if callee is None:
        return None
    name, args = call_parts(call)
    method = text(name)
    if callee.type == "identifier":
        if not imports_child_process:
            return None
    elif callee.type == "member_expression":
        receiver = text(callee.child_by_field_name("object"))
        required = receiver.replace('"', "'").replace(" ", "") in ("require('child_process')", "require('node:child_process')")
        if not required and receiver.rsplit(".", 1)[-1] not in _JS_PROCESS_RECEIVERS:
            return None
    else:
        return None
    if method in _JS_SHELL_CALLS:
        return f"child_process.{method}"
    if method in _JS_SPAWN_CALLS and args is not None and _shell_true(args):
        return f"child_process.{method} with shell: true"
    return None


def _shell_true(args: Any) -> bool:
    for node in walk(args, 300):
        if node.type == "pair" and text(node.child_by_field_name("key")).strip("'\"") == "shell":
            return text(node.child_by_field_name("value")) in ("true", "!0")
    return False
