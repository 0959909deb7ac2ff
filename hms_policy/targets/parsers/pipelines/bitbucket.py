"""Bitbucket Pipelines (`bitbucket-pipelines.yml`): each step is a job; steps of one pipeline
run in order, so a step runs after every earlier step of its pipeline."""

from __future__ import annotations

from typing import Any

from hms_policy.targets.document import Document, Node, ParseError, PathKey
from hms_policy.targets.parsers.pipelines.shape import child_lines, end_line, first_mapping, job, job_node, pairs, script_start, step, text


def bitbucket_nodes(doc: Document) -> list[Node]:
    loaded = first_mapping(doc.text)
    if loaded is None:
        return []
    root, positions = loaded
    pipelines = root.get("pipelines")
    if not isinstance(pipelines, dict):
        raise ParseError("a Bitbucket pipeline needs a `pipelines:` mapping")
    default_image = root.get("image")
    nodes: list[Node] = []
    for section, body in pipelines.items():
        if isinstance(body, list):
            nodes.extend(_pipeline(text(section), body, ("pipelines", section), section, default_image, positions, doc.lines))
        elif isinstance(body, dict):
            for pattern, items in body.items():
                if isinstance(items, list):
                    nodes.extend(_pipeline(f"{section}/{pattern}", items, ("pipelines", section, pattern), section, default_image, positions, doc.lines))
    return nodes


def _pipeline(name: str, items: list[Any], prefix: PathKey, section: Any, default_image: Any, positions: dict[PathKey, int], lines: list[str]) -> list[Node]:
    public_pr = text(section) == "pull-requests"
    done: list[str] = []
    nodes = []
    for i, entry in enumerate(items):
        steps = list(_entry_steps(entry, (*prefix, i)))
        names = []
        for body, path, deployment, manual in steps:
            line = positions.get(path, 1)
            label = f"{name}#{len(nodes) + 1}" + (f":{text(body.get('name'))}" if body.get("name") else "")
            runs_on = body.get("runs-on")
            labels = [text(r) for r in (runs_on if isinstance(runs_on, list) else [runs_on] if runs_on else [])]
            env_name = body.get("deployment") or deployment
            value = job(
                "bitbucket",
                label,
                line,
                triggers=["pull-requests"] if public_pr else [text(section)],
                public_pr=public_pr,
                runs_on=[{"value": lab, "line": positions.get((*path, "runs-on"), line)} for lab in labels],
                self_hosted="self.hosted" in labels,
                environment={"name": text(env_name), "line": positions.get((*path, "deployment"), line)} if env_name else None,
                manual=manual or body.get("trigger") == "manual",
                after=list(done),
                images=_images(body, default_image, positions, path, line),
                steps=_scripts(body, positions, path, lines, line),
            )
            value["artifacts"] = _artifacts(body.get("artifacts"), positions, path, line)
            nodes.append(job_node(value, end_line(positions, path, line)))
            names.append(label)
        done.extend(names)
    return nodes


def _entry_steps(entry: Any, path: PathKey) -> Any:
    """(step body, its path, the stage's deployment, manual) of a list item."""
    if not isinstance(entry, dict):
        return
    if isinstance(entry.get("step"), dict):
        yield entry["step"], (*path, "step"), None, False
    parallel = entry.get("parallel")
    if isinstance(parallel, dict):
        parallel, path = parallel.get("steps"), (*path, "parallel", "steps")
    elif parallel is not None:
        path = (*path, "parallel")
    for j, item in enumerate(parallel if isinstance(parallel, list) else []):
        if isinstance(item, dict) and isinstance(item.get("step"), dict):
            yield item["step"], (*path, j, "step"), None, False
    stage = entry.get("stage")
    if isinstance(stage, dict):
        manual = stage.get("trigger") == "manual"
        for j, item in enumerate(stage.get("steps") or []):
            if isinstance(item, dict) and isinstance(item.get("step"), dict):
                yield item["step"], (*path, "stage", "steps", j, "step"), stage.get("deployment"), manual and j == 0


def _images(body: dict[str, Any], default_image: Any, positions: dict[PathKey, int], path: PathKey, line: int) -> list[dict[str, Any]]:
    image = body.get("image", default_image)
    if isinstance(image, dict):
        image = image.get("name")
    if not isinstance(image, str):
        return []
    where = positions.get((*path, "image")) or positions.get(("image",)) or line
    return [{"value": image, "line": where}]


def _scripts(body: dict[str, Any], positions: dict[PathKey, int], path: PathKey, lines: list[str], line: int) -> list[dict[str, Any]]:
    out = []
    for key in ("script", "after-script"):
        entries = body.get(key)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            here = (*path, key, i)
            at = positions.get(here, line)
            if isinstance(entry, dict) and isinstance(entry.get("pipe"), str):
                variables = pairs(entry.get("variables"), child_lines(positions, (*here, "variables")), at)
                out.append(step(at, name=key, uses=entry["pipe"], uses_line=positions.get((*here, "pipe"), at), with_=variables))
            elif isinstance(entry, (str, int, float)):
                out.append(step(at, name=key, run=text(entry), run_line=script_start(lines, at) if "\n" in text(entry) else at))
    return out


def _artifacts(artifacts: Any, positions: dict[PathKey, int], path: PathKey, line: int) -> list[dict[str, Any]]:
    if isinstance(artifacts, dict):
        artifacts, path = artifacts.get("paths"), (*path, "artifacts", "paths")
    else:
        path = (*path, "artifacts")
    return [{"value": text(a), "line": positions.get((*path, i), line)} for i, a in enumerate(artifacts if isinstance(artifacts, list) else [])]
