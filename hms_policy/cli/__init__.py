"""The `hms-policy` command: argparse subcommands, one module each, in an explicit table.

This package is the only place that prints or exits. Exit codes come from one place:
0 the gate passed (or the command succeeded), 1 the gate failed (or a report did not
verify), 2 a usage, configuration or internal error, reported as one line on stderr;
130 interrupted (SIGINT, Ctrl-C) and 143 terminated (SIGTERM), also with one line.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from typing import NoReturn, Sequence

from hms_policy import __version__
from hms_policy.errors import HmsPolicyError, UsageError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 128 + 2  # SIGINT, as shells report it
EXIT_TERMINATED = 128 + 15  # SIGTERM

# name -> module with `add_arguments(parser)`, `run(args) -> int` and a one-line HELP.
COMMANDS: dict[str, str] = {
    "scan": "hms_policy.cli.scan",
    "rules": "hms_policy.cli.rules",
    "explain": "hms_policy.cli.explain",
    "baseline": "hms_policy.cli.baseline",
    "verify": "hms_policy.cli.verify",
    "keygen": "hms_policy.cli.keygen",
    "merge": "hms_policy.cli.merge",
    "db": "hms_policy.cli.db",
    "deidentify": "hms_policy.cli.deidentify",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with `only`, the modules of the other commands are not imported (a
    hook's `scan` need not load the signing, database and de-identification commands)."""
    parser = _Parser(
        prog="hms-policy",
        description="Policy-as-code compliance scanner for health software (HIPAA, GDPR, NDHM).",
        epilog="Exit codes: 0 passed, 1 gate failed / not verified, 2 usage, configuration or internal error, 130 interrupted, 143 terminated.",
    )
    parser.add_argument("--version", action="version", version=f"hms-policy {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            sub.add_parser(name)  # a valid choice; its help is printed only with every command
            continue
        module = importlib.import_module(module_name)
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        command.add_argument("--verbose", action="store_true", help="show tracebacks of internal errors")
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


class Terminated(BaseException):
    """SIGTERM arrived (`timeout`, a CI runner cancelling): ends the command like Ctrl-C. A
    BaseException, so the per-rule `except Exception` guards cannot swallow it."""


def _on_sigterm(_signum: int, _frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if in_main_thread else None
    try:
        return _main(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    verbose = "--verbose" in args_list
    if args_list == ["--version"]:
        # what argparse prints, without importing every command (and the model) first
        print(f"hms-policy {__version__}")
        return EXIT_OK
    try:
        parser = build_parser(args_list[0] if args_list and args_list[0] in COMMANDS else None)
        args = parser.parse_args(args_list)
        if not getattr(args, "command", None):
            parser.print_help(sys.stderr)
            return EXIT_ERROR
        return int(args._run(args))
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_OK
    except HmsPolicyError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("interrupted")
        return EXIT_INTERRUPTED
    except Terminated:
        _error("terminated")
        return EXIT_TERMINATED
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:  # an internal error: one line, the traceback only on request
        if verbose:
            import traceback

            traceback.print_exc()
        _error(f"internal error: {type(exc).__name__}: {exc} (run with --verbose for details)")
        return EXIT_ERROR


def _error(message: str) -> None:
    first = message.strip().splitlines()[0] if message.strip() else "error"
    print(f"hms-policy: error: {first}", file=sys.stderr)
