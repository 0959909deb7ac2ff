"""Which files git tracks under a scan root: a .gitignore keeps untracked files out of a scan,
never files the repository commits (`git add -f`, or a pattern added after the file).

One `git ls-files` per scan, asked only when a .gitignore pattern first excludes something.
Outside a git work tree, or without git, there is no answer and .gitignore applies as written.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Variables that would point git at another repository or index than the root's own.
_GIT_ENV_DROP = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR")


@dataclass(frozen=True, slots=True)
class Tracked:
    files: frozenset[str]  # paths relative to the scan root, `/`-separated
    dirs: frozenset[str]  # every folder holding a tracked file, at any depth

    def holds(self, rel: str, is_dir: bool) -> bool:
        return rel in (self.dirs if is_dir else self.files)


def tracked_under(root: Path) -> Tracked | None:
    """The tracked files under `root`, or None when `root` is not in a git work tree."""
    env = {k: v for k, v in os.environ.items() if k not in _GIT_ENV_DROP}
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", "ls-files", "-z", "--cached"],
            cwd=root, capture_output=True, env=env, check=False, timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    files = frozenset(p for p in done.stdout.decode("utf-8", "surrogateescape").split("\0") if p)
    dirs = {parent for path in files for parent in _parents(path)}
    return Tracked(files, frozenset(dirs))


def _parents(path: str) -> list[str]:
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]
