"""Write `json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)` piece by piece.

Reports with many findings are mostly one long list. Building the whole text at once holds
every finding's dict, every fragment of the pure-Python indenting encoder and the final
string together (about 5 KB per finding). Here the long lists are `Lazy` iterables: the
rest of the document is dumped once with a placeholder in their place, and each item is
encoded and written on its own, re-indented to its depth. The text is byte for byte what
one `json.dumps` of the whole document gives (tests/test_jsonstream.py checks it).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Protocol, TextIO


class BytesSink(Protocol):
    """Where `dump_compact` writes: a binary file, or the buffer a signature is made over."""

    def write(self, data: bytes, /) -> object: ...


@dataclass(slots=True)
class Lazy:
    """A JSON array whose items are produced (and dropped) one at a time while writing."""

    items: Iterable[Any]


def dump(data: Any, out: TextIO) -> None:
    """Write `data` (with `Lazy` lists anywhere in its dicts and lists) to `out`, as
    json.dumps(..., indent=2, sort_keys=True, ensure_ascii=False) + "\\n" would."""
    lazies: dict[str, Lazy] = {}
    skeleton = _with_placeholders(data, lazies, uuid.uuid4().hex)
    text = json.dumps(skeleton, indent=2, sort_keys=True, ensure_ascii=False)
    position = 0
    for token, found_at, lazy in _placed(text, lazies):
        # The placeholder sits alone in a one-item list: "[\n" + indent + '"token"' + "\n" + outer + "]".
        opening = text.rfind("[", 0, found_at)
        indent = text[opening + 2 : found_at]
        closing = found_at + len(token) + 2 + 1 + len(indent) - 2 + 1  # past '"token"', "\n", outer indent and "]"
        out.write(text[position:opening])
        _write_array(lazy.items, out, indent)
        position = closing
    out.write(text[position:])
    out.write("\n")


def dump_compact(data: Any, out: BytesSink) -> None:
    """Write `data` to `out` as json.dumps(..., sort_keys=True, separators=(",", ":"),
    ensure_ascii=False).encode("utf-8") would (the canonical form a signature covers)."""
    lazies: dict[str, Lazy] = {}
    skeleton = _with_placeholders(data, lazies, uuid.uuid4().hex)
    text = json.dumps(skeleton, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    position = 0
    for token, found_at, lazy in _placed(text, lazies):
        out.write(text[position : found_at - 1].encode("utf-8"))  # up to the "[" before '"token"'
        out.write(b"[")
        for number, item in enumerate(lazy.items):
            out.write((b"," if number else b"") + json.dumps(item, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
        out.write(b"]")
        position = found_at + len(token) + 3  # past '"token"]'
    out.write(text[position:].encode("utf-8"))


def _placed(text: str, lazies: dict[str, Lazy]) -> list[tuple[str, int, Lazy]]:
    """Each placeholder with where it sits in `text`, in the order they appear."""
    return sorted(((token, text.find(f'"{token}"'), lazy) for token, lazy in lazies.items()), key=lambda x: x[1])


def _with_placeholders(value: Any, lazies: dict[str, Lazy], salt: str) -> Any:
    """`value` with each `Lazy` replaced by a one-item list holding a unique token."""
    if isinstance(value, Lazy):
        token = f"\x00lazy-{salt}-{len(lazies)}"
        lazies[json.dumps(token, ensure_ascii=False)[1:-1]] = value
        return [token]
    if isinstance(value, dict):
        return {key: _with_placeholders(item, lazies, salt) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_with_placeholders(item, lazies, salt) for item in value]
    return value


def _write_array(items: Iterable[Any], out: TextIO, indent: str) -> None:
    iterator: Iterator[Any] = iter(items)
    first = next(iterator, _END)
    if first is _END:
        out.write("[]")
        return
    out.write("[\n")
    newline = "\n" + indent
    out.write(indent + json.dumps(first, indent=2, sort_keys=True, ensure_ascii=False).replace("\n", newline))
    for item in iterator:
        out.write(",\n" + indent + json.dumps(item, indent=2, sort_keys=True, ensure_ascii=False).replace("\n", newline))
    out.write(newline[:-2] + "]")


_END = object()
