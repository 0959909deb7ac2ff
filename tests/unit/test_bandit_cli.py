"""PY015's command-line cap: a tool's own arguments cap the finding at medium, nothing else
does; the engine applies a match's max_severity without touching fingerprints or the cache."""

from __future__ import annotations

import ast
import dataclasses
import shutil
import textwrap
from pathlib import Path

import pytest

import hms_policy
from hms_policy.adapters import bandit as bandit_adapter
from hms_policy.adapters import bandit_cli
from hms_policy.model import Severity

FIXTURES = Path(__file__).resolve().parents[1] / "rules" / "PY015"


def _py015(tmp_path: Path, name: str, cache: bool = False) -> list[hms_policy.Finding]:
    target = tmp_path / "src" / "tool.py"
    target.parent.mkdir(exist_ok=True)
    shutil.copy(FIXTURES / name, target)
    report = hms_policy.scan([target.parent], jobs=1, read_project_settings=False, cache=cache, preview=True)  # PY015/PY016 are preview rules
    return sorted((f for f in report.findings if f.rule_id == "PY015"), key=lambda f: f.line)


def test_management_command_capped_at_medium(tmp_path: Path) -> None:
    found = _py015(tmp_path, "bad_management_command.py")
    assert [(f.severity, f.extra.get("input")) for f in found] == [(Severity.MEDIUM, "command-line")] * 2


def test_view_and_library_parameter_stay_high(tmp_path: Path) -> None:
    for name in ("bad_view_and_library.py", "bad_library_param.py", "bad_interpolated_input.py"):
        found = _py015(tmp_path, name)
        assert found and all(f.severity is Severity.HIGH and "input" not in f.extra for f in found), name


def test_cli_script_caps_only_parsed_arguments(tmp_path: Path) -> None:
    found = _py015(tmp_path, "bad_cli_scripts.py")
    assert [str(f.severity) for f in found] == ["high", "medium", "medium"]


def test_web_access_in_a_command_module_keeps_high() -> None:
    source = textwrap.dedent(
        """
        import os
        from django.core.management.base import BaseCommand
        from flask import request

        class Command(BaseCommand):
            def handle(self, *args, **options):
                os.system("x " + options["name"])  # here
        """
    )
    assert not _judge(source)
    assert _judge(source.replace("from flask import request\n", ""))


def _judge(source: str) -> bool:
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "# here" in text)
    return bandit_cli.operator_input_only(ast.parse(source), line)


def test_cap_keeps_fingerprints_and_round_trips_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    capped = _py015(tmp_path, "bad_management_command.py", cache=True)
    warm = _py015(tmp_path, "bad_management_command.py", cache=True)  # served from the cache
    assert [(f.fingerprint, f.severity, dict(f.extra)) for f in warm] == [(f.fingerprint, f.severity, dict(f.extra)) for f in capped]
    monkeypatch.setattr(bandit_cli, "operator_input_only", lambda tree, line: False)
    plain = _py015(tmp_path, "bad_management_command.py")
    assert {f.severity for f in plain} == {Severity.HIGH}
    assert [f.fingerprint for f in plain] == [f.fingerprint for f in capped]


def test_engine_takes_the_lower_of_rule_and_match_severity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = bandit_adapter.bandit_checks

    def capped_at(cap: Severity):
        return lambda doc, params: (dataclasses.replace(m, max_severity=cap) for m in original(doc, params))

    monkeypatch.setattr(bandit_adapter, "bandit_checks", capped_at(Severity.LOW))
    assert {f.severity for f in _py015(tmp_path, "bad_library_param.py")} == {Severity.LOW}
    monkeypatch.setattr(bandit_adapter, "bandit_checks", capped_at(Severity.CRITICAL))  # a cap never raises
    assert {f.severity for f in _py015(tmp_path, "bad_library_param.py")} == {Severity.HIGH}
