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
    assert any("outside the scan root" in m and "patterns are not applied" in m for m in errors[".gitignore"])
    assert not [p for p in opened if "elsewhere" in p]
    assert report.target.files_scanned == 2  # inside.txt and the in-root alias.txt
    assert not report.findings

    # A hook hands the link over by name: the root stays where the link sits.
    monkeypatch.chdir(root)
    report = hms_policy.scan(["creds.txt"], jobs=1, cache=False)
    assert report.target.files_scanned == 0
    assert any("outside the scan root" in m for m in errors_of(report)["creds.txt"])



@needs_symlinks
def test_named_links_and_context_siblings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "main.tf").write_text('resource "aws_db_instance" "p" {\n  storage_encrypted = false\n}\n')
    (tmp_path / "elsewhere.tf").write_text('variable "x" {}\n')
    os.symlink(tmp_path / "elsewhere.tf", real / "other.tf")
    os.symlink(real, tmp_path / "link")
    # A directory link named on the command line is scanned (its target is the root).
    report = hms_policy.scan([tmp_path / "link"], jobs=1, cache=False)
    assert any(f.path == "main.tf" for f in report.findings)
    # A partial scan reads the file's directory for context, but never through a link.
    opened: list[str] = []
    real_open = open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(os.fsdecode(file) if isinstance(file, (str, bytes, os.PathLike)) else "")
        return real_open(file, *args, **kwargs)

    monkeypatch.chdir(real)
    monkeypatch.setattr("builtins.open", spy)
    hms_policy.scan(["main.tf"], jobs=1, cache=False)
    monkeypatch.undo()
    assert not [p for p in opened if p.endswith("other.tf") or "elsewhere" in p]

# --- 4, 8. JSON: classified by content, and one error per file that does not parse ----------------

POD = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"nginx","securityContext":{"privileged":true}}]}}'


def test_single_line_json_manifest_is_judged_like_a_pretty_one(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "pretty").mkdir()
    (tmp_path / "one" / "pod.json").write_text(POD + "\n")
    (tmp_path / "pretty" / "pod.json").write_text(json.dumps(json.loads(POD), indent=2) + "\n")
    (tmp_path / "flow.yaml").write_text("{apiVersion: v1, kind: Pod, metadata: {name: q}, spec: {hostNetwork: true, containers: [{name: c, image: nginx}]}}\n")
    (tmp_path / "broken-pod.json").write_text(POD[:70] + "\n")
    report = scan(tmp_path)
    rules = lambda path: {f.rule_id for f in report.findings if f.path == path}  # noqa: E731
    assert "K8S001" in rules("one/pod.json")
    assert rules("one/pod.json") == rules("pretty/pod.json")
    assert rules("flow.yaml")
    (error,) = errors_of(report)["broken-pod.json"]
    assert error.startswith("parse: cannot parse: invalid JSON")


def test_json_that_does_not_parse_gets_one_error(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text('{"a": 1,\n "b": [1, 2\n')
    (tmp_path / "fine.json").write_text('{"a": 1}\n')
    errors = errors_of(scan(tmp_path))
    assert len(errors["settings.json"]) == 1 and "invalid JSON" in errors["settings.json"][0]
    assert "fine.json" not in errors


# --- 7. UTF-16 and UTF-32 text ----------------------------------------------------------------------

TEXT = "first line\r\naws_secret = AKIAZ7QW3RT5YX2VB4NM\n2026-01-01 INFO patient ssn=512-34-8891\n"


@pytest.mark.parametrize("encoded", [
    TEXT.encode("utf-16"),  # with the platform's mark
    b"\xfe\xff" + TEXT.encode("utf-16-be"),
    b"\xff\xfe" + TEXT.encode("utf-16-le"),
    TEXT.encode("utf-32"),
    b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
], ids=["utf-16", "utf-16-be", "utf-16-le", "utf-32", "utf-8-bom"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path: Path, encoded: bytes) -> None:
    (tmp_path / "app.log").write_bytes(encoded)
    report = scan(tmp_path)
    assert not report.errors
    found = {(f.rule_id, f.line) for f in report.findings}
    assert ("SEC001", 2) in found and ("LOG001", 3) in found


def test_bad_utf16_is_a_decode_error_and_still_scanned(tmp_path: Path) -> None:
    (tmp_path / "app.log").write_bytes(TEXT.encode("utf-16") + b"\x00\xd8\x41\x00")  # a lone high surrogate
    report = scan(tmp_path)
    assert any(m.startswith("decode: invalid UTF-16") for m in errors_of(report)["app.log"])
    assert any(f.rule_id == "SEC001" for f in report.findings)


# --- 5, 6. dependency manifests -------------------------------------------------------------------

OSV = Path(__file__).resolve().parent / "data" / "osv"


def test_requirements_includes_are_followed_inside_the_root_only(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "sub").mkdir(parents=True)
    (tmp_path / "outside.txt").write_text("requests==2.19.0\n")
    (root / "requirements.txt").write_text("# top\n-r base.txt\n-c sub/constraints.txt\n-r ../outside.txt\n--requirement=missing.txt\nflask>=2\n")
    (root / "base.txt").write_text("requests==2.19.0\n-r requirements.txt\n")  # a cycle, and a name no scan judges alone
    (root / "sub" / "constraints.txt").write_text("# pins\nPyYAML==5.1\n")  # also scanned on its own
    report = scan(root, vuln_db=OSV)
    found = sorted((f.path, f.line) for f in report.findings if f.rule_id == "DEP002")
    assert found == [("base.txt", 1), ("sub/constraints.txt", 2)]  # where the pins are, once each
    problems = errors_of(report)["requirements.txt"]
    assert any(m.startswith("include: line 4:") and "outside the scanned root" in m for m in problems)
    assert any(m.startswith("include: line 5:") and "not found" in m for m in problems)


def test_package_json_versions_of_the_wrong_type_are_reported(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{\n  "dependencies": {\n    "lodash": 4.17,\n    "left-pad": null\n  },\n  "devDependencies": "oops"\n}\n')
    problems = errors_of(scan(tmp_path, vuln_db=OSV))["package.json"]
    assert any("line 3: 'lodash' in dependencies is a number" in m for m in problems)
    assert any("line 4: 'left-pad' in dependencies is null" in m for m in problems)
    assert any("line 6: 'devDependencies' is a string, not an object" in m for m in problems)


# --- 9. workers end with the scan --------------------------------------------------------------------

_RUN_CLI = "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); from hms_policy.cli import main; sys.exit(main(sys.argv[1:]))"


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_die_with_the_scan_and_signals_exit_cleanly(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    line = 'logger.info("patient %s visited", name)  # note\n'
    body = "".join(f"def f{i}(name):\n    x = {i}\n    {line}" for i in range(800))
    for i in range(70):  # over the pool's thresholds (64 units, 4 MB), and seconds of work
        (tmp_path / f"m{i}.py").write_text(body)
    command = [sys.executable, "-c", _RUN_CLI, "scan", str(tmp_path), "--no-cache", "--jobs", "2", "-f", "json", "-o", os.devnull]
    scans = {sig: subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGKILL)}
    workers: dict[int, list[int]] = {}
    deadline = time.monotonic() + 60
    while len(workers) < len(scans) and time.monotonic() < deadline:
        for sig, proc in scans.items():
            if sig not in workers and len(kids := _children(proc.pid)) == 2:
                workers[sig] = kids
                proc.send_signal(sig)
        time.sleep(0.05)
    expected = {signal.SIGTERM: (143, "hms-policy: error: terminated"), signal.SIGINT: (130, "hms-policy: error: interrupted"), signal.SIGKILL: (-9, "")}
    for sig, proc in scans.items():
        _, err = proc.communicate(timeout=30)
        assert (proc.returncode, err.decode().strip()) == expected[sig], (sig, err.decode(), workers)
    deadline = time.monotonic() + 5
    while any(_alive(pid) for kids in workers.values() for pid in kids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) == 3 and not [pid for kids in workers.values() for pid in kids if _alive(pid)]


def test_a_directory_reached_through_a_linked_parent_keeps_relative_paths(tmp_path: Path) -> None:
    # `scan link/sub` where `link` is a symlink to a directory: the root resolves, so the walk
    # must place files by their resolved parent, not report absolute paths.
    (tmp_path / "real/sub").mkdir(parents=True)
    (tmp_path / "real/sub/a.py").write_text('AWS = "AKIA' + 'Z7QXBPLM4RTW2NVY"\n')
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    report = hms_policy.scan(tmp_path / "link" / "sub", jobs=1, cache=False, read_project_settings=False)
    assert report.findings and {f.path for f in report.findings} == {"a.py"}
    assert not report.errors
