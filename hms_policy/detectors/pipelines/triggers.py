"""Untrusted code and input reaching privileged jobs: pull_request_target / workflow_run
checkouts (CI001), attacker-controlled expressions in scripts (CI002), self-hosted runners
on public pull-request triggers (CI005)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterator, Mapping

from hms_policy.detectors.pipelines.common import jobs, line_of, match, scripts
from hms_policy.model import Match, Severity
from hms_policy.targets.document import Document

PRIVILEGED_EVENTS = ("pull_request_target", "workflow_run")
# A ref or command that names the pull request's own code rather than the base branch.
_PR_REF = re.compile(
    r"github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(?:sha|branch)"
    r"|github\.event\.(?:pull_request\.head|workflow_run\.head_repository)\.(?:repo\.)?full_name"
    r"|refs/pull/|github\.event\.pull_request\.merge_commit_sha|github\.event\.number|pull_request\.number"
)
_PR_CHECKOUT_COMMAND = re.compile(r"\bgh\s+pr\s+checkout\b|\bgit\s+(?:fetch|checkout|pull|switch)\b[^\n]*(?:\$\{\{[^}]*(?:head|pull_request|workflow_run)[^}]*\}\}|refs/pull/|pull/)")

# Contexts whose text anyone opening an issue, comment or pull request chooses.
_GITHUB_TAINTED = re.compile(
    r"\$\{\{[^}]*?\b(github\.(?:head_ref"
    r"|event\.(?:issue|pull_request|discussion|comment|review|review_comment)\.(?:title|body)"
    r"|event\.pages\[?[^\]\s}]*\]?\.page_name"
    r"|event\.(?:commits\[?[^\]\s}]*\]?|head_commit|workflow_run\.head_commit)\.(?:message|author\.(?:email|name))"
    r"|event\.pull_request\.head\.(?:ref|label|repo\.default_branch)"
    r"|event\.workflow_run\.(?:head_branch|display_title)"
    r"|event\.workflow_run\.pull_requests\[?[^\]\s}]*\]?\.head\.ref))"
)
# Azure macros and Jenkins Groovy interpolation put the text into the script before the shell runs.
_AZURE_TAINTED = re.compile(r"\$\((System\.PullRequest\.SourceBranch|Build\.SourceVersionMessage|System\.PullRequest\.PullRequestTitle)\)")
_JENKINS_TAINTED = re.compile(r"\$\{env\.(CHANGE_TITLE|CHANGE_BRANCH|CHANGE_AUTHOR_DISPLAY_NAME|CHANGE_AUTHOR_EMAIL)\}")
_TAINTED = {"github": _GITHUB_TAINTED, "azure": _AZURE_TAINTED, "jenkins": _JENKINS_TAINTED}
_SCRIPT_INPUTS = {"actions/github-script": "script"}
# A pull request's own text (its branch name, title, body, head label) reaches a workflow through
# pull_request-family events, whose runs from a fork get a read-only token and no secrets, and
# whose author already controls the workflow file itself; only pull_request_target and a caller's
# event (workflow_call) run that text with the base repository's privileges.
_PR_OWN_TEXT = re.compile(r"^github\.(?:head_ref|event\.pull_request\.)")
_UNPRIVILEGED_EVENTS = frozenset(
    "pull_request pull_request_review pull_request_review_comment push workflow_dispatch schedule merge_group release create delete".split()
)


def untrusted_checkout(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Jobs started by pull_request_target or workflow_run that check out or fetch the pull
    request's code: it then runs with the base repository's token and secrets."""
    for node in jobs(doc):
        events = [e for e in PRIVILEGED_EVENTS if e in node.value["triggers"]]
        if not events:
            continue
        steps = node.value["steps"]
        for index, step in enumerate(steps):
            uses = (step["uses"] or "").lower()
            if uses.startswith("actions/checkout@"):
                ref = next((w for w in step["with"] if w["name"] in ("ref", "repository") and _PR_REF.search(w["value"])), None)
                if ref is None:
                    continue
                found = match(node, ref["line"], f"checkout:{step['line']}", event=events[0], how="actions/checkout of the pull request's ref")
                if not any(_executes(later) for later in steps[index + 1 :]):
                    # Only read by the actions that follow (a test reporter, an artifact upload):
                    # the fork's code never runs with the token. Still worth a look, not a block.
                    found = replace(found, max_severity=Severity.MEDIUM, context={**found.context, "how": found.context["how"] + "; no later step runs a command or a local action"})
                yield found
            elif step["run"]:
                found = _PR_CHECKOUT_COMMAND.search(step["run"])
                if found:
                    line = line_of(doc, node, step["run_line"], found.group(0))
                    yield match(node, line, f"command:{found.group(0)[:40]}", event=events[0], how="a git command that fetches the pull request's code")


def _executes(step: Mapping[str, Any]) -> bool:
    """A step that can run the checked-out code: a command, a local or Docker action."""
    uses = (step.get("uses") or "").lower()
    return bool(step.get("run")) or uses.startswith(("./", "docker://"))


def expression_injection(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Attacker-controlled text interpolated into a script before the shell parses it."""
    for node in jobs(doc):
        pattern = _TAINTED.get(node.value["platform"])
        if pattern is None:
            continue
        for step, script in _script_texts(node):
            seen: set[str] = set()
            for found in pattern.finditer(script):
                context = found.group(1)
                if context in seen:
                    continue
                seen.add(context)
                line = line_of(doc, node, step["run_line"] if step["run"] else step["line"], found.group(0))
                found_match = match(node, line, f"{context}", context=context)
                if _runs_unprivileged(context, node.value["triggers"]):
                    found_match = replace(found_match, max_severity=Severity.MEDIUM, context={**found_match.context, "how": "pull_request only: the author's own run, read-only for forks"})
                yield found_match


def _runs_unprivileged(context: str, triggers: list[str]) -> bool:
    """The pull request's own text, in a workflow that only pull-request-family and maintainer
    events start: injecting into it gains nothing its author cannot already do by editing the
    workflow (a fork's run has a read-only token and no secrets)."""
    return bool(triggers) and bool(_PR_OWN_TEXT.match(context)) and all(t in _UNPRIVILEGED_EVENTS for t in triggers)


def _script_texts(node: Any) -> Iterator[tuple[dict[str, Any], str]]:
    yield from scripts(node)
    for step in node.value["steps"]:
        name = (step["uses"] or "").split("@")[0].lower()
        key = _SCRIPT_INPUTS.get(name)
        for entry in step["with"]:
            if key and entry["name"] == key:
                yield {**step, "run_line": entry["line"]}, entry["value"]


def self_hosted_public_pr(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Self-hosted runners that a fork's pull request can start: the fork's code runs on the
    organisation's machine, inside its network."""
    for node in jobs(doc):
        value = node.value
        if value["self_hosted"] and value["public_pr"]:
            line = value["runs_on"][0]["line"] if value["runs_on"] else value["line"]
            trigger = next((t for t in value["triggers"] if t in ("pull_request", "pull_request_target", "pr", "pull-requests")), value["triggers"][0] if value["triggers"] else "pull requests")
            yield match(node, line, "runs-on", trigger=trigger)
