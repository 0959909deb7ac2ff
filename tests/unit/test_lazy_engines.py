"""The heavy engines load only for files that need them (pre-commit hook latency)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

_PROBE = """
import json, sys
from hms_policy.api import scan
scan([sys.argv[1]], policies=("hipaa",), jobs=1, cache=False)
print(json.dumps({m: m in sys.modules for m in ("detect_secrets", "requests", "bandit")}))
"""


def _loaded(tmp_path: Path, name: str, text: str) -> dict[str, bool]:
    (tmp_path / name).write_text(text)
    done = subprocess.run([sys.executable, "-c", _PROBE, str(tmp_path)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_detect_secrets_is_not_imported_for_a_file_without_candidate_lines(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, "notes.md", "# Ward rota\n\nNothing to see here.\n")
    assert not loaded["detect_secrets"] and not loaded["requests"]


def test_detect_secrets_is_imported_for_a_candidate_line(tmp_path: Path) -> None:
    assert _loaded(tmp_path, "settings.ini", "[db]\npassword = Zq8#vT2!mPw9\n")["detect_secrets"]
