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


def test_entropy_specs_match_the_plugins() -> None:
    from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString, HexHighEntropyString

    from hms_policy.adapters.detect_secrets import _ENTROPY_SPECS

    for plugin in (Base64HighEntropyString(), HexHighEntropyString()):
        spec = _ENTROPY_SPECS[plugin.secret_type]
        assert (spec.charset, spec.entropy_limit) == (plugin.charset, plugin.entropy_limit)


def test_light_gate_never_drops_a_file_with_hits() -> None:
    """On every fixture and example file: a file the gate passes over has no hit at all."""
    from hms_policy.adapters.detect_secrets import _candidates, _scanner, may_hit
    from hms_policy.targets.kinds import classify

    root = Path(__file__).resolve().parents[2]
    skipped = with_hits = 0
    extra = [
        'bind = "0.0.0.0:8443"',
        'upstream = "8.8.8.8"',
        "peer: 203.0.113.77",
        "dns: 1.1.1.1",
        'ver = "10.2.3.45"',
        'key = "a9F3kQ7zP2mX8vL5tR1wY6bN4cH0jD"',
        "token: 'ab12cd34ef56ab78cd90ef12'",
        "secret = get_secret(name)",
        'password = "Zq8#vT2!mPw9"',
    ]
    files = [p for base in ("tests/rules", "examples") for p in sorted((root / base).rglob("*")) if p.is_file()]
    samples = [(str(p.relative_to(root)), p.read_bytes()) for p in files]
    samples += [(f"sample{n}{suffix}", line.encode() + b"\n") for n, line in enumerate(extra) for suffix in (".py", ".yaml", ".txt")]
    for name, data in samples:
        if b"\0" in data[:4096]:
            continue
        kind = classify(name, data[:4096])
        lines = data.decode("utf-8", "replace").splitlines()
        candidates = _candidates(name, lines, kind)
        if may_hit(name, lines, kind, candidates):
            continue
        skipped += bool(candidates)
        hits = _scanner().scan(name, lines, kind)
        with_hits += bool(hits)
        assert not hits, name
    assert skipped  # the gate does skip files with candidate lines
