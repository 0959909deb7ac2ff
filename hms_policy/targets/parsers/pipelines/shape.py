"""The platform-neutral shape of a pipeline: jobs made of steps, as plain data.

A job node's `value` (every key always present):

    platform      "github" | "gitlab" | "jenkins" | "azure" | "bitbucket"
    name, line    the job's id and the line that declares it
    triggers      events that start it ("pull_request_target", "push", ...); [] when unknown
    public_pr     True when a pull request from a fork can start it (GitHub pull_request,
                  pull_request_target; Azure `pr:`; Bitbucket `pull-requests:`)
    permissions   {"value": ..., "line": n} for the job's token permissions, or None
    workflow_permissions  the same for the whole file (GitHub `permissions:` at the top)
    runs_on       [{"value": label, "line": n}]; self_hosted: True when not a hosted runner
    environment   {"name": ..., "line": n} or None; manual: True when a person must approve
                  in the pipeline itself (GitLab `when: manual`, Jenkins `input`, ...)
    needs         job names it explicitly waits for; after: names it implicitly runs after
                  (earlier GitLab stages, earlier Jenkins stages or Bitbucket steps)
    allow_failure True when its failure does not stop the pipeline
    images        [{"value": image, "line": n, "service": bool}]: the job's container, and its
                  service containers (databases for tests) with service: True
    env           [{"name", "value", "line"}]: variables set on the job (and the file)
    steps         [{"name", "line", "uses", "uses_line", "with", "run", "run_line", "env"}]:
                  `uses` is an action/task/pipe reference, `run` a shell script (its first
                  line of text is `run_line`), `with` and `env` are lists like `env`
    artifacts     [{"value": path or glob, "line": n}]: what the job keeps or uploads
    condition     the job's `if:` / `rules:` text, "" when none
"""

from __future__ import annotations

import re
from typing import Any

from hms_policy.model import LineSpan
from hms_policy.targets.document import Node, PathKey
from hms_policy.targets.parsers.yamlish import load_documents

JOB = "job"
INHERIT = "(every secret)"  # the value of a reusable workflow's `secrets: inherit`


def text(value: Any) -> str:
    """A scalar as text (YAML reads `true`, `3.12` and `on` as other types)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def pairs(mapping: Any, lines: dict[str, int], fallback: int) -> list[dict[str, Any]]:
    """[{"name", "value", "line"}] of a mapping of variables or inputs."""
    if not isinstance(mapping, dict):
        return []
    out = []
    for name, value in mapping.items():
        if isinstance(value, dict) and "value" in value:  # GitLab's `VAR: {value: x, description: y}`
            value = value["value"]
        out.append({"name": text(name), "value": text(value) if not isinstance(value, (dict, list)) else "", "line": lines.get(text(name), fallback)})
    return out


def step(line: int, *, name: str = "", uses: str | None = None, uses_line: int | None = None, with_: list[dict[str, Any]] | None = None,
         run: str | None = None, run_line: int | None = None, env: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "name": name,
        "line": line,
        "uses": uses,
        "uses_line": uses_line or line,
        "with": with_ or [],
        "run": run,
        "run_line": run_line or line,
        "env": env or [],
    }


def job(platform: str, name: str, line: int, **fields: Any) -> dict[str, Any]:
    value: dict[str, Any] = {
        "platform": platform,
        "name": name,
        "line": line,
        "triggers": [],
        "public_pr": False,
        "permissions": None,
        "workflow_permissions": None,
        "runs_on": [],
        "self_hosted": False,
        "environment": None,
        "manual": False,
        "needs": [],
        "after": [],
        "allow_failure": False,
        "images": [],
        "env": [],
        "steps": [],
        "artifacts": [],
        "condition": "",
    }
    unknown = set(fields) - set(value)
    if unknown:
        raise TypeError(f"unknown job fields: {sorted(unknown)}")
    value.update(fields)
    return value


def job_node(value: dict[str, Any], end_line: int, path: str | None = None) -> Node:
    """A job as a node; `path` is the included file it came from (GitLab `include: local`)."""
    span = LineSpan(value["line"], max(value["line"], end_line))
    return Node(f"job:{value['name']}", JOB, value, span, {(): value["line"]}, {"path": path})


_BLOCK_SCALAR = re.compile(r"(?:^|[:\-])\s*[|>][-+0-9]*\s*(?:#.*)?$")


def script_start(lines: list[str], key_line: int) -> int:
    """The first line of a script's text: the line after `run: |` or `- |` for a block scalar."""
    if 0 < key_line <= len(lines) and _BLOCK_SCALAR.search(lines[key_line - 1].rstrip()):
        return key_line + 1
    return key_line


def child_lines(positions: dict[Any, int], prefix: tuple[Any, ...]) -> dict[str, int]:
    """name -> line of the direct children of the mapping at `prefix`."""
    n = len(prefix)
    return {text(k[n]): v for k, v in positions.items() if len(k) == n + 1 and k[:n] == prefix}


def end_line(positions: dict[Any, int], prefix: tuple[Any, ...], line: int) -> int:
    """The last line that holds a key or value under `prefix`."""
    n = len(prefix)
    return max([v for k, v in positions.items() if k[:n] == prefix] + [line])


def split_paths(value: str, line: int) -> list[dict[str, Any]]:
    """A multi-line or comma-separated path input as artifact entries."""
    parts = [p.strip() for chunk in value.splitlines() for p in chunk.split(",")]
    return [{"value": p, "line": line} for p in parts if p and not p.startswith("#")]


def first_mapping(text: str) -> tuple[dict[Any, Any], dict[PathKey, int]] | None:
    """The first YAML document of a pipeline file and its key lines, or None when it is not a mapping."""
    docs = load_documents(text)
    if not docs or not isinstance(docs[0].value, dict):
        return None
    return docs[0].value, docs[0].positions
