"""GitHub Actions workflows (`.github/workflows/*.yml`) and action metadata (`action.yml`)."""

from __future__ import annotations

from typing import Any

from hms_policy.targets.document import Document, Node, ParseError, PathKey
from hms_policy.targets.parsers.pipelines.shape import INHERIT, child_lines, end_line, first_mapping, job, job_node, pairs, script_start, split_paths, step, text

# Events a fork's pull request can start (pull_request runs the fork's code with a read-only
# token; pull_request_target and workflow_run run with the base repository's token).
PUBLIC_PR_EVENTS = frozenset({"pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment", "issue_comment", "workflow_run"})


def github_nodes(doc: Document) -> list[Node]:
    loaded = first_mapping(doc.text)
    if loaded is None:
        return []
    value, positions = loaded
    if "runs" in value and "jobs" not in value:
        return _action(value, positions, doc)
    jobs = value.get("jobs")
    if not isinstance(jobs, dict):
        raise ParseError("a workflow needs a `jobs:` mapping")
    on = value.get("on", value.get(True))  # YAML 1.1 reads a bare `on` as true
    triggers = _triggers(on)
    on_key: Any = "on" if "on" in value else True
    workflow_permissions = _located(value, positions, ("permissions",))
    workflow_env = pairs(value.get("env"), child_lines(positions, ("env",)), positions.get(("env",), 1))
    nodes = []
    for name, body in jobs.items():
        if not isinstance(body, dict):
            continue
        prefix: PathKey = ("jobs", name)
        line = positions.get(prefix, 1)
        runs_on = _runs_on(body.get("runs-on"), positions.get((*prefix, "runs-on"), line))
        value_ = job(
            "github",
            text(name),
            line,
            triggers=triggers,
            public_pr=bool(PUBLIC_PR_EVENTS & set(triggers)),
            permissions=_located(body, positions, (*prefix, "permissions")),
            workflow_permissions=workflow_permissions,
            runs_on=runs_on,
            self_hosted=any(_self_hosted(r["value"]) for r in runs_on),
            environment=_environment(body.get("environment"), positions.get((*prefix, "environment"), line)),
            needs=[text(n) for n in _as_list(body.get("needs"))],
            allow_failure=body.get("continue-on-error") is True,
            images=_images(body, positions, prefix),
            env=workflow_env + pairs(body.get("env"), child_lines(positions, (*prefix, "env")), line),
            steps=_steps(body.get("steps"), positions, (*prefix, "steps"), doc.lines) + _reusable(body, positions, prefix),
            condition=text(body.get("if")),
        )
        value_["on_line"] = positions.get((on_key,), 1)
        value_["artifacts"] = uploads(value_["steps"])
        nodes.append(job_node(value_, end_line(positions, prefix, line)))
    return nodes


def _action(value: dict[str, Any], positions: dict[PathKey, int], doc: Document) -> list[Node]:
    """A composite action's steps, judged as one job (no triggers of its own)."""
    runs = value.get("runs")
    if not isinstance(runs, dict):
        return []
    line = positions.get(("runs",), 1)
    images = []
    image = runs.get("image")
    if isinstance(image, str) and image.startswith("docker://"):
        images.append({"value": image[len("docker://"):], "line": positions.get(("runs", "image"), line)})
    value_ = job("github", "action", line, images=images, steps=_steps(runs.get("steps"), positions, ("runs", "steps"), doc.lines))
    value_["on_line"] = line
    value_["artifacts"] = uploads(value_["steps"])
    return [job_node(value_, end_line(positions, ("runs",), line))]


def _triggers(on: Any) -> list[str]:
    if isinstance(on, str):
        return [on]
    if isinstance(on, list):
        return [text(e) for e in on]
    if isinstance(on, dict):
        return [text(e) for e in on]
    return []


def _located(body: Any, positions: dict[PathKey, int], path: PathKey) -> dict[str, Any] | None:
    if not isinstance(body, dict) or path[-1] not in body:
        return None
    return {"value": body[path[-1]], "line": positions.get(path, 1)}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _runs_on(value: Any, line: int) -> list[dict[str, Any]]:
    if isinstance(value, dict):  # {group: ..., labels: [...]}
        labels = _as_list(value.get("labels")) + ([f"group:{value['group']}"] if value.get("group") else [])
        return [{"value": text(v), "line": line} for v in labels]
    return [{"value": text(v), "line": line} for v in _as_list(value)]


def _self_hosted(label: str) -> bool:
    label = label.strip().lower()
    if "${{" in label:
        return False  # a matrix or input: hosted images in nearly every workflow; not knowable
    return label == "self-hosted" or label.startswith("group:")


def _environment(value: Any, line: int) -> dict[str, Any] | None:
    if isinstance(value, dict):
        value = value.get("name")
    if value is None or value == "":
        return None
    return {"name": text(value), "line": line}


def _images(body: dict[str, Any], positions: dict[PathKey, int], prefix: PathKey) -> list[dict[str, Any]]:
    out = []
    container = body.get("container")
    if isinstance(container, str):
        out.append({"value": container, "line": positions.get((*prefix, "container"), 1)})
    elif isinstance(container, dict) and isinstance(container.get("image"), str):
        out.append({"value": container["image"], "line": positions.get((*prefix, "container", "image"), 1)})
    services = body.get("services")
    if isinstance(services, dict):
        for name, service in services.items():
            if isinstance(service, dict) and isinstance(service.get("image"), str):
                out.append({"value": service["image"], "line": positions.get((*prefix, "services", name, "image"), 1), "service": True})
            elif isinstance(service, str):
                out.append({"value": service, "line": positions.get((*prefix, "services", name), 1), "service": True})
    return out


def _steps(steps: Any, positions: dict[PathKey, int], prefix: PathKey, lines: list[str]) -> list[dict[str, Any]]:
    if not isinstance(steps, list):
        return []
    out = []
    for i, raw in enumerate(steps):
        if not isinstance(raw, dict):
            continue
        here: PathKey = (*prefix, i)
        line = positions.get(here, 1)
        run = raw.get("run")
        run_key = positions.get((*here, "run"), line)
        uses = raw.get("uses")
        out.append(
            step(
                line,
                name=text(raw.get("name")),
                uses=text(uses) if uses is not None else None,
                uses_line=positions.get((*here, "uses"), line),
                with_=pairs(raw.get("with"), child_lines(positions, (*here, "with")), line),
                run=text(run) if run is not None else None,
                run_line=script_start(lines, run_key) if run is not None else None,
                env=pairs(raw.get("env"), child_lines(positions, (*here, "env")), line),
            )
        )
    return out


def _reusable(body: dict[str, Any], positions: dict[PathKey, int], prefix: PathKey) -> list[dict[str, Any]]:
    """A job that calls a reusable workflow (`uses:` on the job) as one step."""
    uses = body.get("uses")
    if not isinstance(uses, str):
        return []
    line = positions.get((*prefix, "uses"), 1)
    with_ = pairs(body.get("with"), child_lines(positions, (*prefix, "with")), line)
    secrets = body.get("secrets")
    if isinstance(secrets, dict):
        with_ += pairs(secrets, child_lines(positions, (*prefix, "secrets")), line)
    elif secrets == "inherit":
        with_.append({"name": "secrets", "value": INHERIT, "line": positions.get((*prefix, "secrets"), line)})
    return [step(line, uses=uses, uses_line=line, with_=with_)]


def uploads(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The paths `actions/upload-artifact` steps upload."""
    out = []
    for s in steps:
        if (s["uses"] or "").lower().startswith("actions/upload-artifact@"):
            for entry in s["with"]:
                if entry["name"] == "path":
                    out.extend(split_paths(entry["value"], entry["line"]))
    return out
