"""The built wheel carries every rule and pack, and works from any directory."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.integration
def test_wheel_contains_every_rule_and_pack(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0 and "hatchling" in (built.stderr + built.stdout):
        pytest.skip("hatchling is not installed in this environment")
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("hms_policy-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    rules = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "rules").rglob("*.yaml"))
    packs = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "policies").glob("*.yaml"))
    assert rules and packs
    missing = [p for p in rules + packs if f"hms_policy/_builtin/{p}" not in names]
    assert not missing
    assert "hms_policy/catalog/schemas/rule.v1.json" in names
    assert "hms_policy/py.typed" in names


@pytest.mark.integration
def test_installed_wheel_scans_from_another_directory(tmp_path: Path) -> None:
    """A plain (not editable) install finds its bundled packs and rules from any directory."""
    import json
    import os

    wheel_dir = tmp_path / "wheel"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheel_dir), str(REPO)],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0:
        pytest.skip("cannot build the wheel here")
    site = tmp_path / "site"
    (wheel,) = wheel_dir.glob("*.whl")
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
