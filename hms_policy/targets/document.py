"""The parsed view of one file that every rule for its kind shares.

A `Document` holds the bytes read once and parses them lazily, at most once: structured
nodes (`nodes`) for IaC and manifests, the text view (`lines`, `iter_lines`) every file has,
and a per-document memo for derived analyses (a Python AST, a bandit run) that several
rules reuse. A parse failure is data: it lands in `errors` and `nodes` is empty, while the
text view stays available so secrets in a broken file are still found.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from hms_policy.model import LineSpan, ScanError, TargetKind

PathKey = tuple[Any, ...]

# Lines longer than this are cut for matching, so one minified 50 MB line cannot stall a scan.
MAX_LINE_CHARS = 20_000
# Block scanning (`Document.iter_blocks`): block size, and the overlap of a long line's pieces.
BLOCK_BYTES = 1 << 20
PIECE_OVERLAP = 512
_GZIP_STEP = 16 * 1024  # a damaged gzip stream loses at most this much before the damage


@dataclass(frozen=True, slots=True)
class Block:
    """Whole lines of a file joined by b"\\n" (or, when `partial`, a piece of one long line)."""

    first_line: int
    data: bytes
    partial: bool = False


class ParseError(Exception):
    """Raised by a parser; the message is user-facing and carries a line where known."""

    reason = "parse"  # the report's `errors[].reason`


class TemplateSource(ParseError):
    """The file is a template (Go text/template, Jinja) of the format, not the format itself:
    it becomes parseable only once rendered."""

    reason = "template"


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # POSIX, relative to the scanned root
    kind: TargetKind
    size: int
    sha256: str
    data: bytes | None  # None when the file is streamed from `abspath` (large logs)
    abspath: Path | None = None

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def is_gzip(self) -> bool:
        return self.path.endswith(".gz")


@dataclass(frozen=True, slots=True)
class Node:
    """One structured object of a document, with where it came from.

    `value` is plain data (dicts, lists, scalars). `positions` maps a key path inside
    `value` to its 1-based line, so rules can point at the attribute they judge.
    """

    ref: str  # "aws_db_instance.patients", "Deployment/default/api", "service:db"
    kind: str  # resource type, Kubernetes kind, Dockerfile instruction, ...
    value: Any
    span: LineSpan
    positions: Mapping[PathKey, int] = field(default_factory=dict)
    meta: Mapping[str, Any] = field(default_factory=dict)

    def get(self, dotted: str, default: Any = None) -> Any:
        current: Any = self.value
        for part in split_path(dotted):
            if isinstance(current, Mapping) and part in current:
                current = current[part]
            elif isinstance(current, list) and isinstance(part, int) and -len(current) <= part < len(current):
                current = current[part]
            else:
                return default
        return current

    def line_of(self, path: Sequence[Any]) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        key = tuple(path)
        while key:
            line = self.positions.get(key)
            if line is not None:
                return line
            key = key[:-1]
        return self.span.start


def split_path(dotted: str) -> list[Any]:
    """`spec.containers[0].image` -> ["spec", "containers", 0, "image"]."""
    parts: list[Any] = []
    for chunk in dotted.replace("[", ".[").split("."):
        if not chunk:
            continue
        if chunk.startswith("[") and chunk.endswith("]"):
            inner = chunk[1:-1]
            parts.append(int(inner) if inner.lstrip("-").isdigit() else inner)
        else:
            parts.append(chunk)
    return parts


Parser = Callable[["Document"], list[Node]]


class Document:
    """One file, read once, parsed at most once."""

    __slots__ = ("file", "_text", "_lines", "_nodes", "_parser", "_memo", "_pinned", "errors", "group", "external_inputs", "included")

    def __init__(self, file: SourceFile, parser: Parser | None = None) -> None:
        self.file = file
        self._parser = parser
        self._text: str | None = None
        self._lines: list[str] | None = None
        self._nodes: list[Node] | None = None
        self._memo: dict[str, Any] = {}
        self._pinned: dict[int, str] = {}
        self.errors: list[ScanError] = []
        # The documents scanned together with this one (a Terraform module's files), so
        # resolvers can follow variables and references across files.
        self.group: tuple[Document, ...] = (self,)
        # Files outside the scanned unit that its analysis read (a Terraform module followed
        # from here), as (input id, digest): a cached result is reused only while they match.
        self.external_inputs: list[tuple[str, str]] = []
        # Files this one pulls in (a requirements file's `-r`), by path: matches with a `path`
        # are reported there.
        self.included: dict[str, Document] = {}

    def release(self) -> None:
        """Drop what was computed on this document and its links to others, once its unit is
        done. `group` links a document to itself, so without this its trees and memos are
        garbage only the cyclic collector can find (and walks, object by object)."""
        included, self.included = self.included, {}
        self.group = ()
        self._memo.clear()
        self._nodes = None
        for doc in included.values():
            doc.release()

    @property
    def path(self) -> str:
        return self.file.path

    @property
    def kind(self) -> TargetKind:
        return self.file.kind

    @property
    def streamed(self) -> bool:
        return self.file.data is None

    @property
    def text(self) -> str:
        if self._text is None:
            if self.file.data is None:
                raise ParseError("file is streamed; use iter_lines()")
            self._text = self._decode(self._raw_bytes())
        return self._text

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def line(self, number: int) -> str:
        """Line `number` (1-based) or "" when out of range."""
        if self.streamed:
            for n, text in self.iter_lines():
                if n == number:
                    return text
            return ""
        lines = self.lines
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def iter_lines(self) -> Iterator[tuple[int, str]]:
        """(line number, text) pairs; streams large and compressed files in constant memory."""
        if not self.streamed and not self.file.is_gzip:
            for number, text in enumerate(self.lines, 1):
                yield number, text[:MAX_LINE_CHARS]
            return
        yield from self._stream_lines()

    def iter_blocks(self, size: int = BLOCK_BYTES) -> Iterator[Block]:
        """The file as UTF-8 blocks of whole lines, numbered like `iter_lines`, for scanners that
        search a whole block at once and look at single lines only where something matched.

        Streams large and gzip files in constant memory. A line longer than `size` arrives as
        `partial` pieces (overlapping by `PIECE_OVERLAP` bytes) that all carry its number, so
        a 50 MB single-line log is searched to its end. A truncated or corrupt gzip stream ends
        the iteration after its last readable block, with an error in `errors`.
        """
        if not self.streamed and not self.file.is_gzip:
            yield from self._memory_blocks(size)
            return
        yield from self._stream_blocks(size)

    def _memory_blocks(self, size: int) -> Iterator[Block]:
        lines = self.lines
        first, count, pending = 1, 0, []
        for text in lines:
            pending.append(text)
            count += len(text) + 1
            if count >= size:
                yield Block(first, "\n".join(pending).encode("utf-8", "replace"))
                first += len(pending)
                pending, count = [], 0
        if pending:
            yield Block(first, "\n".join(pending).encode("utf-8", "replace"))

    def _stream_blocks(self, size: int) -> Iterator[Block]:
        raw: io.BufferedIOBase
        if self.file.data is not None:
            raw = io.BytesIO(self.file.data)
        else:
            assert self.file.abspath is not None
            raw = open(self.file.abspath, "rb")  # noqa: SIM115 - closed below
        number = 1
        carry = b""  # the start of a line not yet complete
        long_line = False  # carry is the overlap of a long line already handed over in pieces
        try:
            stream: Any = gzip.GzipFile(fileobj=raw) if self.file.is_gzip else raw
            for chunk in self._chunks(stream, size, _GZIP_STEP if self.file.is_gzip else size):
                data = carry + chunk
                cut = data.rfind(b"\n")
                if cut < 0:
                    if len(data) < size:
                        carry = data
                        continue
                    # One line longer than a block: hand it over in overlapping pieces.
                    yield Block(number, data, partial=True)
                    carry, long_line = data[-PIECE_OVERLAP:], True
                    continue
                if long_line:
                    head = data.find(b"\n")
                    yield Block(number, data[:head], partial=True)
                    number += 1
                    data, cut = data[head + 1 :], cut - head - 1
                    long_line = False
                    if cut < 0:
                        carry = data
                        continue
                body = data[:cut]
                yield Block(number, body)
                number += body.count(b"\n") + 1
                carry = data[cut + 1 :]
            if carry:  # the last line (for a long line: its tail, overlapping the last piece)
                yield Block(number, carry, partial=long_line)
        finally:
            raw.close()

    def _chunks(self, stream: Any, size: int, step_size: int) -> Iterator[bytes]:
        """Raw chunks of about `size` bytes, read in small steps so that a truncated or corrupt
        gzip stream loses at most one step: what was read before the damage is still scanned."""
        pending: list[bytes] = []
        held = total = 0
        while True:
            try:
                step = stream.read(step_size)
            except (OSError, EOFError, zlib.error) as exc:
                if pending:
                    yield b"".join(pending)
                self._stream_error(f"stopped reading after {total} bytes: {exc}")
                return
            if not step:
                break
            pending.append(step)
            held += len(step)
            total += len(step)
            if held >= size:
                yield b"".join(pending)
                pending, held = [], 0
        if pending:
            yield b"".join(pending)

    def _stream_error(self, message: str) -> None:
        """One damaged stream is one error, however many readers stumble on it."""
        if not any(e.reason == "decode" and e.message.startswith(("stopped reading", "cannot decompress")) for e in self.errors):
            self.errors.append(ScanError(self.path, message, "decode"))

    def pin_line(self, number: int, text: str) -> None:
        """Keep a line a detector found something on, so building the finding's snippet does not
        read a streamed file a second time. Detectors pin a bounded number of lines."""
        self._pinned[number] = text

    def pinned_lines(self, numbers: Iterable[int]) -> dict[int, str]:
        return {n: self._pinned[n] for n in numbers if n in self._pinned}

    def _stream_lines(self) -> Iterator[tuple[int, str]]:
        raw: io.BufferedIOBase
        if self.file.data is not None:
            raw = io.BytesIO(self.file.data)
        else:
            assert self.file.abspath is not None
            raw = open(self.file.abspath, "rb")  # noqa: SIM115 - closed below
        try:
            stream: Any = gzip.GzipFile(fileobj=raw) if self.file.is_gzip else raw
            number = 0
            previous_ended = True
            try:
                for chunk in iter(lambda: stream.readline(MAX_LINE_CHARS + 1), b""):
                    # A line longer than the cap arrives in pieces: match the first, skip the rest.
                    if not previous_ended:
                        previous_ended = chunk.endswith(b"\n")
                        continue
                    number += 1
                    previous_ended = chunk.endswith(b"\n")
                    yield number, chunk.decode("utf-8", "replace").rstrip("\r\n")
            except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
                self._stream_error(f"stopped reading after line {number}: {exc}")
        finally:
            raw.close()

    def _raw_bytes(self) -> bytes:
        assert self.file.data is not None
        if self.file.is_gzip:
            try:
                return gzip.decompress(self.file.data)
            except (OSError, EOFError, zlib.error) as exc:
                self._stream_error(f"cannot decompress: {exc}")
                return b""
        return self.file.data

    def _decode(self, data: bytes) -> str:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.errors.append(
                ScanError(
                    self.path,
                    f"invalid UTF-8 at byte {exc.start}; scanned with replacement characters",
                    "decode",
                )
            )
            text = data.decode("utf-8", "replace")
        return text[1:] if text.startswith("\ufeff") else text

    @property
    def nodes(self) -> list[Node]:
        """Structured nodes; [] for text-only kinds and for files that fail to parse."""
        if self._nodes is None:
            self._nodes = []
            if self._parser is not None:
                try:
                    self._nodes = self._parser(self)
                except ParseError as exc:
                    self.errors.append(ScanError(self.path, f"cannot parse: {exc}", exc.reason))
                except RecursionError:
                    self.errors.append(ScanError(self.path, "cannot parse: nesting too deep", "parse"))
        return self._nodes

    def parse(self) -> None:
        """Parse now (once), so a syntax error is reported even when no rule asked for nodes."""
        if self._parser is not None and not self.streamed:
            self.nodes

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """A per-document cache for analyses several rules share (an AST, a tool run)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]
