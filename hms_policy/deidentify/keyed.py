"""The run's secret key and the keyed HMAC every substitute is drawn from.

The same key and the same input value give the same substitute in every file and every run;
without the key nobody can go back from a substitute to its value. The key never reaches an
output file, a summary or a log: only where it was saved, or that the caller supplied it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "HMS_POLICY_DEIDENTIFY_KEY"
MIN_KEY_CHARS = 16


@dataclass(frozen=True, slots=True)
class KeySource:
    key: bytes
    origin: str  # "option", "environment" or "generated"


def resolve_key(option: str | None) -> KeySource:
    """`--key`, then the environment, then a fresh random key (which the caller must save)."""
    for origin, value in (("option", option), ("environment", os.environ.get(ENV_VAR))):
        if value:
            if len(value) < MIN_KEY_CHARS:
                raise ValueError(f"the de-identification key from the {origin} is shorter than {MIN_KEY_CHARS} characters")
            return KeySource(value.encode("utf-8"), origin)
    return KeySource(secrets.token_hex(32).encode("ascii"), "generated")


def save_generated_key(key: bytes, path: Path) -> None:
    """Write a generated key to `path` with mode 0600 (never next to the output)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key + b"\n")


class Keyed:
    """HMAC-SHA256 under the run key, split by purpose so two kinds never share a stream."""

    __slots__ = ("_base",)

    def __init__(self, key: bytes) -> None:
        self._base = hmac.new(key, digestmod=hashlib.sha256)  # keyed once; each digest copies it

    def digest(self, purpose: str, value: str) -> bytes:
        mac = self._base.copy()
        mac.update(f"{purpose}\x00{value}".encode("utf-8", "surrogateescape"))
        return mac.digest()

    def number(self, purpose: str, value: str) -> int:
        return int.from_bytes(self.digest(purpose, value), "big")

    def stream(self, purpose: str, value: str, count: int) -> list[int]:
        """`count` pseudo-random bytes (more than 32 chain further digests)."""
        out: list[int] = []
        block = 0
        while len(out) < count:
            out.extend(self.digest(f"{purpose}#{block}", value))
            block += 1
        return out[:count]

    def tag(self, value: str) -> bytes:
        """A short fingerprint of a produced substitute: verification and `--check` recognise
        the run's own output by these. Only substitutes (fictional values, already public in
        the output) are fingerprinted, never an original, so the fingerprint needs no key."""
        return tag(value)


def tag(value: str) -> bytes:
    return hashlib.sha256(b"hms-policy-deidentify\x00" + value.encode("utf-8", "surrogateescape")).digest()[:12]
