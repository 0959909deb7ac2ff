"""Whether a flagged shell command runs only on the operator's own command-line input: the
judgement that caps PY015 at a lower severity in command-line tools.

A Django management command, an argparse / click / typer script or a `__main__` block is run
by a developer or operator on their own arguments; a shell command built from those is their
own command, not remote input (still worth quoting, hence capped, not dropped). The module
must be such a tool and show no web-request access at all; inputs other than `sys.argv`,
parsed options and the parameters of a management command's methods or a click / typer
command keep the finding at the rule's severity (`bandit_inputs` judges the values).
"""

from __future__ import annotations

import ast

from hms_policy.adapters.bandit_inputs import built_from_operator_input

_COMMAND_BASES = frozenset(("BaseCommand", "LabelCommand", "AppCommand"))
_CLI_DECORATORS = frozenset(("command", "option", "argument", "group", "callback"))
_CLI_PARSERS = frozenset(("ArgumentParser", "OptionParser"))
# Imports that give a module web-request access: its functions may carry remote input.
_WEB_MODULES = ("flask", "fastapi", "starlette", "django.http", "django.views", "rest_framework", "aiohttp", "tornado", "bottle", "pyramid", "sanic", "werkzeug")
_WEB_NAMES = frozenset(("request", "HttpRequest", "GET", "POST", "FILES", "query_params"))


def operator_input_only(tree: ast.Module, line: int) -> bool:
    """True when the module is a command-line tool without web-request access and the shell
    command on `line` interpolates only constants and command-line input."""
    commands = _command_methods(tree)
    if not (commands or _is_cli_module(tree)) or _web_access(tree):
        return False
    return built_from_operator_input(tree, line, lambda scope: id(scope) in commands)


def _terminal(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def _command_methods(tree: ast.Module) -> set[int]:
    """ids of the functions whose parameters are command-line input: the methods of a
    management command class, and functions decorated as click / typer commands."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(_terminal(b) in _COMMAND_BASES for b in node.bases):
            out.update(id(f) for f in node.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(_terminal(d) in _CLI_DECORATORS for d in node.decorator_list):
            out.add(id(node))
    return out


def _is_cli_module(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _terminal(node) in _CLI_PARSERS:
            return True
        if isinstance(node, ast.If) and _main_guard(node.test):
            return True
    return False


def _main_guard(test: ast.expr) -> bool:
    return isinstance(test, ast.Compare) and any(isinstance(n, ast.Name) and n.id == "__name__" for n in [test.left, *test.comparators])


def _web_access(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(_web(a.name) for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.module and _web(node.module):
            return True
        if isinstance(node, ast.Name) and node.id in _WEB_NAMES or isinstance(node, ast.Attribute) and node.attr in _WEB_NAMES:
            return True
        if isinstance(node, ast.arg) and node.arg in _WEB_NAMES:
            return True
    return False


def _web(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in _WEB_MODULES)
