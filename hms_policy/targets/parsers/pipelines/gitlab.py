"""GitLab CI (`.gitlab-ci.yml` and `*.gitlab-ci.yml` templates), with `include: local`
followed inside the scanned root only.

Jobs are the top-level keys that are not keywords; hidden jobs (`.name`) are templates that
`extends:` merges in (recursively, as GitLab does: the job's own keys win). A job in a later
stage runs after every job of the earlier stages unless it says `needs:`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hms_policy.model import ScanError
from hms_policy.targets.document import Document, Node, ParseError, PathKey
from hms_policy.targets.parsers.pipelines.shape import child_lines, end_line, job, job_node, pairs, script_start, step, text
from hms_policy.targets.parsers.yamlish import load_documents

KEYWORDS = frozenset("default include stages variables workflow image services before_script after_script cache spec".split())
DEFAULT_STAGES = [".pre", "build", "test", "deploy", ".post"]
MAX_INCLUDES = 20
MAX_EXTENDS = 10


class _Source:
    """One YAML file of the pipeline: its values, key lines and text lines."""

    def __init__(self, path: str | None, value: dict[str, Any], positions: dict[PathKey, int], lines: list[str]) -> None:
        self.path, self.value, self.positions, self.lines = path, value, positions, lines


def gitlab_nodes(doc: Document) -> list[Node]:
    main = _load(None, doc.text)
    sources = [main, *_includes(doc, main)]
    top: dict[str, Any] = {}
    owner: dict[str, _Source] = {}
    for source in reversed(sources):  # the including file's own keys win
        for key, value in source.value.items():
            top[key] = value
            owner[key] = source
    stages = [text(s) for s in top.get("stages", DEFAULT_STAGES) or DEFAULT_STAGES] if isinstance(top.get("stages", []), list) else DEFAULT_STAGES
    default = top.get("default") if isinstance(top.get("default"), dict) else {}
    # Where the default image is written: `default: image:` or a top-level `image:`.
    default_prefix: PathKey = ("default",) if "image" in default or "services" in default else ()
    default_source = owner.get("default" if default_prefix else "image", main)
    for key in ("image", "services", "before_script", "after_script"):
        if key in top and key not in default:
            default = {**default, key: top[key]}
    file_env = pairs(top.get("variables"), child_lines(owner.get("variables", main).positions, ("variables",)), 1)
    jobs = {k: v for k, v in top.items() if isinstance(k, str) and k not in KEYWORDS and isinstance(v, dict)}
    visible = [k for k in jobs if not k.startswith(".")]
    stage_of = {name: text(_extended(jobs, name).get("stage", "test")) for name in visible}
    nodes = []
    for name in visible:
        source = owner[name]
        body = _extended(jobs, name)
        prefix: PathKey = (name,)
        line = source.positions.get(prefix, 1)
        merged = {**{k: v for k, v in default.items() if k not in body}, **body}
        stage = stage_of[name]
        rank = stages.index(stage) if stage in stages else len(stages)
        earlier = [n for n in visible if n != name and (stages.index(stage_of[n]) if stage_of[n] in stages else len(stages)) < rank]
        needs = [text(n.get("job") if isinstance(n, dict) else n) for n in merged.get("needs", []) or []] if isinstance(merged.get("needs"), list) else []
        value = job(
            "gitlab",
            name,
            line,
            triggers=_triggers(merged),
            runs_on=[{"value": text(t), "line": source.positions.get((*prefix, "tags"), line)} for t in merged.get("tags", []) or [] if isinstance(merged.get("tags"), list)],
            environment=_environment(merged.get("environment"), source.positions.get((*prefix, "environment"), line)),
            manual=_manual(merged),
            needs=needs,
            after=earlier if "needs" not in merged else [],
            allow_failure=merged.get("allow_failure") is True or isinstance(merged.get("allow_failure"), dict),
            images=_images(merged, source.positions, prefix, line) if "image" in body or "services" in body else _images(merged, default_source.positions, default_prefix, line),
            env=file_env + pairs(merged.get("variables"), child_lines(source.positions, (*prefix, "variables")), line),
            steps=_scripts(merged, source, prefix, line),
            condition=text(merged.get("rules") or merged.get("only") or ""),
        )
        value["stage"] = stage
        value["artifacts"] = _artifacts(merged.get("artifacts"), source.positions, prefix, line)
        nodes.append(job_node(value, end_line(source.positions, prefix, line), source.path))
    return nodes


def _load(path: str | None, body: str) -> _Source:
    docs = load_documents(body)
    value = docs[0].value if docs else {}
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise ParseError("a GitLab CI file is a mapping of jobs and keywords")
    return _Source(path, value, docs[0].positions if docs else {}, body.splitlines())


def _includes(doc: Document, main: _Source) -> list[_Source]:
    """The `include: local` files, read only inside the scanned root; every other include
    (project, remote, template, component) is named in errors as not followed."""
    from hms_policy.targets.discover import Candidate, read_source
    from hms_policy.targets.within_root import resolve_inside, scan_root

    if doc.file.abspath is None:
        return []
    root = scan_root(doc.path, doc.file.abspath)
    out: list[_Source] = []
    queue = [(main, 0)]
    seen = {doc.path}
    while queue:
        source, depth = queue.pop(0)
        for line, local, other in _include_entries(source):
            where = f"{source.path or doc.path} line {line}"
            if local is None:
                doc.errors.append(ScanError(doc.path, f"{where}: include of {other} not followed (only include: local is read)", "include"))
                continue
            target = resolve_inside(root, root, local.lstrip("/"))
            if isinstance(target, str):
                doc.errors.append(ScanError(doc.path, f"{where}: include {local!r}: {target}", "include"))
                continue
            rel, on_disk = target
            if rel in seen:
                continue
            seen.add(rel)
            if depth >= 3 or len(out) >= MAX_INCLUDES:
                doc.errors.append(ScanError(doc.path, f"{where}: include {local!r}: nested too deep or too many: not followed", "include"))
                continue
            read, error = read_source(Candidate(rel, on_disk))
            if error is not None or read.data is None:
                doc.errors.append(ScanError(doc.path, f"{where}: include {local!r}: {error.message if error else 'cannot read'}", "include"))
                continue
            included = Document(read)
            try:
                loaded = _load(rel, included.text)
            except ParseError as exc:
                doc.errors.append(ScanError(doc.path, f"{where}: include {local!r}: cannot parse: {exc}", "include"))
                continue
            doc.included[rel] = included
            doc.external_inputs.append((f"file:{Path(on_disk)}", read.sha256))
            out.append(loaded)
            queue.append((loaded, depth + 1))
    return out


def _include_entries(source: _Source) -> list[tuple[int, str | None, str]]:
    """(line, local path or None, what kind of include) of each `include:` entry."""
    raw = source.value.get("include")
    base = source.positions.get(("include",), 1)
    entries = raw if isinstance(raw, list) else [raw] if raw is not None else []
    out = []
    for i, entry in enumerate(entries):
        line = source.positions.get(("include", i), base) if isinstance(raw, list) else base
        if isinstance(entry, str):
            out.append((line, None, "a remote file") if "://" in entry else (line, entry, "local"))
        elif isinstance(entry, dict):
            if isinstance(entry.get("local"), str):
                out.append((line, entry["local"], "local"))
            else:
                kind = next((k for k in ("project", "remote", "template", "component") if k in entry), "an unknown kind")
                out.append((line, None, f"a {kind} file" if kind != "an unknown kind" else kind))
    return out


def _extended(jobs: dict[str, Any], name: str) -> dict[str, Any]:
    """A job with its `extends:` templates merged in (deep for mappings, the job's keys win)."""
    body = jobs.get(name, {})
    chain: list[dict[str, Any]] = []
    todo, seen = [name], set()
    while todo and len(seen) < MAX_EXTENDS:
        current = todo.pop(0)
        if current in seen or current not in jobs:
            continue
        seen.add(current)
        chain.append(jobs[current])
        parents = jobs[current].get("extends")
        todo.extend(text(p) for p in (parents if isinstance(parents, list) else [parents] if parents else []))
    merged: dict[str, Any] = {}
    for part in reversed(chain):
        merged = _deep_merge(merged, part)
    return merged if chain else body


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if key == "extends":
            continue
        out[key] = _deep_merge(out[key], value) if isinstance(out.get(key), dict) and isinstance(value, dict) else value
    return out


def _triggers(body: dict[str, Any]) -> list[str]:
    condition = text(body.get("rules") or body.get("only") or "")
    return ["merge_request"] if "merge_request" in condition else []


def _environment(value: Any, line: int) -> dict[str, Any] | None:
    if isinstance(value, dict):
        if value.get("action") in ("stop", "access", "verify", "prepare"):
            return None  # not a deployment
        value = value.get("name")
    if not value:
        return None
    return {"name": text(value), "line": line}


def _manual(body: dict[str, Any]) -> bool:
    if body.get("when") == "manual":
        return True
    rules = body.get("rules")
    return isinstance(rules, list) and bool(rules) and all(isinstance(r, dict) and r.get("when") in ("manual", "never") for r in rules) and any(
        isinstance(r, dict) and r.get("when") == "manual" for r in rules
    )


def _images(body: dict[str, Any], positions: dict[PathKey, int], prefix: PathKey, line: int) -> list[dict[str, Any]]:
    out = []
    image = body.get("image")
    if isinstance(image, dict):
        image = image.get("name")
    if isinstance(image, str):
        out.append({"value": image, "line": positions.get((*prefix, "image"), line)})
    services = body.get("services")
    for i, service in enumerate(services if isinstance(services, list) else []):
        name = service.get("name") if isinstance(service, dict) else service
        if isinstance(name, str):
            out.append({"value": name, "line": positions.get((*prefix, "services", i), line), "service": True})
    return out


def _scripts(body: dict[str, Any], source: _Source, prefix: PathKey, line: int) -> list[dict[str, Any]]:
    """Each script line as one step (GitLab runs them as one shell, so `set -x` carries over)."""
    out = []
    for key in ("before_script", "script", "after_script"):
        entries = body.get(key)
        if isinstance(entries, str):
            entries = [entries]
        if not isinstance(entries, list):
            continue
        for i, entry in enumerate(_flatten(entries)):
            key_line = source.positions.get((*prefix, key, i), source.positions.get((*prefix, key), line))
            out.append(step(key_line, name=key, run=text(entry), run_line=script_start(source.lines, key_line) if "\n" in text(entry) else key_line))
    return out


def _flatten(entries: list[Any]) -> list[Any]:
    """Nested script lists (from `!reference` or anchors) as one list."""
    out: list[Any] = []
    for entry in entries:
        if isinstance(entry, list):
            out.extend(_flatten(entry))
        elif not isinstance(entry, dict):  # a `!reference [...]` left unresolved
            out.append(entry)
    return out


def _artifacts(artifacts: Any, positions: dict[PathKey, int], prefix: PathKey, line: int) -> list[dict[str, Any]]:
    if not isinstance(artifacts, dict):
        return []
    out = []
    paths = artifacts.get("paths")
    for i, path in enumerate(paths if isinstance(paths, list) else []):
        out.append({"value": text(path), "line": positions.get((*prefix, "artifacts", "paths", i), line)})
    if artifacts.get("untracked") is True:
        out.append({"value": "(untracked files)", "line": positions.get((*prefix, "artifacts", "untracked"), line)})
    return out
