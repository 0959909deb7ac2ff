"""CI002: the pull request's own text in a workflow that only unprivileged events start is the
author's own run (read-only token and no secrets for a fork): medium. The same text under
pull_request_target or a reusable workflow's caller, and commit messages on push, stay high."""

from __future__ import annotations

from pathlib import Path

import pytest

from hms_policy.api import scan

_STEPS = """jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo "branch ${{ github.head_ref }}"
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo "${{ github.event.head_commit.message }}"
"""


def _severities(tmp_path: Path, on: str) -> dict[int, str]:
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "ci.yml").write_text(f"on: {on}\n" + _STEPS)
    report = scan([tmp_path], cache=False, jobs=1)
    return {f.line: str(f.severity) for f in report.findings if f.rule_id == "CI002"}


@pytest.mark.parametrize("on", ["pull_request", "[pull_request, push]", "[pull_request, workflow_dispatch]"])
def test_pull_request_text_in_an_unprivileged_workflow_is_medium(tmp_path: Path, on: str) -> None:
    assert _severities(tmp_path, on) == {6: "medium", 7: "medium", 8: "high"}


@pytest.mark.parametrize("on", ["pull_request_target", "[pull_request, workflow_call]", "[pull_request, issue_comment]"])
def test_privileged_or_unknown_callers_keep_it_high(tmp_path: Path, on: str) -> None:
    assert _severities(tmp_path, on) == {6: "high", 7: "high", 8: "high"}
