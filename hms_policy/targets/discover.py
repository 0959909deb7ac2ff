"""Find the files a scan covers, and read each one once.

Discovery is a pure function of (paths, selection settings) so that `verify --root` can
repeat it and recompute the same tree digest. Nothing is skipped silently: symlink loops,
broken links, unreadable files and files over the size cap come back as `ScanError`s.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import io
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from hms_policy.errors import UsageError
from hms_policy.model import ScanError, TargetKind
from hms_policy.targets.document import SourceFile
from hms_policy.targets.kinds import HEAD_BYTES, classify
from hms_policy.targets.tracked import Tracked, tracked_under

# Directories no one wants scanned: VCS metadata, dependency and tool caches.
DEFAULT_EXCLUDED_DIRS = frozenset(
    ".git .hg .svn node_modules .venv venv .tox .nox __pycache__ .mypy_cache .pytest_cache "
    ".ruff_cache .terraform .terragrunt-cache .idea .eggs".split()
)
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
# Logs and data files (CSV, NDJSON, SQL dumps, HL7) above this size are streamed from disk instead of
# held in memory, whatever max_file_bytes says: they are where PHI leaks, and the PHI pass reads them in
# constant memory.
STREAMED_KINDS = frozenset({TargetKind.LOG, TargetKind.DATA})
STREAM_ABOVE_BYTES = 8 * 1024 * 1024
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Selection:
    """The settings that decide which files a scan covers (recorded for `verify --root`)."""

    excludes: tuple[str, ...] = ()
    use_gitignore: bool = True
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES


@dataclass(frozen=True, slots=True)
class Candidate:
    path: str  # POSIX, relative to the root
    abspath: Path
    in_helm_chart: bool = False
    # Bytes given by the caller instead of the file at `abspath`: the staged blob for
    # `scan --staged` (targets/git.py), so the index is scanned, not the working tree.
    content: bytes | None = None
    # A sibling read only so rules can see the rest of its directory (a Terraform module's
    # other files, a namespace's NetworkPolicy) when a scan covers part of it (a hook's
    # files, --staged, --diff): parsed, never reported on, not part of the tree digest.
    context_only: bool = False


@dataclass(frozen=True, slots=True)
class Discovery:
    root: Path
    files: tuple[Candidate, ...]
    errors: tuple[ScanError, ...] = field(default=())


def printable(name: str) -> str:
    """`name` as valid Unicode for every output format: bytes of a file name that are not UTF-8
    (which the OS layer hands over surrogate-escaped) are shown as `\\xNN`."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no byte gave (Windows names)
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def common_root(paths: Sequence[Path]) -> Path:
    """The directory reported paths are relative to."""
    # A symbolic link is placed where it sits, not where it points: a link to /etc/shadow
    # must not pull the root up to /etc.
    resolved = [p.parent.resolve() / p.name if p.is_symlink() and not p.is_dir() else p.resolve() for p in paths]
    if len(resolved) == 1 and resolved[0].is_dir():
        return resolved[0]
    cwd = Path.cwd().resolve()
    if all(_is_within(p, cwd) for p in resolved):
        return cwd
    parents = [p if p.is_dir() else p.parent for p in resolved]
    return Path(os.path.commonpath([str(p) for p in parents]))


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def discover(paths: Sequence[Path], selection: Selection = Selection(), root: Path | None = None) -> Discovery:
    for p in paths:
        if not os.path.lexists(p):
            raise UsageError(f"path does not exist: {p}")
    root = (root or common_root(paths)).resolve()
    walker = _Walker(root, selection)
    for p in paths:
        walker.add(Path(p))
    files = sorted(walker.files.values(), key=lambda c: c.path)
    errors = sorted(walker.errors, key=lambda e: (e.path, e.message))
    return Discovery(root, tuple(files), tuple(errors))


class _Walker:
    def __init__(self, root: Path, selection: Selection) -> None:
        self.root = root
        self.selection = selection
        self.files: dict[str, Candidate] = {}
        self.errors: list[ScanError] = []
        self._user_spec = _compile(selection.excludes)
        self._seen_dirs: set[tuple[int, int]] = set()
        self._tracked: Tracked | None | bool = False  # False: not asked yet

    def raw_rel(self, path: Path) -> str:
        """`path` relative to the root, as the file system spells it (for pattern matching)."""
        absolute = Path(os.path.abspath(path))
        # The root is resolved; a path given through a linked directory (`scan link/sub`) is
        # placed by its resolved parent, while its own name stays as written (a file link is
        # still judged as a link).
        for candidate in (absolute, Path(os.path.realpath(absolute.parent)) / absolute.name):
            try:
                return candidate.relative_to(self.root).as_posix() or "."
            except ValueError:
                continue
        return absolute.as_posix()

    def rel(self, path: Path) -> str:
        """`path` as reports show it."""
        return printable(self.raw_rel(path))

    def error(self, path: Path, message: str, reason: str) -> None:
        self.errors.append(ScanError(self.rel(path), message, reason))

    def add(self, path: Path) -> None:
        target = Path(os.path.realpath(path))
        if os.path.islink(path) and os.path.isdir(target) and _is_within(target, self.root):
            # A directory link named on the command line: its target is (inside) the root.
            self._walk(target, [])
        elif os.path.islink(path) or not os.path.isdir(path):
            self._add_file(path, explicit=True)
        else:
            self._walk(Path(os.path.abspath(path)), [])

    def _excluded(self, rel: str, is_dir: bool, gitignores: list[tuple[str, object]]) -> bool:
        probe = rel + "/" if is_dir else rel
        if self._user_spec is not None and self._user_spec.match_file(probe):
            return True
        for base, spec in gitignores:
            sub = probe[len(base) + 1 :] if base else probe
            if (not base or probe.startswith(base + "/")) and spec.match_file(sub):  # type: ignore[attr-defined]
                return not self._committed(rel, is_dir)
        return False

    def _committed(self, rel: str, is_dir: bool) -> bool:
        """Git tracks `rel` (or, for a folder, something in it): .gitignore does not apply."""
        if self._tracked is False:
            self._tracked = tracked_under(self.root)
        return isinstance(self._tracked, Tracked) and self._tracked.holds(rel, is_dir)

    def _walk(self, directory: Path, gitignores: list[tuple[str, object]]) -> None:
        try:
            st = directory.stat()
        except OSError as exc:
            self.error(directory, f"cannot read directory: {exc.strerror}", "unreadable")
            return
        key = (st.st_dev, st.st_ino)
        if key in self._seen_dirs:
            return
        self._seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            self.error(directory, f"cannot list directory: {exc.strerror}", "unreadable")
            return
        rel_dir = self.raw_rel(directory)
        base = "" if rel_dir == "." else rel_dir
        # Under the root as written: a child's path is then `base/name` (what `raw_rel` gives).
        lexical = Path(os.path.abspath(directory)).is_relative_to(self.root)
        if self.selection.use_gitignore:
            gitignores = self._with_gitignore(directory, base, gitignores)
        in_chart = _is_file(directory / "Chart.yaml") or any(_is_file(parent / "Chart.yaml") for parent in list(directory.parents)[:3])
        for entry in entries:
            child = Path(entry.path)
            rel = f"{base}/{entry.name}" if base else entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name in DEFAULT_EXCLUDED_DIRS or self._excluded(rel, True, gitignores):
                    continue
                self._walk(child, gitignores)
                continue
            if self._excluded(rel, False, gitignores):
                continue
            try:
                regular = not entry.is_symlink() and entry.is_file(follow_symlinks=False)
            except OSError:
                regular = False
            shown = printable(rel) if regular and lexical else None
            if shown is not None and shown not in self.files:
                # A plain file met in the walk: what `_add_file` would find out with an lstat,
                # a stat and a path computation, the directory listing already told (d_type).
                self.files[shown] = Candidate(shown, child, in_chart)
                continue
            self._add_file(child, explicit=False, in_chart=in_chart)

    def _with_gitignore(self, directory: Path, base: str, gitignores: list[tuple[str, object]]) -> list[tuple[str, object]]:
        """`gitignores` plus the directory's own .gitignore, if it has one that can be read."""
        path = directory / ".gitignore"
        if not os.path.lexists(path):
            return gitignores
        problem = self._link_problem(path)
        if problem is not None:  # e.g. patterns from outside the root
            self.error(path, f"{problem}; its patterns are not applied", "symlink")
            return gitignores
        try:
            lines = path.read_text("utf-8", "replace").splitlines()
        except OSError as exc:
            self.error(path, f"cannot read .gitignore: {exc.strerror or exc}; its patterns are not applied", "unreadable")
            return gitignores
        spec = _compile(lines)
        return gitignores if spec is None else [*gitignores, (base, spec)]

    def _link_problem(self, path: Path) -> str | None:
        """Why the symbolic link at `path` is not followed, or None to follow it. A link out of
        the root is judged by its text alone: the target is never opened, not even stat'ed."""
        if not os.path.islink(path):
            return None
        if not _is_within(Path(os.path.realpath(path)), self.root):
            return "symbolic link points outside the scan root: not followed"
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            looped = isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP
            return f"{'symbolic link loop' if looped else 'broken symbolic link'}: not scanned"
        if target.is_dir():
            return "symbolic link to a directory: not followed"
        return None

    def _add_file(self, path: Path, *, explicit: bool, in_chart: bool = False) -> None:
        rel = self.rel(path)
        try:
            problem = self._link_problem(path)
            mode = path.stat().st_mode if problem is None else 0
        except OSError as exc:
            self.error(path, f"cannot stat: {exc.strerror}", "unreadable")
            return
        if problem is not None:
            self.error(path, problem, "symlink")
            return
        if stat.S_ISDIR(mode):
            self._walk(Path(os.path.abspath(path)), [])
            return
        if not stat.S_ISREG(mode):
            self.error(path, "not a regular file (device, socket or pipe): not scanned", "unreadable")
            return
        if not in_chart and explicit:
            in_chart = any(_is_file(parent / "Chart.yaml") for parent in list(path.parents)[:3])
        if rel in self.files and self.files[rel].abspath != path:  # two names that escape alike
            self.error(path, "another file's name is shown the same way (non-UTF-8 bytes): not scanned", "unreadable")
            return
        self.files[rel] = Candidate(rel, path, in_chart)


def _compile(patterns: Iterable[str]) -> object | None:
    patterns = [p for p in patterns if p]
    if not patterns:
        return None
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(patterns)


def _is_file(path: Path) -> bool:
    # Path.is_file() raises PermissionError in a directory it cannot search; this answers False.
    return os.path.isfile(path)


def read_source(candidate: Candidate, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> tuple[SourceFile, ScanError | None]:
    """Read a file once: its digest always (the tree digest covers it), its bytes when it will
    be scanned. Returns the file and, when it cannot be scanned in full, why."""
    path = candidate.abspath
    try:
        with (io.BytesIO(candidate.content) if candidate.content is not None else open(path, "rb")) as handle:
            head = handle.read(HEAD_BYTES)
            wide = wide_encoding(head)
            kind = classify(candidate.path, _utf8(head, wide)[0] if wide else head, in_helm_chart=candidate.in_helm_chart)
            digest = hashlib.sha256(head)
            chunks = [head]
            size = len(head)
            keep = kind is not TargetKind.BINARY
            # Given bytes are never re-read from disk; UTF-16/32 text is transcoded in memory.
            streamable = kind in STREAMED_KINDS and candidate.content is None and wide is None
            limit = STREAM_ABOVE_BYTES if streamable else max_file_bytes
            while block := handle.read(_CHUNK):
                digest.update(block)
                size += len(block)
                if keep and size <= limit:
                    chunks.append(block)
                else:
                    keep = False
                    chunks = []
    except OSError as exc:
        missing = SourceFile(candidate.path, TargetKind.BINARY, 0, "", None, path)
        return missing, ScanError(candidate.path, f"cannot read: {exc.strerror or exc}", "unreadable")
    sha = digest.hexdigest()
    if kind is TargetKind.BINARY:
        return SourceFile(candidate.path, kind, size, sha, None, path), ScanError(
            candidate.path, "binary file: contents not scanned (tree digest covers it)", "binary"
        )
    if streamable and size > STREAM_ABOVE_BYTES:
        return SourceFile(candidate.path, kind, size, sha, None, path), None
    if size > max_file_bytes:
        return SourceFile(candidate.path, TargetKind.BINARY, size, sha, None, path), ScanError(
            candidate.path,
            f"file is {size} bytes, over the {max_file_bytes}-byte cap (max_file_bytes): not scanned",
            "too-large",
        )
    if wide is None:
        return SourceFile(candidate.path, kind, size, sha, b"".join(chunks), path), None
    data, bad_at = _utf8(b"".join(chunks), wide)
    error = None if bad_at is None else ScanError(
        candidate.path, f"invalid {wide.upper()} at byte {bad_at}; scanned with replacement characters", "decode"
    )
    return SourceFile(candidate.path, kind, size, sha, data, path), error


# Byte order marks of text that is not UTF-8; UTF-32 first, as its little-endian mark begins
# with UTF-16's. (A UTF-8 mark needs no transcoding: documents drop it when they decode.)
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def wide_encoding(head: bytes) -> str | None:
    """"utf-16" or "utf-32" when `head` starts with that byte order mark, else None."""
    return next((name for bom, name in _WIDE_BOMS if head.startswith(bom)), None)


def _utf8(data: bytes, encoding: str) -> tuple[bytes, int | None]:
    """UTF-16/32 bytes (with their mark) as UTF-8, so every detector sees the text with the same
    lines; and the offset of the first undecodable byte, if any. A code unit cut off at the
    end of `data` (a head) is dropped."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        return decoder.decode(data, final=False).encode("utf-8"), None
    except UnicodeDecodeError as exc:
        text = codecs.getincrementaldecoder(encoding)("replace").decode(data, final=False)
        return text.encode("utf-8", "replace"), exc.start
