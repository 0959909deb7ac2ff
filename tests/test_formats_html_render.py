"""Render the HTML report of examples/hms-demo in headless Chromium (Debian's `chromium`).

Skips cleanly where Chromium is not installed. The page must load with no network
access at all (the CSP forbids it) and produce a non-trivial screenshot; the DOM Chromium
builds must hold the compliance matrix and the findings.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import hms_policy
from hms_policy.report.formats import render

DEMO = Path(__file__).resolve().parent.parent / "examples" / "hms-demo"
CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions"]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_demo_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    report = hms_policy.scan([DEMO], read_project_settings=False, jobs=1)
    page = tmp_path / "report.html"
    page.write_text(render(report, "html", signature="signed: DSSE envelope, Ed25519 key 0123456789abcdef"), encoding="utf-8")
    shot = tmp_path / "report.png"
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [CHROMIUM, *FLAGS, "--window-size=1280,2000", f"--screenshot={shot}", page.as_uri()],
        check=True, capture_output=True, timeout=60, env=env, cwd=tmp_path,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a blank page compresses to a few KB
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, "--dump-dom", page.as_uri()], check=True, capture_output=True, timeout=60, env=env, cwd=tmp_path, text=True
    ).stdout
    assert 'id="matrix"' in dom and 'id="findings"' in dom
    assert dom.count('class="badge badge-') >= len(report.controls)
    assert report.target.digest in dom
