"""Plain-text and JSON logs, and any other text: the PHI detector's prefilter runs over blocks
of lines at once (most lines hold nothing and cost a share of one regex search), then its
analysis runs on the lines the prefilter points at."""

from __future__ import annotations

from typing import Iterable, Iterator

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
