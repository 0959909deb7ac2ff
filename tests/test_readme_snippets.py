"""The README's install and hook snippets work as written (issue 16): no tag that does not
exist, no package index that does not have hms-policy, and the hook output it shows is the
output a hook run prints."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hms_policy.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(text: str) -> list[str]:
    return re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S)


def test_the_first_lines_are_the_two_setup_commands() -> None:
    first = _blocks(README)[0].splitlines()
    assert first == [
        "python3 -m venv .venv && . .venv/bin/activate && pip install . && hms-policy scan examples/hms-demo",
        "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && pytest",
    ]


@pytest.mark.parametrize("path", ["README.md", "CONTRIBUTING.md", "action.yml", "templates/hms-policy.gitlab-ci.yml", "examples/ci/github-actions.yml", "examples/ci/gitlab-ci.yml", ".pre-commit-hooks.yaml"])
def test_no_snippet_installs_from_an_index_or_pins_a_missing_tag(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    code = "\n".join(_blocks(text)) if path.endswith(".md") else text
    assert not re.search(r"pip install (?:--\S+ )*[\"']?hms-policy(?:==[\d.]+)?[\"']?(?:\s|$)(?!@)", code), "hms-policy is not on PyPI"
    assert not re.search(r"rev:\s*v\d", code), "there is no release tag"
    for rev in re.findall(r"rev:\s*([^\s#]+(?: SHA>)?)", code):
        assert re.fullmatch(r"[0-9a-f]{40}|<commit SHA>", rev), rev


def test_the_readme_hook_example_is_what_the_hook_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    shown = next(b for b in _blocks(README) if "hint: " in b and "SEC100" in b)
    (tmp_path / "app").mkdir()
    shutil.copy(ROOT / "examples" / "hms-demo" / "app" / "deploy_key.pem", tmp_path / "app" / "deploy_key.pem")
    monkeypatch.chdir(tmp_path)
    assert main(["scan", "--no-cache", "app/deploy_key.pem"]) == 1
    assert capsys.readouterr().out == shown


def test_the_hooks_are_documented_as_alternatives() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "ALTERNATIVES: install one" in hooks
    assert "**alternatives: install one**" in README
