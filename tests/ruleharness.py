"""Run one rule on one fixture, and read the `expect:` annotations of fixtures.

Fixture convention (semgrep's, with our own marker): tests/rules/<RULE_ID>/ holds files or
directories whose names start with `bad` or `good`. In a `bad` file, a comment containing
`expect: <RULE_ID>` marks the *next* line as a line the rule must flag; `good` files must
produce no finding of the rule. Files without comments (JSON, logs, CSV) list their
expected lines in `expected.yaml` beside them:  {bad.json: [12, 30]}. An `expected.yaml`
may also name the pack whose parameters a parameterised rule runs with:  {pack: ndhm}, and
the scan settings a rule reads through `{from_settings: ...}`:  {settings: {vuln_db: ../../data/osv}}.
"""

from __future__ import annotations

import datetime as _dt
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

import yaml

from hms_policy.api import Catalogue, bind_rule_settings, load_catalogue
from hms_policy.catalog.packs import SCOPE_PARAMETERS, PackIndex
from hms_policy.engine.conditions import bind_parameters
from hms_policy.engine.run import ActiveRule, ScanPlan, execute
from hms_policy.model import Finding
from hms_policy.targets.discover import Selection, discover

RULES_FIXTURES = Path(__file__).resolve().parent / "rules"
_EXPECT = re.compile(r"expect:\s*([A-Z0-9, ]+)")


@cache
def catalogue() -> Catalogue:
    # hipaa-strict last: it maps the rules the default packs leave off (`enabled_by`), so
    # they run with a pack that turns them on; every other rule keeps hipaa's parameters.
    return load_catalogue(["hipaa", "gdpr", "ndhm", "hipaa-strict"])


def fixture_files(rule_id: str, prefix: str) -> list[Path]:
    directory = RULES_FIXTURES / rule_id
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.name.startswith(prefix))


def sidecar(rule_id: str) -> dict:
    path = RULES_FIXTURES / rule_id / "expected.yaml"
    return (yaml.safe_load(path.read_text()) or {}) if path.is_file() else {}


def active_rule(rule_id: str, pack_id: str | None = None) -> ActiveRule:
    cat = catalogue()
    rule = cat.rules.get(rule_id)
    assert rule is not None, f"no rule {rule_id}"
    index = PackIndex(cat.packs)
    packs = index.packs_for(rule_id)
    pack = next((p for p in packs if p.id == pack_id), packs[0] if packs else None)
    # a fixture judges as its pack alone: the scope several selected packs give each other
    # (residency_scope) is tested in tests/unit/test_binding_merge.py
    params = {k: v for k, v in pack.parameters.items() if k not in SCOPE_PARAMETERS} if pack is not None else {}
    match = bind_parameters(rule.match, lambda name, default: params.get(name, default))
    return ActiveRule(rule, match, (), rule.severity, pack.id if pack else "")


def fixture_settings(rule_id: str) -> dict:
    """Scan settings a rule's fixtures run with (`settings:` in expected.yaml; a relative
    `vuln_db` is relative to the fixture folder), for rules that read `{from_settings: ...}`."""
    settings = dict(sidecar(rule_id).get("settings") or {})
    if settings.get("vuln_db") and settings["vuln_db"] != "online":
        settings["vuln_db"] = str((RULES_FIXTURES / rule_id / settings["vuln_db"]).resolve())
    return settings


def run_rule_on(rule_id: str, path: Path, pack_id: str | None = None) -> tuple[list[Finding], list]:
    """Findings of one rule on a file or directory, with the scan's errors."""
    active = bind_rule_settings((active_rule(rule_id, pack_id),), fixture_settings(rule_id))
    plan = ScanPlan(active, catalogue().detectors, 10 * 1024 * 1024, _dt.date.today())
    if path.is_file():
        # Alone in a directory: a scan reads a file's neighbours as context, and a bad
        # fixture must not be judged with its good twin beside it.
        with tempfile.TemporaryDirectory() as alone:
            copy = Path(alone) / path.name
            shutil.copyfile(path, copy)
            return _run(plan, copy, Path(alone))
    return _run(plan, path, path)


def _run(plan: ScanPlan, path: Path, root: Path) -> tuple[list[Finding], list]:
    discovery = discover([path], Selection(use_gitignore=False), root=root)
    result = execute(plan, discovery.files, jobs=1)
    return result.findings, [*discovery.errors, *result.errors]


def expected_lines(rule_id: str, path: Path) -> set[tuple[str, int]]:
    """(relative path, line) pairs a bad fixture must produce."""
    out: set[tuple[str, int]] = set()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    base = path.parent if path.is_file() else path
    listed = sidecar(rule_id)
    for file in files:
        rel = file.relative_to(base).as_posix()
        for line in listed.get(rel, []) or []:
            out.add((rel, int(line)))
        try:
            lines = file.read_text("utf-8").splitlines()
        except (UnicodeDecodeError, OSError):
            continue
        for number, text in enumerate(lines, 1):
            found = _EXPECT.search(text)
            if found and rule_id in [i.strip() for i in found.group(1).split(",")]:
                out.add((rel, number + 1))
    return out
