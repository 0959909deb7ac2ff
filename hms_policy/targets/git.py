"""Git as a source of files: the staged index (`scan --staged`) and the lines a change
touched (`scan --diff BASE`).

Only plumbing commands with machine-readable output are used (`diff --raw -z`,
`cat-file --batch`, `diff -U0` hunk headers), so user configuration (colour, external diff
drivers, pagers) cannot change what is parsed. Contents come from git objects, never from
the working tree, so an unstaged edit cannot hide (or fake) what is about to be committed.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from hms_policy.errors import UsageError
from hms_policy.model import ScanError
from hms_policy.targets.discover import DEFAULT_EXCLUDED_DIRS, Candidate, Selection, printable

_GIT_ENV_DROP = ("GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS", "GIT_PAGER")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_MODE_SYMLINK = "120000"
_MODE_GITLINK = "160000"  # a submodule: its contents belong to another repository


def _git(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    env = {k: v for k, v in os.environ.items() if k not in _GIT_ENV_DROP}
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("git is not installed (needed for --staged and --diff)") from None
    if done.returncode != 0:
        first = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]} failed: {first[0] if first else 'exit ' + str(done.returncode)}")
    return done.stdout


def toplevel(start: Path) -> Path:
    """The work tree root of the repository holding `start`."""
    directory = start if start.is_dir() else start.parent
    try:
        out = _git(["rev-parse", "--show-toplevel"], directory)
    except UsageError:
        raise UsageError(f"not inside a git repository: {start}") from None
    return Path(out.decode("utf-8").strip()).resolve()


# ---- the staged index ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StagedFiles:
    root: Path  # the directory reported paths are relative to
    files: tuple[Candidate, ...]
    errors: tuple[ScanError, ...] = ()


def staged_files(root: Path, paths: Sequence[Path] = (), selection: Selection | None = None) -> StagedFiles:
    """Files added, copied, modified or type-changed in the index, with their staged bytes.

    `root` is the scan root (paths are reported relative to it); `paths` limit the
    selection like a pathspec. Deleted files have nothing to scan and are left out.
    """
    root = root.resolve()
    top = toplevel(root)
    spec = [os.path.relpath(Path(p).resolve(), top) for p in paths] or [os.path.relpath(root, top)]
    raw = _git(["diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-renames", "--diff-filter=ACMT", "--", *spec], top)
    entries = _parse_raw(raw)
    excluded = excluded_by(selection or Selection())
    wanted: list[tuple[str, str]] = []  # (path relative to root, object id)
    abspaths: dict[str, Path] = {}
    errors: list[ScanError] = []
    for mode, oid, top_path in entries:
        absolute = top / top_path
        try:
            rel = printable(absolute.relative_to(root).as_posix())
        except ValueError:
            continue  # staged outside the scanned directory
        if excluded(rel):
            continue
        if mode == _MODE_GITLINK:
            continue
        if mode == _MODE_SYMLINK:
            errors.append(ScanError(rel, "symbolic link in the index: not followed", "symlink"))
            continue
        wanted.append((rel, oid))
        abspaths[rel] = absolute
    contents = read_objects(top, [oid for _, oid in wanted])
    index_paths = {rel for rel, _ in wanted}
    files = []
    for rel, oid in wanted:
        data = contents.get(oid)
        if data is None:
            errors.append(ScanError(rel, "staged object is missing from the repository", "unreadable"))
            continue
        files.append(Candidate(rel, abspaths[rel], _in_helm_chart(root, rel, index_paths), content=data))
    return StagedFiles(root, tuple(sorted(files, key=lambda c: c.path)), tuple(errors))


def _parse_raw(raw: bytes) -> list[tuple[str, str, str]]:
    """`git diff --raw -z` records -> (new mode, new object id, path)."""
    out = []
    fields = raw.split(b"\0")
    i = 0
    while i + 1 < len(fields):
        meta = fields[i].decode("ascii", "replace")
        if not meta.startswith(":"):
            i += 1
            continue
        parts = meta[1:].split()
        path = fields[i + 1].decode("utf-8", "surrogateescape")
        i += 2
        if len(parts) >= 5:
            out.append((parts[1], parts[3], path))
    return out


def read_objects(top: Path, object_names: Iterable[str]) -> dict[str, bytes]:
    """Object name ("<oid>" or "<rev>:<path>") -> bytes, through one `git cat-file --batch`.
    Names git cannot resolve are left out."""
    names = list(dict.fromkeys(object_names))
    if not names:
        return {}
    stdout = _git(["cat-file", "--batch"], top, stdin="".join(f"{n}\n" for n in names).encode("utf-8", "surrogateescape"))
    out: dict[str, bytes] = {}
    cursor = 0
    for name in names:
        end = stdout.index(b"\n", cursor)
        header = stdout[cursor:end].decode("utf-8", "replace").split()
        cursor = end + 1
        if len(header) == 3 and header[1] == "blob":
            size = int(header[2])
            out[name] = stdout[cursor : cursor + size]
            cursor += size + 1  # the content is followed by a newline
        elif len(header) == 3:  # a tree or commit named by mistake: skip its body
            cursor += int(header[2]) + 1
        # "<name> missing" / "ambiguous": one line, nothing to skip
    return out


def excluded_by(selection: Selection):  # type: ignore[no-untyped-def]
    """A predicate over root-relative paths: the user's excludes and the always-excluded
    directories (a path named in git bypasses the directory walk that applies them)."""
    patterns = [p for p in selection.excludes if p]
    spec = None
    if patterns:
        import pathspec

        spec = pathspec.GitIgnoreSpec.from_lines(patterns)

    def excluded(rel: str) -> bool:
        if any(part in DEFAULT_EXCLUDED_DIRS for part in rel.split("/")[:-1]):
            return True
        return spec is not None and spec.match_file(rel)

    return excluded


def _in_helm_chart(root: Path, rel: str, index_paths: set[str]) -> bool:
    parents = rel.split("/")[:-1]
    for depth in range(len(parents), max(len(parents) - 4, -1), -1):
        chart = "/".join([*parents[:depth], "Chart.yaml"])
        if chart in index_paths or (root / chart).is_file():
            return True
    return False


# ---- changes since a base revision ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChangedFile:
    path: str  # relative to the scan root, as it is now
    base_path: str | None  # relative to the git top level, at the base (None: new file)
    added: tuple[tuple[int, int], ...] = field(default=())  # inclusive line ranges

    def touches(self, start: int, end: int) -> bool:
        return any(lo <= end and start <= hi for lo, hi in self.added)


@dataclass(frozen=True, slots=True)
class Changes:
    root: Path
    top: Path
    base: str  # the commit the change is measured from (the merge base with HEAD)
    files: Mapping[str, ChangedFile]  # by path relative to the scan root


def merge_base(top: Path, base: str) -> str:
    """The commit a pull request forks from: merge-base(BASE, HEAD), or BASE itself when
    HEAD does not exist yet or the histories are unrelated."""
    try:
        resolved = _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], top).decode().strip()
    except UsageError:
        raise UsageError(f"--diff: unknown revision {base!r} (fetch it first, e.g. git fetch origin {base})") from None
    try:
        return _git(["merge-base", resolved, "HEAD"], top).decode().strip() or resolved
    except UsageError:
        return resolved


def changes_since(root: Path, base: str) -> Changes:
    """Files changed between BASE's merge base and the working tree, with their added or
    modified line ranges; untracked (not ignored) files count as wholly added."""
    root = root.resolve()
    top = toplevel(root)
    commit = merge_base(top, base)
    scope = os.path.relpath(root, top)
    patch = _git(["diff", "-U0", "--no-color", "--no-ext-diff", "-M", "--src-prefix=a/", "--dst-prefix=b/", "--diff-filter=ACMRT", commit, "--", scope], top)
    files: dict[str, ChangedFile] = {}
    for top_path, base_path, ranges in parse_unified_diff(patch.decode("utf-8", "surrogateescape")):
        rel = _relative(top / top_path, root)
        if rel is not None:
            files[rel] = ChangedFile(rel, base_path, tuple(ranges))
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", "--", scope], top)
    for top_path in filter(None, untracked.decode("utf-8", "surrogateescape").split("\0")):
        rel = _relative(top / top_path, root)
        if rel is not None and rel not in files:
            files[rel] = ChangedFile(rel, None, ((1, 1 << 31),))
    return Changes(root, top, commit, files)


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def parse_unified_diff(patch: str) -> list[tuple[str, str | None, list[tuple[int, int]]]]:
    """(new path, old path or None, added line ranges) per file of a `git diff -U0` patch.

    A pure deletion adds no line; a file that only changed mode or name has no ranges."""
    out: list[tuple[str, str | None, list[tuple[int, int]]]] = []
    old: str | None = None
    new: str | None = None
    ranges: list[tuple[int, int]] = []
    new_file = False

    def flush() -> None:
        if new is not None:
            out.append((new, None if new_file else old, ranges))

    for line in patch.splitlines():
        if line.startswith("diff --git "):
            flush()
            old, new, ranges, new_file = None, None, [], False
            old, new = _paths_from_header(line[len("diff --git ") :])
        elif line.startswith("new file mode"):
            new_file = True
        elif line.startswith("rename from "):
            old = _unquote(line[len("rename from ") :])
        elif line.startswith("rename to "):
            new = _unquote(line[len("rename to ") :])
        elif line.startswith("--- "):
            name = line[4:]
            if name != "/dev/null":
                old = _strip_prefix(_unquote(name), "a/")
        elif line.startswith("+++ "):
            name = line[4:]
            if name != "/dev/null":
                new = _strip_prefix(_unquote(name), "b/")
        elif line.startswith("@@"):
            found = _HUNK.match(line)
            if found:
                start = int(found.group(1))
                count = int(found.group(2)) if found.group(2) is not None else 1
                if count > 0:
                    ranges.append((start, start + count - 1))
    flush()
    return out


def _paths_from_header(rest: str) -> tuple[str | None, str | None]:
    # "a/x b/x" (unquoted, may contain spaces) or quoted forms; the ---/+++ lines or
    # rename lines refine these when present.
    if rest.startswith('"'):
        parts = re.findall(r'"(?:[^"\\]|\\.)*"|\S+', rest)
        if len(parts) == 2:
            return _strip_prefix(_unquote(parts[0]), "a/"), _strip_prefix(_unquote(parts[1]), "b/")
        return None, None
    half = len(rest) // 2
    if rest[half : half + 3] == " b/" and rest[: half].startswith("a/"):
        return rest[2:half], rest[half + 3 :]
    return None, None


def _strip_prefix(text: str, prefix: str) -> str:
    return text.removeprefix(prefix)


_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


def _unquote(text: str) -> str:
    """Undo git's C-style quoting of unusual path names."""
    text = text.rstrip("\t")
    if not (text.startswith('"') and text.endswith('"') and len(text) >= 2):
        return text
    body = text[1:-1]
    out = bytearray()
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
            if body[i + 1 : i + 4].isdigit():
                out.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
        out.extend(ch.encode("utf-8", "surrogateescape"))
        i += 1
    return out.decode("utf-8", "surrogateescape")
