"""Resolve a reference one scanned file makes to another (`-r other.txt`, GitLab's
`include: local`) without ever leaving the scanned root.

The check is made on the real path too, so a symbolic link cannot lead out; only link texts
are read, never a target outside the root.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath


def scan_root(path: str, abspath: Path) -> Path:
    """The root `path` is relative to: `abspath` less as many trailing parts as `path` has."""
    depth = len(PurePosixPath(path).parts)
    return abspath.parents[depth - 1] if 0 < depth <= len(abspath.parents) else abspath.parent


def resolve_inside(root: Path, directory: Path, ref: str) -> tuple[str, Path] | str:
    """(path relative to the root, path on disk) of a reference, or why it is not followed."""
    if "://" in ref:
        return "a remote file: not fetched"
    candidate = Path(os.path.abspath(directory / ref))
    real = Path(os.path.realpath(candidate))
    if not within(candidate, root) or not within(real, Path(os.path.realpath(root))):
        return "outside the scanned root: not followed"
    if not os.path.isfile(real):
        return "not found"
    return candidate.relative_to(root).as_posix(), candidate


def within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
