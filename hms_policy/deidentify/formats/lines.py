"""Plain-text and JSON logs, and any other text: the PHI detector's prefilter runs over blocks
of lines at once (most lines hold nothing and cost a share of one regex search), then its
analysis runs on the lines the prefilter points at."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

from hms_policy.deidentify.engine import Engine
from hms_policy.deidentify.text import deidentify_text, prefilter

BLOCK_CHARS = 1 << 16


def deidentify_lines(lines: Iterable[str], engine: Engine, errors: list[str]) -> Iterator[str]:
    block: list[str] = []
    size = 0
    for line in lines:
        block.append(line)
        size += len(line)
        if size >= BLOCK_CHARS:
            yield "".join(_block(block, engine))
            block, size = [], 0
    if block:
        yield "".join(_block(block, engine))


def _block(lines: list[str], engine: Engine) -> list[str]:
    data = "".join(lines).encode("utf-8", "surrogateescape")
    pattern = prefilter()
    found = pattern.search(data)
    if found is None:
        return lines
    # byte offset of each line's end, to map prefilter hits back to lines
    out = list(lines)
    ends = []
    at = 0
    for line in lines:
        at += len(line.encode("utf-8", "surrogateescape")) if not line.isascii() else len(line)
        ends.append(at)
    index = 0
    while found is not None:
        start = found.start()
        while ends[index] <= start:
            index += 1
        line = lines[index]
        body = line.rstrip("\r\n")
        out[index] = deidentify_text(body, engine) + line[len(body) :]
        found = pattern.search(data, ends[index]) if ends[index] < len(data) else None
    return out


CHUNK_BYTES = 1 << 20


def deidentify_utf8_stream(source: IO[bytes], sink: IO[bytes], engine: Engine, errors: list[str]) -> None:
    """The fast path for UTF-8 text: bytes are read in chunks of whole lines and searched by
    the prefilter as they are; only the lines it points at are decoded and analysed."""
    pattern = prefilter()
    carry = b""
    invalid = 0
    while True:
        chunk = source.read(CHUNK_BYTES)
        if not chunk:
            break
        data = carry + chunk
        cut = data.rfind(b"\n")
        if cut < 0:
            carry = data
            continue
        block, carry = data[: cut + 1], data[cut + 1 :]
        invalid += _invalid_lines(block)
        sink.write(_bytes_block(block, engine, pattern))
    if carry:
        invalid += _invalid_lines(carry)
        sink.write(_bytes_block(carry, engine, pattern))
    if invalid:
        errors.append(f"{invalid} line(s) hold bytes that are not valid utf-8; those bytes were kept as they were")


def _invalid_lines(block: bytes) -> int:
    try:
        block.decode("utf-8")
        return 0
    except UnicodeDecodeError:
        count = 0
        for line in block.split(b"\n"):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                count += 1
        return count


def _bytes_block(block: bytes, engine: Engine, pattern: Any) -> bytes:
    found = pattern.search(block)
    if found is None:
        return block
    out = []
    done = 0
    while found is not None:
        start = block.rfind(b"\n", 0, found.start()) + 1
        end = block.find(b"\n", found.start())
        end = len(block) if end < 0 else end + 1
        line = block[start:end].decode("utf-8", "surrogateescape")
        body = line.rstrip("\r\n")
        out.append(block[done:start])
        out.append((deidentify_text(body, engine) + line[len(body) :]).encode("utf-8", "surrogateescape"))
        done = end
        found = pattern.search(block, end) if end < len(block) else None
    out.append(block[done:])
    return b"".join(out)
