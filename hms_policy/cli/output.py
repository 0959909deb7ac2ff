"""Writing a report (and, when asked, its signed envelope): shared by scan and merge.

Where the envelope goes:
  * `--sign-key KEY --attestation FILE`: the report goes to --output/stdout in --format
    as usual, and the DSSE envelope to FILE;
  * `--sign-key KEY` alone: the envelope *is* the output (--output FILE or stdout), so
    --format must be json or left unset: the envelope carries the JSON report inside.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TextIO

from hms_policy.errors import UsageError

if TYPE_CHECKING:
    import argparse

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from hms_policy.attest.dsse import Signed

    from hms_policy.model import Report

SIGNING_KEY_ENV = "HMS_POLICY_SIGNING_KEY"


def add_signing_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sign-key",
        metavar="KEY",
        help=f"sign the report with this Ed25519 private key (PEM file; or set {SIGNING_KEY_ENV} to a PEM or a path) "
        "and write a DSSE envelope instead of the plain report",
    )
    parser.add_argument("--attestation", metavar="FILE", help="with a signing key: write the DSSE envelope to FILE and the report to --output as usual")


@dataclass(frozen=True, slots=True)
class Signing:
    key: Ed25519PrivateKey
    attestation: Path | None  # None: the envelope replaces the report output


def signing_from_args(args: argparse.Namespace, fmt: str, format_chosen: bool) -> Signing | None:
    """Load the key before any scanning, so a bad key fails fast (exit 2)."""
    from hms_policy.attest.keys import load_private_key

    attestation = Path(args.attestation) if getattr(args, "attestation", None) else None
    if args.sign_key:
        key = load_private_key(Path(args.sign_key))
    else:
        value = os.environ.get(SIGNING_KEY_ENV, "").strip()
        if not value:
            if attestation is not None:
                raise UsageError(f"--attestation needs a signing key: --sign-key KEY or {SIGNING_KEY_ENV}")
            return None
        if not value.startswith("-----BEGIN ") and not os.path.isfile(value):
            # never echo the variable: it may hold key material in a form we did not expect
            raise UsageError(f"{SIGNING_KEY_ENV} holds neither a PEM private key nor the path of a readable file")
        key = load_private_key(value if value.startswith("-----BEGIN ") else Path(value))
    if attestation is None and format_chosen and fmt != "json":
        raise UsageError(
            f"a signed report is a DSSE envelope around the JSON report; --format {fmt} needs --attestation FILE for the envelope"
        )
    return Signing(key, attestation)


def output_format(text: str) -> tuple[str, str]:
    """`--output-format FMT:FILE` -> (FMT, FILE), checked before any scanning."""
    import argparse

    from hms_policy.report.formats import FORMATS

    fmt, sep, path = text.partition(":")
    if not sep or not path:
        raise argparse.ArgumentTypeError(f"expected FMT:FILE, e.g. sarif:hms.sarif (got {text!r})")
    if fmt not in FORMATS:
        raise argparse.ArgumentTypeError(f"unknown format {fmt!r} in {text!r} (expected one of: {', '.join(sorted(FORMATS))})")
    return fmt, path


def add_output_format_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output-format",
        action="append",
        type=output_format,
        metavar="FMT:FILE",
        help="also write the report in FMT to FILE (repeatable: one scan, several outputs, e.g. sarif:hms.sarif junit:hms.xml)",
    )


def emit(
    report: Report,
    fmt: str,
    output: str | None,
    signing: Signing | None,
    extra_outputs: tuple[tuple[str, str], ...] = (),
    **render_options: Any,
) -> None:
    envelope = None
    if signing is not None:
        from hms_policy.attest import signed_report
        from hms_policy.attest.keys import keyid

        envelope = signed_report(report, signing.key)
        short = keyid(signing.key.public_key())[:16]
        where = f", envelope in {signing.attestation.name}" if signing.attestation else ""
        render_options.setdefault("signature", f"signed (DSSE, Ed25519 key {short}){where}")
        if signing.attestation is not None:  # written now, so its payload is not held while the report is written
            _write_envelope(envelope, str(signing.attestation))
            envelope = None
    for extra_fmt, path in extra_outputs:  # before stdout, so a text view on stdout ends the run
        _write_report(report, extra_fmt, path, {**render_options, "color": False})
        _note(report, path, f"{extra_fmt} report")
    if envelope is not None:
        _write_envelope(envelope, output)
        _note(report, output, "signed report (DSSE envelope)")
        return
    _write_report(report, fmt, output, render_options)
    if output:
        _note(report, output, "report")
    if signing is not None and signing.attestation is not None:
        print(f"hms-policy: DSSE envelope written to {signing.attestation}", file=sys.stderr)


def _note(report: Report, output: str | None, what: str) -> None:
    if output:
        s = report.summary
        count = f"{s.findings} finding{'' if s.findings == 1 else 's'}"
        print(f"hms-policy: {s.result}: {count}; {what} written to {output}", file=sys.stderr)


def _write_report(report: Report, fmt: str, output: str | None, options: dict[str, Any]) -> None:
    """Stream the report into the file (or stdout), so a long report never sits in memory as
    one string; JSON and SARIF are written finding by finding (report/jsonstream.py)."""
    from hms_policy.report.formats import write

    _write_to(lambda out: write(report, fmt, out, **options), output)


def _write_envelope(signed: Signed, output: str | None) -> None:
    from hms_policy.attest.dsse import write

    _write_to(lambda out: write(signed, out), output)


def _write_to(writer: Callable[[TextIO], None], output: str | None) -> None:
    """Run `writer` on the file `output` (UTF-8), or on stdout when there is none."""
    if not output:
        writer(sys.stdout)
        sys.stdout.flush()
        return
    path = Path(output)
    try:
        with path.open("w", encoding="utf-8") as handle:
            writer(handle)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
