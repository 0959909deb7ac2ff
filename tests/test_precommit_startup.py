"""What keeps the hook's start-up short, and that each shortcut keeps its guarantees: built-in
packs are validated here (a scan skips it), plugins are still found, project settings are
still validated, and the rule-YAML snapshot gives the same catalogue."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hms_policy._plugins import _declared_elsewhere, plugin_entry_points
from hms_policy._resources import builtin_pack_files
from hms_policy.api import load_catalogue
from hms_policy.catalog.rules import load_yaml_file, schema_errors
from hms_policy.cli import main
from hms_policy.engine.cache import open_yaml_snapshot


@pytest.mark.parametrize("pack", sorted(builtin_pack_files()))
def test_built_in_packs_are_schema_valid(pack: str) -> None:
    assert schema_errors(load_yaml_file(builtin_pack_files()[pack]), "pack.v1") == []


def test_a_text_only_scan_imports_no_heavy_module(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Ward rota\n\nNothing to see.\n")
    (tmp_path / "settings.json").write_text('{"ward_capacity": 24}\n')
    args = ["scan", "--no-cache", "--fail-on", "critical", str(tmp_path)]
    assert _loaded_by(args, ("hcl2", "tree_sitter", "jsonschema", "bandit", "cryptography", "jinja2")) == "0 []"


def _loaded_by(args: list[str], modules: tuple[str, ...]) -> str:
    """The exit code of `hms-policy ARGS` in a fresh interpreter, and which of `modules` it loaded."""
    probe = (
        f"import sys; from hms_policy.cli import main; code = main({args!r}); "
        f"print(code, sorted(m for m in {modules!r} if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe], check=False, capture_output=True, text=True)
    return done.stderr.strip().splitlines()[-1]


def test_a_hook_scan_loads_no_other_command(tmp_path: Path) -> None:
    """`scan FILE...` builds only the scan command's parser, opens no image archive and no
    vulnerability database code when no manifest is in the change."""
    (tmp_path / "a.md").write_text("hello\n")
    (tmp_path / "b.md").write_text("hello\n")
    args = ["scan", "--no-cache", str(tmp_path / "a.md"), str(tmp_path / "b.md")]
    other = ("hms_policy.cli.db", "hms_policy.cli.deidentify", "hms_policy.cli.verify", "hms_policy.deps.sources", "tarfile", "sqlite3")
    assert _loaded_by(args, other) == "0 []"


def test_the_top_level_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    from hms_policy.cli import COMMANDS

    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS) and "consistent fictional substitutes" in out


def test_project_settings_are_still_validated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".hms-policy.yaml").write_text("fail_on: severe\n")
    (tmp_path / "a.md").write_text("hello\n")
    assert main(["scan", "--no-cache", str(tmp_path)]) == 2
    assert "fail_on" in capsys.readouterr().err


def test_plugins_are_found_without_and_with_the_shortcut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert plugin_entry_points("hms_policy.rules") == []  # only hms-policy itself declares the group here
    dist = tmp_path / "acme_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[hms_policy.rules]\nacme = acme_rules:rules_dir\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _declared_elsewhere("hms_policy.rules") and not _declared_elsewhere("hms_policy.packs")
    [found] = plugin_entry_points("hms_policy.rules")
    assert (found.name, found.value) == ("acme", "acme_rules:rules_dir")


def test_the_rule_yaml_snapshot_gives_the_same_catalogue(tmp_path: Path) -> None:
    import datetime as _dt

    plain = load_catalogue(["hipaa", "gdpr", "ndhm"])
    snapshot = open_yaml_snapshot(tmp_path / "cache", _dt.date.today())
    assert snapshot is not None
    first = load_catalogue(["hipaa", "gdpr", "ndhm"], yaml_snapshot=snapshot)  # parses and stores
    entries = list((tmp_path / "cache").rglob("yaml/*"))
    assert len(entries) == 2  # one for the rule files, one for the pack files
    [entry] = [e for e in entries if b"remediation" in e.read_bytes()]
    [packs_entry] = [e for e in entries if e != entry]
    second = load_catalogue(["hipaa", "gdpr", "ndhm"], yaml_snapshot=snapshot)  # reads the entries
    assert plain.rules.rules == first.rules.rules == second.rules.rules
    assert plain.packs == first.packs == second.packs
    packs_entry.write_bytes(packs_entry.read_bytes().replace(b"HIPAA", b"HIPAX", 1))  # tampered: not trusted
    assert load_catalogue(["hipaa", "gdpr", "ndhm"], yaml_snapshot=snapshot).packs == plain.packs
    body = entry.read_bytes().split(b"\n", 1)[1]
    assert json.loads(body)["payload"]  # a signed JSON entry, no pickle
    entry.write_bytes(entry.read_bytes().replace(b"TF101", b"TF999", 1))  # tampered: not trusted
    assert load_catalogue(["hipaa", "gdpr", "ndhm"], yaml_snapshot=snapshot).rules.rules == plain.rules.rules


def test_the_yaml_snapshot_stores_only_what_json_carries_exactly(tmp_path: Path) -> None:
    import datetime as _dt

    snapshot = open_yaml_snapshot(tmp_path / "cache", _dt.date.today())
    assert snapshot is not None
    plain, dated = tmp_path / "plain.yaml", tmp_path / "dated.yaml"
    plain.write_text("a: [1, 2.5, true, null]\n")
    dated.write_text("since: 2024-01-01\n")
    parsed = {plain: {"a": [1, 2.5, True, None]}, dated: {"since": _dt.date(2024, 1, 1)}}
    calls: list[Path] = []

    def parse(path: Path) -> object:
        calls.append(path)
        return parsed[path]

    assert snapshot.load_all([plain], parse) == {plain: parsed[plain]}
    assert snapshot.load_all([plain], parse) == {plain: parsed[plain]}  # from the entry
    assert calls == [plain]
    assert snapshot.load_all([plain, dated], parse)[dated] == {"since": _dt.date(2024, 1, 1)}
    assert snapshot.load_all([plain, dated], parse)[dated] == {"since": _dt.date(2024, 1, 1)}  # parsed again: a date is not stored
    assert calls == [plain, plain, dated, plain, dated]
