"""The HTML report printed by a real browser: headless Chromium prints it to PDF, and the
first page carries what an auditor checks first (verdict, tree digest, signature status,
pack versions). Skipped where Chromium or poppler's pdftotext is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import hms_policy
from hms_policy.report.formats.html import css_string

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
UNENCRYPTED = 'resource "aws_db_instance" "p" {\n  storage_encrypted = false\n}\n'


@pytest.mark.skipif(CHROMIUM is None or shutil.which("pdftotext") is None, reason="needs chromium and pdftotext")
def test_saved_as_pdf_the_first_page_is_the_evidence(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "main.tf").write_text(UNENCRYPTED)
    report = hms_policy.scan(tree, cache=False, policies=["hipaa", "gdpr"])
    page = tmp_path / "report.html"
    page.write_text(report.to("html", signature="signed (DSSE, Ed25519 key 0123456789abcdef)"))
    pdf = tmp_path / "report.pdf"
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert pdf.is_file(), done.stderr[-500:]
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(first.split())
    assert "FAIL" in flat and "Tree digest" in flat and report.target.digest[7:30] in flat.replace(" ", "")
    assert "signed (DSSE, Ed25519 key 0123456789abcdef)" in flat
    for pack in report.policies:
        assert pack.version in flat and pack.id in flat
    assert "Compliance matrix" not in flat  # the matrix starts on a page of its own
    assert "page 1 of" in flat  # the page margin boxes of the print CSS
    everything = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Could not run" in everything or "Ran, found nothing" in everything


def test_values_in_the_page_css_cannot_break_out() -> None:
    hostile = 'x"}</style><script>alert(1)</script>\\'
    literal = css_string(hostile)
    assert literal.startswith('"') and literal.endswith('"') and '"' not in literal[1:-1]
    assert "<" not in literal and "}" not in literal and "\n" not in literal
