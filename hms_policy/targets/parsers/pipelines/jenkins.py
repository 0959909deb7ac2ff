"""Declarative Jenkinsfiles: `pipeline { agent environment stages post options }`, read with
the Groovy subset reader (`groovy.py`). Each stage is a job; stages run one after another, so
a stage runs after every earlier one. The pipeline's `post` section is a job of its own."""

from __future__ import annotations

from typing import Any, Iterator

from hms_policy.targets.document import Document, Node, ParseError
from hms_policy.targets.parsers.pipelines.groovy import Call, Ref, parse
from hms_policy.targets.parsers.pipelines.shape import job, job_node, step

_SHELL_STEPS = frozenset({"sh", "bat", "powershell", "pwsh"})
# Steps whose body runs in the same stage (their own arguments are not scripts).
_WRAPPERS = frozenset({"script", "group", "else", "dir", "withEnv", "timeout", "retry", "timestamps", "withCredentials", "withAWS", "sshagent",
                       "container", "node", "ws", "catchError", "warnError", "lock", "withSonarQubeEnv", "withDockerRegistry", "withKubeConfig",
                       "closure", "try", "finally", "catch", "inside", "parallel", "always", "success", "failure", "unstable", "changed", "cleanup",
                       "aborted", "fixed", "regression", "unsuccessful"})


def jenkins_nodes(doc: Document) -> list[Node]:
    calls = parse(doc.text)
    pipeline = next((c for c in calls if c.name == "pipeline" and c.block is not None), None)
    if pipeline is None:
        if any(c.name == "node" for c in calls):
            raise ParseError("a scripted pipeline (`node { }`): only declarative `pipeline { }` is read")
        raise ParseError("no declarative `pipeline { }` block")
    sections = pipeline.block or []
    images = _agent_images(_first(sections, "agent"))
    env = _environment(_first(sections, "environment"))
    nodes: list[Node] = []
    done: list[str] = []
    for stage, parent_env in _stages(_first(sections, "stages"), env):
        name = stage.args[0] if stage.args and isinstance(stage.args[0], str) else f"stage@{stage.line}"
        body = stage.block or []
        steps_section = _first(body, "steps")
        steps = list(_steps(steps_section.block or [] if steps_section else [], [], doc.lines))
        post = _first(body, "post")
        if post is not None:
            steps.extend(_steps(post.block or [], [], doc.lines))
        stage_env = parent_env + _environment(_first(body, "environment"))
        input_ = _first(body, "input")
        value = job(
            "jenkins",
            name,
            stage.line,
            environment=None,
            manual=input_ is not None or any(s["uses"] == "input" for s in steps),
            after=list(done),
            images=_agent_images(_first(body, "agent")) or images,
            env=stage_env,
            steps=steps,
            condition="when" if _first(body, "when") is not None else "",
        )
        value["artifacts"] = _artifacts(steps)
        nodes.append(job_node(value, max(stage.end_line, stage.line)))
        done.append(name)
    post = _first(sections, "post")
    if post is not None:
        steps = list(_steps(post.block or [], [], doc.lines))
        value = job("jenkins", "post", post.line, after=list(done), images=images, env=env, steps=steps)
        value["artifacts"] = _artifacts(steps)
        nodes.append(job_node(value, max(post.end_line, post.line)))
    return nodes


def _first(calls: list[Call], name: str) -> Call | None:
    return next((c for c in calls if c.name == name), None)


def _stages(section: Call | None, env: list[dict[str, Any]]) -> Iterator[tuple[Call, list[dict[str, Any]]]]:
    """Stages in order, nested `stages`/`parallel` ones flattened; each with its parents' env."""
    for stage in (section.block or []) if section else []:
        if stage.name != "stage":
            continue
        body = stage.block or []
        nested = _first(body, "stages") or _first(body, "parallel")
        if nested is not None:
            yield from _stages(nested, env + _environment(_first(body, "environment")))
        else:
            yield stage, env


def _agent_images(agent: Call | None) -> list[dict[str, Any]]:
    if agent is None:
        return []
    out = []
    for call in _walk(agent.block or []):
        if call.name == "docker" and call.args and isinstance(call.args[0], str):
            out.append({"value": call.args[0], "line": call.line})
        elif call.name == "image" and call.args and isinstance(call.args[0], str):
            out.append({"value": call.args[0], "line": call.line})
    return out


def _environment(section: Call | None) -> list[dict[str, Any]]:
    out = []
    for call in (section.block or []) if section else []:
        if call.name == "=":
            out.append({"name": str(call.named.get("name", "")), "value": _as_text(call.named.get("value")), "line": call.line})
    return out


def _as_text(value: Any) -> str:
    """A value as text; a credentials() binding reads `credentials(id)`."""
    if isinstance(value, str):
        return value
    if isinstance(value, Call):
        first = value.args[0] if value.args and isinstance(value.args[0], str) else ""
        return f"{value.name}({first})"
    if isinstance(value, Ref):
        return "${" + value.text + "}"
    return ""


def _steps(calls: list[Call], env: list[dict[str, Any]], lines: list[str]) -> Iterator[dict[str, Any]]:
    for call in calls:
        if call.name in _SHELL_STEPS:
            script = call.named.get("script", call.args[0] if call.args else None)
            if isinstance(script, str):
                yield step(call.line, name=call.name, run=script, run_line=call.line + (1 if script.startswith("\n") else 0), env=env)
            continue
        if call.name == "withCredentials":
            bound = env + _credential_bindings(call)
            yield from _steps(call.block or [], bound, lines)
            continue
        if call.name == "withEnv":
            extra = [{"name": v.split("=", 1)[0], "value": v.split("=", 1)[1], "line": call.line}
                     for v in (call.args[0] if call.args and isinstance(call.args[0], list) else []) if isinstance(v, str) and "=" in v]
            yield from _steps(call.block or [], env + extra, lines)
            continue
        if call.name in _WRAPPERS or call.block is not None:
            yield from _steps(call.block or [], env, lines)
            continue
        with_ = [{"name": k, "value": _as_text(v), "line": call.line} for k, v in call.named.items()]
        with_ += [{"name": str(i), "value": _as_text(v), "line": call.line} for i, v in enumerate(call.args)]
        yield step(call.line, name=call.name, uses=call.name, uses_line=call.line, with_=with_, env=env)


def _credential_bindings(call: Call) -> list[dict[str, Any]]:
    """The variables `withCredentials([...])` binds, each marked as holding a credential."""
    bindings = call.args[0] if call.args and isinstance(call.args[0], list) else []
    out = []
    for binding in bindings:
        if not isinstance(binding, Call):
            continue
        ident = binding.named.get("credentialsId", "")
        for key in ("variable", "usernameVariable", "passwordVariable", "keyFileVariable", "passphraseVariable"):
            name = binding.named.get(key)
            if isinstance(name, str):
                out.append({"name": name, "value": f"credentials({ident if isinstance(ident, str) else ''})", "line": binding.line})
    return out


def _artifacts(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for s in steps:
        if s["uses"] == "archiveArtifacts":
            for entry in s["with"]:
                if entry["name"] in ("artifacts", "0"):
                    out.extend({"value": p.strip(), "line": s["line"]} for p in entry["value"].split(",") if p.strip())
    return out


def _walk(calls: list[Call]) -> Iterator[Call]:
    for call in calls:
        yield call
        yield from _walk(call.block or [])
