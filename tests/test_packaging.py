"""The built wheel carries every rule and pack, and works from any directory."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built once for both tests (a build takes seconds)."""
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0 and "hatchling" in (built.stderr + built.stdout):
        pytest.skip("hatchling is not installed in this environment")
    assert built.returncode == 0, built.stderr[-2000:]
    (path,) = out.glob("hms_policy-*.whl")
    return path


@pytest.mark.integration
def test_wheel_contains_every_rule_and_pack(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    rules = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "rules").rglob("*.yaml"))
    packs = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "policies").glob("*.yaml"))
    assert rules and packs
    missing = [p for p in rules + packs if f"hms_policy/_builtin/{p}" not in names]
    assert not missing
    assert "hms_policy/catalog/schemas/rule.v1.json" in names
    assert "hms_policy/py.typed" in names


@pytest.mark.integration
def test_installed_wheel_scans_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    """A plain (not editable) install finds its bundled packs and rules from any directory."""
    import json
    import os

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    run = subprocess.run(
        [sys.executable, "-m", "hms_policy", "scan", str(REPO / "examples" / "hms-demo"), "--format", "json"],
        capture_output=True, text=True, cwd=elsewhere, env=env,
    )
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    assert report["summary"]["result"] == "fail"
    probe = subprocess.run(
        [sys.executable, "-c", "import hms_policy._resources as r; print(r.builtin_rules_dir())"],
        capture_output=True, text=True, cwd=elsewhere, env=env,
    )
    assert str(site) in probe.stdout
