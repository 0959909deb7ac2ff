"""Azure Pipelines (`azure-pipelines.yml`): stages -> jobs -> steps, or jobs or steps at the
root. A `deployment` job targets an environment, where Azure DevOps keeps approvals and checks."""

from __future__ import annotations

from typing import Any

from hms_policy.targets.document import Document, Node, ParseError, PathKey
from hms_policy.targets.parsers.pipelines.shape import child_lines, end_line, first_mapping, job, job_node, pairs, script_start, step, text

_SCRIPT_KEYS = ("script", "bash", "pwsh", "powershell")


def azure_nodes(doc: Document) -> list[Node]:
    loaded = first_mapping(doc.text)
    if loaded is None:
        return []
    root, positions = loaded
    pr = root.get("pr")
    public_pr = pr is not None and text(pr).lower() != "none"
    triggers = ["pr"] if public_pr else []
    root_pool = root.get("pool")
    file_env = pairs(root.get("variables"), child_lines(positions, ("variables",)), 1)
    found: list[tuple[dict[str, Any], PathKey, list[str], str]] = []  # (job, path, implicit predecessors, stage)
    stages = root.get("stages")
    if isinstance(stages, list):
        previous: list[str] = []
        for s, stage in enumerate(stages):
            if not isinstance(stage, dict) or not isinstance(stage.get("jobs"), list):
                continue
            names = []
            depends = stage.get("dependsOn")
            before = previous if depends is None else []
            for j, body in enumerate(stage["jobs"]):
                if isinstance(body, dict):
                    found.append((body, ("stages", s, "jobs", j), before, text(stage.get("stage"))))
                    names.append(_name(body, j))
            previous = previous + names
    elif isinstance(root.get("jobs"), list):
        for j, body in enumerate(root["jobs"]):
            if isinstance(body, dict):
                found.append((body, ("jobs", j), [], ""))
    elif isinstance(root.get("steps"), list):
        found.append((root, (), [], ""))
    elif "extends" not in root and "resources" not in root:
        raise ParseError("an Azure pipeline needs `stages:`, `jobs:` or `steps:`")
    nodes = []
    for body, prefix, before, stage in found:
        line = positions.get(prefix, 1) if prefix else 1
        name = _name(body, prefix[-1] if prefix else 0)
        pool = body.get("pool", root_pool)
        steps_path, steps = _job_steps(body, prefix)
        depends = body.get("dependsOn")
        value = job(
            "azure",
            f"{stage}.{name}" if stage else name,
            line,
            triggers=triggers,
            public_pr=public_pr,
            runs_on=[{"value": text(pool.get("name") if isinstance(pool, dict) else pool), "line": positions.get((*prefix, "pool"), line)}] if pool else [],
            self_hosted=_self_hosted(pool),
            environment=_environment(body.get("environment"), positions.get((*prefix, "environment"), line)),
            needs=[text(d) for d in (depends if isinstance(depends, list) else [depends] if depends else [])],
            after=before,
            images=_images(body, positions, prefix, line),
            env=file_env + pairs(body.get("variables"), child_lines(positions, (*prefix, "variables")), line),
            steps=_steps(steps, positions, steps_path, doc.lines),
            condition=text(body.get("condition")),
        )
        value["artifacts"] = [
            {"value": text(e["value"]), "line": e["line"]}
            for s in value["steps"]
            if (s["uses"] or "").split("@")[0] in ("PublishPipelineArtifact", "PublishBuildArtifacts", "CopyFiles")
            for e in s["with"]
            if e["name"] in ("targetPath", "path", "PathtoPublish", "SourceFolder")
        ]
        value["manual"] = any((s["uses"] or "").startswith("ManualValidation@") for s in value["steps"])
        nodes.append(job_node(value, end_line(positions, prefix, line)))
    return nodes


def _name(body: dict[str, Any], index: Any) -> str:
    return text(body.get("job") or body.get("deployment") or f"job{index}")


def _self_hosted(pool: Any) -> bool:
    if isinstance(pool, str):
        return "$" not in pool  # a named agent pool is the organisation's own machines
    if isinstance(pool, dict):
        return "vmImage" not in pool and bool(pool.get("name")) and "$" not in text(pool.get("name"))
    return False


def _environment(value: Any, line: int) -> dict[str, Any] | None:
    if isinstance(value, dict):
        value = value.get("name")
    if not value:
        return None
    return {"name": text(value), "line": line}


def _job_steps(body: dict[str, Any], prefix: PathKey) -> tuple[PathKey, Any]:
    if isinstance(body.get("steps"), list):
        return (*prefix, "steps"), body["steps"]
    strategy = body.get("strategy")
    if isinstance(strategy, dict):
        for name, phases in strategy.items():
            if not isinstance(phases, dict):
                continue
            for phase in ("preDeploy", "deploy", "routeTraffic", "postRouteTraffic"):
                part = phases.get(phase)
                if isinstance(part, dict) and isinstance(part.get("steps"), list):
                    return (*prefix, "strategy", name, phase, "steps"), part["steps"]
    return prefix, []


def _images(body: dict[str, Any], positions: dict[PathKey, int], prefix: PathKey, line: int) -> list[dict[str, Any]]:
    container = body.get("container")
    if isinstance(container, dict):
        container = container.get("image")
    if isinstance(container, str) and ("/" in container or ":" in container):
        return [{"value": container, "line": positions.get((*prefix, "container"), line)}]
    return []


def _steps(steps: Any, positions: dict[PathKey, int], prefix: PathKey, lines: list[str]) -> list[dict[str, Any]]:
    out = []
    for i, raw in enumerate(steps if isinstance(steps, list) else []):
        if not isinstance(raw, dict):
            continue
        here = (*prefix, i)
        line = positions.get(here, 1)
        key = next((k for k in _SCRIPT_KEYS if k in raw), None)
        task = raw.get("task")
        env = pairs(raw.get("env"), child_lines(positions, (*here, "env")), line)
        if key is not None:
            key_line = positions.get((*here, key), line)
            out.append(step(line, name=text(raw.get("displayName")), run=text(raw[key]), run_line=script_start(lines, key_line), env=env))
        elif task is not None:
            inputs = pairs(raw.get("inputs"), child_lines(positions, (*here, "inputs")), line)
            out.append(step(line, name=text(raw.get("displayName")), uses=text(task), uses_line=positions.get((*here, "task"), line), with_=inputs, env=env))
            script = _inline_script(raw.get("inputs"))
            if script is not None:
                key_line = positions.get((*here, "inputs", script[0]), line)
                out.append(step(line, name=text(raw.get("displayName")), run=script[1], run_line=script_start(lines, key_line), env=env))
    return out


def _inline_script(inputs: Any) -> tuple[str, str] | None:
    """The inline script of a Bash@3 / PowerShell@2 / AzureCLI@2 task."""
    if not isinstance(inputs, dict):
        return None
    for key in ("script", "inlineScript", "Inline"):
        if isinstance(inputs.get(key), str):
            return key, inputs[key]
    return None
