"""Follow `-r FILE` / `-c FILE` in requirements files, as pip does, so what an included file
pins is judged too.

Only files inside the scanned root are read (the check is made on the real path, so a
symbolic link cannot lead out); a reference that is missing, remote or outside the root
becomes a one-line problem for `report.errors`. Nested includes are followed a few levels
deep, never in a cycle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from hms_policy.targets.discover import Candidate, read_source
from hms_policy.targets.document import SourceFile
from hms_policy.targets.within_root import resolve_inside, scan_root

MAX_DEPTH = 5  # includes nested inside includes
MAX_FILES = 50  # files one requirements file may pull in

# `-r x.txt`, `-rx.txt`, `--requirement=x.txt`, `-c x.txt`, `--constraint x.txt` (pip's forms).
_INCLUDE = re.compile(r"^[ \t]*(?:-r|-c|--requirement|--constraint)(?:[ \t]*=[ \t]*|[ \t]+|(?=[^\s=-]))(\S+)", re.M)


@dataclass(slots=True)
class Includes:
    """What a requirements file pulls in: the files read, and problems as (line, message)."""

    files: list[SourceFile] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def references(text: str) -> list[tuple[int, str]]:
    """(line, referenced path) of each `-r` / `-c` in a requirements file's text."""
    return [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in _INCLUDE.finditer(text)]


def follow(path: str, abspath: Path, text: str, max_file_bytes: int) -> Includes:
    """The files `path` (POSIX, relative to the scan root; on disk at `abspath`) includes,
    transitively. Problems are reported against the line of `path` that leads to them."""
    root = scan_root(path, abspath)
    found = Includes()
    seen = {path}
    # (file, its directory, its text, nesting depth, the line of `path` that led to it)
    queue: list[tuple[str, Path, str, int, int | None]] = [(path, abspath.parent, text, 0, None)]
    while queue:
        current, directory, body, depth, via = queue.pop(0)
        for line, ref in references(body):
            where = via or line
            target = resolve_inside(root, directory, ref)
            if isinstance(target, str):
                found.problems.append((where, f"{ref!r} (included from {current}): {target}"))
                continue
            rel, target_path = target
            if rel in seen:
                continue
            seen.add(rel)
            if depth >= MAX_DEPTH or len(found.files) >= MAX_FILES:
                found.problems.append((where, f"{ref!r}: includes nested too deep or too many: not followed"))
                continue
            source, error = read_source(Candidate(rel, target_path), max_file_bytes)
            if error is not None or source.data is None:
                found.problems.append((where, f"{ref!r}: {error.message if error else 'cannot read'}"))
                continue
            found.files.append(source)
            queue.append((rel, target_path.parent, source.data.decode("utf-8", "replace"), depth + 1, where))
    return found
