"""Stream one layer's tar entries, safely, without unpacking anything to disk.

A layer is untrusted input. Each entry comes out as a `LayerEntry` whose path is normalised
(no leading "./" or "/"), and what cannot be trusted is refused with a `problem` instead of
being read: `..` components, over-long paths, hard links leaving the image, device files.
Symlinks are recorded, never followed. Whiteouts (`.wh.<name>`, `.wh..wh..opq`) are
reported as such so the caller can apply them. Compression is told by magic bytes: plain
tar, gzip, bzip2 and xz through `tarfile`; zstd through the `zstandard` package when it is
installed (optional: `pip install 'hms-policy[images]'`).
"""

from __future__ import annotations

import io
import posixpath
import tarfile
from dataclasses import dataclass
from typing import IO, Iterator

MAX_PATH_CHARS = 4096
MAX_ENTRIES_PER_LAYER = 500_000
WHITEOUT_PREFIX = ".wh."
OPAQUE_MARKER = ".wh..wh..opq"

_GZIP = b"\x1f\x8b"
_ZSTD = b"\x28\xb5\x2f\xfd"


class LayerError(Exception):
    """The layer stream cannot be read further; the message is one value-free line."""


@dataclass(slots=True)
class LayerEntry:
    path: str  # POSIX, relative to the image root, no leading "/"
    type: str  # "file" | "dir" | "symlink" | "hardlink" | "whiteout" | "opaque" | "other"
    size: int
    target: str | None = None  # symlink or hard-link target, normalised
    problem: str | None = None  # why the entry is refused (not read), value-free
    _tar: tarfile.TarFile | None = None
    _member: tarfile.TarInfo | None = None

    def read(self, limit: int) -> bytes:
        """Up to `limit` bytes of a regular file (call before advancing to the next entry)."""
        if self.type != "file" or self._tar is None or self._member is None:
            return b""
        stream = self._tar.extractfile(self._member)
        return stream.read(min(limit, self.size)) if stream is not None else b""  # never pre-allocate `limit`


def open_layer_stream(raw: IO[bytes]) -> IO[bytes]:
    """`raw` decompressed: gzip/bzip2/xz are left to tarfile's stream mode; zstd is unwrapped."""
    head = _peek(raw, 4)
    if head.startswith(_ZSTD):
        try:
            import zstandard  # optional: a maintained binding of the reference library
        except ImportError:
            raise LayerError("the layer is zstd-compressed and the zstandard package is not installed (pip install 'hms-policy[images]')") from None
        return zstandard.ZstdDecompressor().stream_reader(raw)  # type: ignore[no-any-return]
    return raw


def iter_entries(raw: IO[bytes]) -> Iterator[LayerEntry]:
    """Entries of a layer in archive order; raises LayerError when the stream breaks."""
    stream = open_layer_stream(raw)
    count = 0
    try:
        with tarfile.open(fileobj=stream, mode="r|*") as tar:
            for member in tar:
                count += 1
                if count > MAX_ENTRIES_PER_LAYER:
                    raise LayerError(f"more than {MAX_ENTRIES_PER_LAYER} entries: the rest of the layer is not read")
                yield _entry(tar, member)
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        raise LayerError(f"the layer's tar stream is damaged or truncated ({type(exc).__name__})") from None
    except Exception as exc:  # zstandard's errors and other decoder failures
        if type(exc).__module__.startswith("zstandard"):
            raise LayerError("the layer's zstd stream is damaged") from None
        raise


def _entry(tar: tarfile.TarFile, member: tarfile.TarInfo) -> LayerEntry:
    path, problem = normalise(member.name)
    size = max(0, int(member.size))
    if problem is not None:
        return LayerEntry(path or "?", "other", size, problem=problem)
    directory, name = posixpath.split(path)
    if name == OPAQUE_MARKER:
        return LayerEntry(directory, "opaque", 0)
    if name.startswith(WHITEOUT_PREFIX):
        return LayerEntry(posixpath.join(directory, name[len(WHITEOUT_PREFIX):]), "whiteout", 0)
    if member.isdir():
        return LayerEntry(path, "dir", 0)
    if member.issym():
        # Never followed; where it points only matters for reporting an escape.
        resolved = posixpath.normpath(posixpath.join(directory, member.linkname)) if not member.linkname.startswith("/") else posixpath.normpath(member.linkname).lstrip("/")
        escapes = resolved == ".." or resolved.startswith("../")
        return LayerEntry(path, "symlink", 0, target=resolved, problem="symlink points outside the image; not followed" if escapes else None)
    if member.islnk():
        target, bad = normalise(member.linkname)
        if bad is not None:
            return LayerEntry(path, "other", 0, problem=f"hard link refused: {bad}")
        return LayerEntry(path, "hardlink", 0, target=target)
    if member.isfile():
        return LayerEntry(path, "file", size, _tar=tar, _member=member)
    if member.ischr() or member.isblk() or member.isfifo():
        return LayerEntry(path, "other", 0, problem="device or FIFO entry; not read")
    return LayerEntry(path, "other", 0, problem="unknown tar entry type; not read")


def normalise(name: str) -> tuple[str, str | None]:
    """(path relative to the image root, problem or None). Absolute names are taken as
    relative to the image root, as container runtimes do; `..` is refused."""
    if len(name) > MAX_PATH_CHARS:
        return "", f"path longer than {MAX_PATH_CHARS} characters"
    if "\x00" in name:
        return "", "path holds a NUL byte"
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    if ".." in parts:
        return "/".join(p for p in parts if p != "..")[:200], "path traversal (`..`) refused"
    if name.startswith("/"):
        return "/".join(parts), None
    return "/".join(parts), None


def _peek(raw: IO[bytes], count: int) -> bytes:
    peek = getattr(raw, "peek", None)
    if callable(peek):
        return bytes(peek(count)[:count])
    if raw.seekable():
        position = raw.tell()
        head = raw.read(count)
        raw.seek(position)
        return head
    raise LayerError("the layer stream cannot be inspected")


def buffered(raw: IO[bytes]) -> IO[bytes]:
    """A peekable stream over `raw` (tar members from an outer archive are seekable already)."""
    return raw if raw.seekable() or hasattr(raw, "peek") else io.BufferedReader(raw)  # type: ignore[arg-type]
