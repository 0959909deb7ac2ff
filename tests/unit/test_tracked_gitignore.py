"""A .gitignore keeps untracked files out of a scan, never files the repository commits
(targets/tracked.py); outside a git work tree it applies as written."""

from __future__ import annotations

from pathlib import Path

from gitrepo import Repo

from hms_policy.targets.discover import Selection, discover


def _found(root: Path) -> set[str]:
    return {c.path for c in discover([root], Selection(), root=root).files}


def test_committed_files_are_scanned_though_gitignore_lists_them(tmp_path: Path) -> None:
    repo = Repo(tmp_path)
    (tmp_path / ".gitignore").write_text("/docker-compose.yml\ndev/\n*.log\n")
    (tmp_path / "docker-compose.yml").write_text("services: {}\n")
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "compose.yml").write_text("services: {}\n")
    repo.git("add", "-f", ".gitignore", "docker-compose.yml", "dev/compose.yml")
    repo.git("commit", "-q", "--no-verify", "-m", "committed despite the ignore patterns")
    (tmp_path / "debug.log").write_text("untracked and ignored\n")
    (tmp_path / "dev" / "scratch.yml").write_text("untracked in an ignored folder\n")
    found = _found(tmp_path)
    assert {"docker-compose.yml", "dev/compose.yml"} <= found
    assert "debug.log" not in found and "dev/scratch.yml" not in found


def test_outside_git_the_gitignore_applies_as_written(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("/docker-compose.yml\n")
    (tmp_path / "docker-compose.yml").write_text("services: {}\n")
    (tmp_path / "app.py").write_text("x = 1\n")
    assert _found(tmp_path) == {".gitignore", "app.py"}
