"""Strict JSON for signed material: one meaning per document.

Python's `json` keeps the last of duplicate keys, so `{"payload": A, "payload": B}` reads as
B while another reader may take A; and it recurses per nesting level, so a deeply nested
document ends in RecursionError. Signed reports are read here instead: duplicate keys and
nesting deeper than MAX_DEPTH are refused with a one-line SignatureError.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from hms_policy.errors import SignatureError

MAX_DEPTH = 64  # a report nests about 8 levels; the statement adds 1
# Brackets inside strings do not nest. The pattern cannot fail once it has seen a quote (an
# unterminated string or a trailing backslash runs to the end), so matching stays linear
# on hostile input; a pattern that can fail retries from every escaped quote: quadratic.
_STRING = re.compile(rb'"[^"\\]*(?:\\(?:.|\Z)[^"\\]*)*(?:"|\Z)', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPEN_CLOSE = bytes.maketrans(b"[]{}", b"()()")


def loads(data: bytes | str, what: str) -> Any:
    """Parse `data`; `what` names it in the error ("the envelope", "the signed payload")."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if nesting_depth(raw) > MAX_DEPTH:
        raise SignatureError(f"{what} nests deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(raw, object_pairs_hook=_unique_keys)
    except _DuplicateKey as exc:
        raise SignatureError(f"{what} has the key {exc.key[:40]!r} twice in one object") from None
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise SignatureError(f"{what} is not valid JSON") from None


def nesting_depth(raw: bytes) -> int:
    """The deepest bracket nesting, counted without parsing (so without recursion)."""
    brackets = _STRING.sub(b"", raw).translate(_OPEN_CLOSE, _NOT_BRACKETS)
    return max(accumulate(1 if b == 0x28 else -1 for b in brackets), default=0)


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out
