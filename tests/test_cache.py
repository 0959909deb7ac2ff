"""The per-unit result cache: warm scans reproduce cold ones without re-running rules, any
change to a file or the rule set misses, and a damaged or foreign cache is discarded."""

from __future__ import annotations

import datetime as _dt
import stat
from pathlib import Path
from typing import Any

import pytest
from gitrepo import KEY_BODY_LINE, PEM_KEY, UNENCRYPTED_RDS

import hms_policy.engine.cache as cache_module
import hms_policy.engine.run as run_module
from hms_policy.api import scan
from hms_policy.cli import main
from hms_policy.engine.cache import open_cache
from hms_policy.model import Report, ScanError


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    (root / "infra").mkdir(parents=True)
    (root / "infra" / "db.tf").write_text(UNENCRYPTED_RDS)
    (root / "app").mkdir()
    (root / "app" / "server.pem").write_text(PEM_KEY)
    (root / "app" / "main.py").write_text("print('hello')  # hms-policy: ignore[SEC100] reason=\"stale\"\n")
    (root / "Dockerfile").write_text("FROM python:3.12-slim\nUSER app\n")
    return root


@pytest.fixture(autouse=True)
def fixed_build(monkeypatch: pytest.MonkeyPatch) -> None:
    # The real fingerprint hashes the package's files' mtimes; in a working tree others are
    # editing, that would turn these tests into races.
    monkeypatch.setattr(cache_module, "tool_fingerprint", lambda: "0.0.0+test")


@pytest.fixture
def rule_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every (rule, file) evaluation the engine performs."""
    calls: list[str] = []
    original = run_module.run_rule

    def counting(rule: Any, match: Any, doc: Any, detectors: Any) -> Any:
        calls.append(f"{rule.id}:{doc.path}")
        return original(rule, match, doc, detectors)

    monkeypatch.setattr(run_module, "run_rule", counting)
    return calls


def run(root: Path, cache_dir: Path | None, **settings: Any) -> Report:
    options: dict[str, Any] = {"jobs": 1, **settings}
    options.update({"cache_dir": str(cache_dir)} if cache_dir else {"cache": False})
    return scan([root], settings=options)


def comparable(report: Report) -> dict[str, Any]:
    data = report.to_dict()
    data.pop("generated_at")
    return data


def entries(cache_dir: Path) -> list[Path]:
    return [p for p in cache_dir.rglob("*") if p.is_file() and p.name != "key" and not p.name.startswith(".tmp")]


def test_a_warm_scan_reproduces_the_cold_one_without_running_rules(tree: Path, tmp_path: Path, rule_runs: list[str]) -> None:
    cache_dir = tmp_path / "cache"
    cold = run(tree, cache_dir)
    assert rule_runs and entries(cache_dir)
    rule_runs.clear()
    warm = run(tree, cache_dir)
    assert rule_runs == []
    assert comparable(warm) == comparable(cold) == comparable(run(tree, None))
    assert {f.rule_id for f in warm.findings} >= {"TF101", "SEC100", "META002"}


def test_entries_hold_no_raw_values_and_are_private(tree: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    run(tree, cache_dir)
    blob = b"".join(p.read_bytes() for p in entries(cache_dir))
    assert KEY_BODY_LINE[:20].encode() not in blob and b"BEGIN PRIVATE KEY" not in blob
    assert b"print('hello')" not in blob  # no source text, only redacted snippets
    [key] = list(cache_dir.rglob("key"))
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE((cache_dir / f"v{cache_module.CACHE_FORMAT}").stat().st_mode) == 0o700


def test_a_changed_file_misses_only_its_own_unit(tree: Path, tmp_path: Path, rule_runs: list[str]) -> None:
    cache_dir = tmp_path / "cache"
    run(tree, cache_dir)
    rule_runs.clear()
    (tree / "infra" / "db.tf").write_text(UNENCRYPTED_RDS.replace("false", "true"))
    report = run(tree, cache_dir)
    assert {call.split(":", 1)[1] for call in rule_runs} == {"infra/db.tf"}
    assert "TF101" not in {f.rule_id for f in report.findings}


def test_a_different_rule_set_or_day_misses(tree: Path, tmp_path: Path, rule_runs: list[str]) -> None:
    cache_dir = tmp_path / "cache"
    run(tree, cache_dir)
    rule_runs.clear()
    run(tree, cache_dir, disable=["DKR001"])
    assert rule_runs
    rule_runs.clear()
    with pytest.MonkeyPatch.context() as patch:  # another build of the tool
        patch.setattr(cache_module, "tool_fingerprint", lambda: "0.0.1+test")
        run(tree, cache_dir)
    assert rule_runs
    common = {"active": (), "detectors": {}, "settings": {}}
    today = open_cache(cache_dir, today=_dt.date(2030, 1, 1), **common)
    tomorrow = open_cache(cache_dir, today=_dt.date(2030, 1, 2), **common)
    assert today is not None and tomorrow is not None and today.context != tomorrow.context
    assert not (cache_dir / f"v{cache_module.CACHE_FORMAT}" / "2030-01-01").exists()  # older days are pruned


@pytest.mark.parametrize("damage", ["flip", "truncate", "forge", "foreign-key"])
def test_a_damaged_or_foreign_cache_is_discarded(tree: Path, tmp_path: Path, rule_runs: list[str], damage: str) -> None:
    cache_dir = tmp_path / "cache"
    cold = run(tree, cache_dir)
    for entry in entries(cache_dir):
        blob = entry.read_bytes()
        if damage == "flip":
            blob = blob[:-5] + bytes([blob[-5] ^ 0x01]) + blob[-4:]
        elif damage == "truncate":
            blob = blob[: len(blob) // 2]
        elif damage == "forge":  # valid JSON with the findings removed, old MAC kept
            blob = blob.replace(b'"findings":{"$tuple"', b'"findings":{"$tuple":[]},"x":{"$tuple"', 1)
            blob = blob.split(b"\n", 1)[0] + b"\n" + blob.split(b"\n", 1)[1].replace(b'"$t":"Finding"', b'"$t":"Nothing"')
        entry.write_bytes(blob)
    if damage == "foreign-key":
        [key] = list(cache_dir.rglob("key"))
        key.write_bytes(bytes(32))
    rule_runs.clear()
    warm = run(tree, cache_dir)
    assert rule_runs  # nothing was trusted
    assert comparable(warm) == comparable(cold)
    rule_runs.clear()
    assert comparable(run(tree, cache_dir)) == comparable(cold) and rule_runs == []  # rewritten


def test_no_cache_flag_writes_nothing(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache_dir = tmp_path / "cache"
    assert main(["scan", str(tree), "--no-cache", "--cache-dir", str(cache_dir), "--format", "json"]) == 1
    assert not cache_dir.exists()
    assert main(["scan", str(tree), "--cache-dir", str(cache_dir), "--format", "json"]) == 1
    capsys.readouterr()
    assert entries(cache_dir)


def test_rules_that_could_not_run_are_retried_not_stored(tmp_path: Path) -> None:
    cache = open_cache(tmp_path / "cache", active=(), detectors={}, settings={}, today=_dt.date.today())
    assert cache is not None
    result = run_module.UnitResult(
        errors=[ScanError("a.py", "rule DEP002 not evaluated: offline", "unavailable"), ScanError("a.py", "cannot parse: line 3", "parse")],
        evaluated={"TF101", "DEP002"},
    )
    cache.store("ab" * 32, result, {"DEP002"})
    loaded = cache.load("ab" * 32)
    assert loaded is not None
    stored, retry = loaded
    assert retry == {"DEP002"} and stored.evaluated == {"TF101"}
    assert [e.reason for e in stored.errors] == ["parse"]


def test_a_unit_whose_tool_was_missing_is_analysed_again_once_it_runs(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rule_runs: list[str]) -> None:
    from hms_policy.engine.matchers import RuleOutcome

    cache_dir = tmp_path / "cache"
    original = run_module.run_rule
    offline = {"on": True}

    def flaky(rule: Any, match: Any, doc: Any, detectors: Any) -> Any:
        if rule.id == "TF101" and offline["on"]:
            return RuleOutcome(unavailable="tool offline")
        return original(rule, match, doc, detectors)

    monkeypatch.setattr(run_module, "run_rule", flaky)
    first = run(tree, cache_dir)
    assert "TF101" not in {f.rule_id for f in first.findings} and any(e.reason == "unavailable" for e in first.errors)
    rule_runs.clear()
    again = run(tree, cache_dir)  # still offline: only the failed rule is tried again
    assert comparable(again) == comparable(first)
    assert rule_runs == []  # (the offline rule answers before reaching the counting wrapper)
    offline["on"] = False
    back = run(tree, cache_dir)  # the tool is back: that unit is analysed afresh
    assert "TF101" in {f.rule_id for f in back.findings} and not any(e.reason == "unavailable" for e in back.errors)


def test_hits_are_served_without_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "many"
    for i in range(run_module.PARALLEL_MIN_UNITS + 6):
        (root / f"pkg{i}").mkdir(parents=True)
        (root / f"pkg{i}" / "settings.py").write_text(f"TIMEOUT = {i}\n")
    (root / "pkg0" / "server.pem").write_text(PEM_KEY)
    cache_dir = tmp_path / "cache"
    cold = run(root, cache_dir)

    def no_pool(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a warm scan must not start worker processes")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_pool)
    warm = run(root, cache_dir, jobs=2)
    assert comparable(warm) == comparable(cold) and "SEC100" in {f.rule_id for f in warm.findings}
