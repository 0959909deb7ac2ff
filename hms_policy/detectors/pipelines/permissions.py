"""The token a GitHub workflow's jobs get: `permissions: write-all` (CI003), and no
`permissions:` at all in a workflow that reacts to other people's input (CI004)."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from hms_policy.detectors.pipelines.common import jobs, match
from hms_policy.model import Match
from hms_policy.targets.document import Document

# Events where the default token (write-capable in repositories created before February 2023
# and in organisations that kept the old default) acts on input from anyone.
UNTRUSTED_EVENTS = ("pull_request_target", "issue_comment", "issues", "workflow_run", "discussion", "discussion_comment", "pull_request_review_comment")


def write_all(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    seen_workflow = False
    for node in jobs(doc):
        for scope, entry in (("workflow", node.value["workflow_permissions"]), (f"job {node.value['name']}", node.value["permissions"])):
            if entry is None or str(entry["value"]).strip().lower() != "write-all":
                continue
            if scope == "workflow":
                if seen_workflow:
                    continue
                seen_workflow = True
            yield match(node, entry["line"], f"permissions:{scope}", scope=scope)


def missing_permissions(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """No `permissions:` on the workflow or the job, in a workflow that untrusted input starts."""
    for node in jobs(doc):
        value = node.value
        if value["platform"] != "github" or value["workflow_permissions"] is not None or value["permissions"] is not None:
            continue
        events = [e for e in UNTRUSTED_EVENTS if e in value["triggers"]]
        if not events:
            continue
        yield match(node, value["line"], "permissions:missing", event=events[0])
