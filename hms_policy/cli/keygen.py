"""`hms-policy keygen --out PREFIX`: an Ed25519 key pair for signing reports."""

from __future__ import annotations

import argparse
import sys

HELP = "create an Ed25519 key pair for signing reports (PREFIX.key, mode 0600, and PREFIX.pub)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="PREFIX", help="write PREFIX.key (private, PKCS#8 PEM) and PREFIX.pub")
    parser.add_argument("--force", action="store_true", help="overwrite existing key files")


def run(args: argparse.Namespace) -> int:
    from hms_policy.attest.keys import keyid, load_public_key, write_keypair

    private, public = write_keypair(args.out, force=args.force)
    kid = keyid(load_public_key(public))
    print(f"hms-policy: wrote {private} (private, mode 0600) and {public}; key id {kid[:16]}", file=sys.stderr)
    return 0
