"""Issue #11: crashes and silent skips. Bad input never ends a scan and is never skipped
without a `report.errors` entry; paths outside the scan root are never read."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

import pytest

import hms_policy
from hms_policy.cli import main
from hms_policy.model import Report

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
posix_names = pytest.mark.skipif(os.name != "posix" or os.uname().sysname == "Darwin", reason="needs byte file names")


def scan(root: Path, **kwargs: Any) -> Report:
    return hms_policy.scan([root], jobs=1, cache=False, **kwargs)


def errors_of(report: Report) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in report.errors:
        out.setdefault(e.path, []).append(f"{e.reason}: {e.message}")
    return out


# --- 1. file names that are not UTF-8 -------------------------------------------------------


@posix_names
@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "markdown", "html", "text"])
def test_non_utf8_file_name_is_scanned_and_shown_escaped(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    tree = os.fsencode(tmp_path / "n")
    os.mkdir(tree)
    with open(tree + b"/a\xff.env", "wb") as handle:
        handle.write(b"aws_secret = AKIAZ7QW3RT5YX2VB4NM\n")
    out = tmp_path / f"report.{fmt}"
    code = main(["scan", str(tmp_path / "n"), "--no-cache", "-f", fmt, "-o", str(out), "--fail-on", "none"])
    assert code == 0, capsys.readouterr().err
    text = out.read_bytes().decode("utf-8")  # valid UTF-8 in every format
    shown = "a\\xff.env"  # the name's byte as \xff, in every format
    expected = {"json": json.dumps(shown)[1:-1], "sarif": quote(shown)}.get(fmt, shown)  # SARIF: a URI
    assert expected in text
    if fmt == "json":
        report = json.loads(text)
        assert report["target"]["files_scanned"] == 1
        assert any(f["path"] == "a\\xff.env" for f in report["findings"])


# --- 2. unreadable directories ----------------------------------------------------------------


def _deny_under(directory: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """What a non-root user gets in a directory without read and search permission."""

    def wrap(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(path: Any, *args: Any, **kwargs: Any) -> Any:
            text = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else ""
            if text.startswith(directory + os.sep) or (real is _REAL_SCANDIR and text == directory):
                raise PermissionError(errno.EACCES, "Permission denied", text)
            return real(path, *args, **kwargs)

        return call

    return wrap


_REAL_SCANDIR = os.scandir


@pytest.mark.parametrize("use_gitignore", [True, False])
def test_unreadable_directory_is_an_error_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_gitignore: bool) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / ".gitignore").write_text("*.log\n")
    (tmp_path / "ok.tf").write_text('resource "aws_db_instance" "p" {\n  storage_encrypted = false\n}\n')
    deny = _deny_under(str(tmp_path / "locked"))
    for name in ("stat", "lstat", "scandir"):
        monkeypatch.setattr(os, name, deny(getattr(os, name)))
    report = scan(tmp_path, use_gitignore=use_gitignore)
    monkeypatch.undo()
    assert any("cannot list directory" in m for m in errors_of(report)["locked"])
    assert any(f.path == "ok.tf" for f in report.findings)


def test_unreadable_gitignore_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".gitignore").write_text("*.log\n")
    (tmp_path / "a.txt").write_text("x\n")
    real = Path.read_text

    def read_text(self: Path, *args: Any, **kwargs: Any) -> str:
        if self.name == ".gitignore":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    report = scan(tmp_path)
    monkeypatch.undo()
    assert any("cannot read .gitignore" in m for m in errors_of(report)[".gitignore"])


# --- 3. symbolic links out of the root ------------------------------------------------------------


@needs_symlinks
def test_links_out_of_the_root_are_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "credentials").write_text("aws_secret = AKIAZ7QW3RT5YX2VB4NM\n")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "inside.txt").write_text("hello\n")
    os.symlink(outside / "credentials", root / "creds.txt")
    os.symlink(outside, root / "etc")
    os.symlink(root / "inside.txt", root / "alias.txt")
    os.symlink(outside / "credentials", root / ".gitignore")
    opened: list[str] = []
    real_open = open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(os.fsdecode(file) if isinstance(file, (str, bytes, os.PathLike)) else "")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    report = scan(root)
    monkeypatch.undo()
    errors = errors_of(report)
    assert any("outside the scan root" in m for m in errors["creds.txt"])
    assert any("outside the scan root" in m for m in errors["etc"])
    assert any("out of the scan root" in m for m in errors[".gitignore"])
    assert not [p for p in opened if "elsewhere" in p]
    assert report.target.files_scanned == 2  # inside.txt and the in-root alias.txt
    assert not report.findings

    # A hook hands the link over by name: the root stays where the link sits.
    monkeypatch.chdir(root)
    report = hms_policy.scan(["creds.txt"], jobs=1, cache=False)
    assert report.target.files_scanned == 0
    assert any("outside the scan root" in m for m in errors_of(report)["creds.txt"])
