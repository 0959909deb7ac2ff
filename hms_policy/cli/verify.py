"""`hms-policy verify ENVELOPE --key PUB [--root DIR]`

Exit 0 verified, 1 not verified (one line saying why), 2 usage errors (a missing file,
an unreadable key). With --format the verified report is rendered, e.g. as HTML for an
auditor, showing that its signature was checked.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hms_policy.report.formats import FORMATS

HELP = "check a signed report: signature, statement, report schema and (with --root) the tree digest"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("envelope", metavar="ENVELOPE", help="DSSE envelope written by scan/merge --sign-key ('-' reads stdin)")
    parser.add_argument("--key", required=True, metavar="PUB", help="the signer's Ed25519 public key (PEM)")
    parser.add_argument("--root", metavar="DIR", help="recompute the tree digest under DIR and require it to match")
    parser.add_argument("--image", metavar="PATH", help="require the report to be on this image (a save tar, OCI archive or layout): its manifest digest must match")
    parser.add_argument("--format", "-f", choices=sorted(FORMATS), help="also render the verified report in this format")
    parser.add_argument("--output", "-o", metavar="FILE", help="with --format: write the rendering to FILE instead of stdout")
    parser.add_argument("--quiet", "-q", action="store_true", help="no message when verified")


def run(args: argparse.Namespace) -> int:
    from hms_policy.attest import verify
    from hms_policy.attest.keys import load_public_key
    from hms_policy.errors import SignatureError, UsageError

    if args.output and not args.format:
        raise UsageError("--output needs --format")
    if args.root and not Path(args.root).is_dir():
        raise UsageError(f"--root {args.root} is not a directory")
    public = load_public_key(Path(args.key))
    envelope = _read(args.envelope)
    try:
        verified = verify(envelope, public, root=args.root)
    except SignatureError as exc:
        print(f"hms-policy: not verified: {exc}", file=sys.stderr)
        return 1
    target = verified.report["target"]
    if args.image:
        problem = _image_mismatch(Path(args.image), target)
        if problem:
            print(f"hms-policy: not verified: {problem}", file=sys.stderr)
            return 1
    tree = f"; tree digest recomputed under {args.root}" if verified.tree_checked else ""
    tree += f"; image digest matches {args.image}" if args.image else ""
    if not args.quiet:
        print(
            f"hms-policy: verified: report on {target.get('name') or target.get('root')} ({target['digest'][:23]}...), "
            f"result {verified.report['summary']['result']}, signed by key {verified.keyid[:16]}{tree}",
            file=sys.stderr,
        )
    if args.format:
        from hms_policy.cli.output import emit

        status = f"verified: Ed25519 key {verified.keyid[:16]}" + (", tree digest recomputed" if verified.tree_checked else "")
        emit(verified.to_report(), args.format, args.output, None, signature=status)
    return 0


def _image_mismatch(path: Path, target: dict) -> str | None:
    """Why the image at `path` is not the one the report is about, or None."""
    from hms_policy.errors import UsageError
    from hms_policy.targets.images.layout import ImageError, open_image

    image_info = target.get("image")
    if not isinstance(image_info, dict):
        return "the report is not about a container image (it has no target.image)"
    if not path.exists():
        raise UsageError(f"--image {path}: no such file or directory")
    try:
        image = open_image(path, image_info.get("platform") or None)
    except ImageError as exc:
        raise UsageError(f"--image {path}: {exc}") from None
    image.close()
    if image.digest != target.get("digest"):
        return f"the image's manifest digest {image.digest[:23]}... is not the report's {str(target.get('digest'))[:23]}..."
    return None


def _read(source: str) -> bytes:
    from hms_policy.errors import UsageError

    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from None
