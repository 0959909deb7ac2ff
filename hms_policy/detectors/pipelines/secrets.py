"""How a pipeline handles secrets: echoed or traced into logs (CI009), handed to an unpinned
third-party action (CI010), long-lived cloud keys where OIDC is available (CI011), and
artifacts that carry secrets or data dumps (CI012, CI013). Matches name variables, never values."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterator, Mapping

from hms_policy.detectors.pipelines.common import github_secret_refs, is_secretish_name, jobs, line_of, match, names_identifier, scripts, secret_variables, unpinned_third_party
from hms_policy.model import Match, Severity
from hms_policy.targets.parsers.pipelines.shape import INHERIT
from hms_policy.targets.document import Document

_PRINT = re.compile(r"(?im)^[ \t]*(?:[\w-]+=\S+\s+)*(?:echo|printf|print|Write-Host|Write-Output|cat\s+<<)\b[^\n]*")
_TRACE = re.compile(r"(?m)^[ \t]*set\s+-[a-wyz]*x|\bbash\s+-[a-wyz]*x\b|^[ \t]*set\s+-o\s+xtrace\b")
_ENV_DUMP = re.compile(r"(?m)^[ \t]*(?:sudo\s+)?(?:env|printenv|export\s+-p|set|Get-ChildItem\s+env:|gci\s+env:|dir\s+env:)[ \t]*(?:\||>|$)")
_SHELL_VAR = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?|\$\(([A-Za-z_][A-Za-z0-9_.]*)\)|%([A-Za-z_][A-Za-z0-9_]*)%|\$env:([A-Za-z_][A-Za-z0-9_]*)")
# Output that goes to a file or a pipe, not the log (`echo $TOKEN | docker login --password-stdin`).
_NOT_TO_LOG = re.compile(r"\|\s*\S|>\s*\S|>>")


def secret_in_log(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    for node in jobs(doc):
        platform = node.value["platform"]
        steps = list(scripts(node))
        uses_secret: list[tuple[dict[str, Any], str]] = []
        for step, script in steps:
            known = secret_variables(node, step)
            names = github_secret_refs(script) + sorted(n for n in _names_used(script, known, platform))
            if names:
                uses_secret.append((step, names[0]))
            for printed in _PRINT.finditer(script):
                text = printed.group(0)
                if _NOT_TO_LOG.search(text.split("#", 1)[0]) and not text.lstrip().startswith("cat"):
                    continue
                if "::add-mask::" in text:
                    continue  # a workflow command: the runner masks the value, it prints nothing
                name = _printed_secret(text, known, platform)
                if name:
                    line = line_of(doc, node, step["run_line"], text.strip())
                    yield match(node, line, f"print:{name}", secret=name, how="printed to the log")
                    break
            dump = _ENV_DUMP.search(script)
            if dump and known:
                line = line_of(doc, node, step["run_line"], dump.group(0).strip())
                yield match(node, line, "env-dump", secret=sorted(known)[0], how="dumps the environment, secrets included, to the log")
        if not uses_secret:
            continue
        # GitLab and Bitbucket run a job's script lines in one shell: `set -x` carries over.
        one_shell = platform in ("gitlab", "bitbucket")
        for step, script in steps:
            trace = _TRACE.search(script)
            if not trace:
                continue
            here = _traced_use(script, secret_variables(node, step), platform)
            later = [name for s, name in uses_secret if (s is step and here) or (one_shell and s is not step and s["line"] >= step["line"])]
            if later:
                line = line_of(doc, node, step["run_line"], trace.group(0).strip())
                yield match(node, line, "xtrace", secret=later[0], how="traced by `set -x`, which prints every command with its expanded values")
                break


_TRACE_ON = re.compile(r"^[ \t]*set\s+-[a-wyz]*x|^[ \t]*set\s+-o\s+xtrace\b")
_TRACE_OFF = re.compile(r"^[ \t]*set\s+\+[a-wyz]*x|^[ \t]*set\s+\+o\s+xtrace\b")


def _traced_use(script: str, known: set[str], platform: str) -> bool:
    """A secret is used on a line run while tracing is on: after `set -x`, before `set +x`
    (a script that switches tracing off around its `gh auth` keeps the token out of the log).
    `bash -x` traces a whole command or script: any use counts."""
    if re.search(r"\bbash\s+-[a-wyz]*x\b", script):
        return bool(github_secret_refs(script) or _names_used(script, known, platform))
    tracing = False
    blocks: list[list[bool]] = []  # per open if/for/while/case: [tracing before it, its branch exited]
    for line in script.splitlines():
        if _TRACE_OFF.search(line):
            tracing = False
        elif _TRACE_ON.search(line):
            tracing = True
        elif tracing and (github_secret_refs(line) or _names_used(line, known, platform)):
            return True
        # A branch that ends in `exit` (`if [ -z "$X" ]; then set -x; debug; exit 1; fi`): the
        # lines after its block run only when it was not taken, with tracing as it was before.
        if _BLOCK_CLOSE.match(line) and blocks:
            before, exited = blocks.pop()
            tracing = before if exited else tracing
        elif _BLOCK_BRANCH.match(line) and blocks:
            if blocks[-1][1]:
                tracing, blocks[-1][1] = blocks[-1][0], False
        elif _BLOCK_EXIT.match(line) and blocks:
            blocks[-1][1] = True
        elif _BLOCK_OPEN.match(line) and not _BLOCK_ONE_LINE.search(line):
            blocks.append([tracing, False])
    return False


_BLOCK_OPEN = re.compile(r"^\s*(?:if|for|while|until|case)\b")
_BLOCK_ONE_LINE = re.compile(r"\b(?:fi|done|esac)\s*;?\s*(?:#.*)?$")
_BLOCK_BRANCH = re.compile(r"^\s*(?:else|elif)\b")
_BLOCK_CLOSE = re.compile(r"^\s*(?:fi|done|esac)\b")
_BLOCK_EXIT = re.compile(r"^\s*(?:exit|return)\b")


def _names_used(script: str, known: set[str], platform: str) -> set[str]:
    used = {next(g for g in m.groups() if g) for m in _SHELL_VAR.finditer(script)}
    return {n for n in used if n in known or (platform in ("gitlab", "bitbucket", "azure") and is_secretish_name(n))}


def _printed_secret(text: str, known: set[str], platform: str) -> str | None:
    refs = github_secret_refs(text)
    if refs:
        return refs[0]
    names = _names_used(text, known, platform)
    return sorted(names)[0] if names else None


_INHERIT_ALL = "every secret (secrets: inherit)"


def secret_to_unpinned_action(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    settings = params.get("settings") or {}
    for node in jobs(doc):
        job_secrets = secret_variables(node)
        for step in node.value["steps"]:
            found = unpinned_third_party(step["uses"], settings)
            if found is None:
                continue
            names = sorted({ref for entry in step["with"] + step["env"] for ref in github_secret_refs(entry["value"])}, key=lambda n: (not is_secretish_name(n), n))
            if any(e["name"] == "secrets" and e["value"] == INHERIT for e in step["with"]):
                names.insert(0, _INHERIT_ALL)
            if not names and job_secrets and step["uses"]:
                continue  # job-level env is visible to the action's process, but so is it to every step
            if not names or all(names_identifier(n) for n in names):
                continue  # a user name or account id kept among the secrets is no credential
            found_match = match(node, step["uses_line"], f"{found[0]}:{names[0]}", action=f"{found[0]}@{found[1]}", secret=names[0])
            if names == [_INHERIT_ALL] and "/.github/workflows/" in (step["uses"] or ""):
                # GitHub hands `secrets: inherit` only to reusable workflows of the same
                # organisation or enterprise: the movable ref is the owners' own (CI006 reports it).
                found_match = replace(found_match, max_severity=Severity.MEDIUM, extra={"same_organisation": "secrets: inherit reaches only workflows of the caller's organisation or enterprise"})
            yield found_match


_OIDC_CAPABLE = {
    "aws-actions/configure-aws-credentials": ("aws-access-key-id", "aws-secret-access-key"),
    "google-github-actions/auth": ("credentials_json",),
    "azure/login": ("creds", "client-secret"),
}
_CLOUD_KEY_ENV = re.compile(r"^(?:AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID|GOOGLE_APPLICATION_CREDENTIALS_JSON|GCP_SA_KEY|ARM_CLIENT_SECRET|AZURE_CLIENT_SECRET)$")


def long_lived_cloud_keys(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    reported: set[tuple[Any, int]] = set()  # a workflow-level variable: once, not once per job
    for node in jobs(doc):
        if node.value["platform"] != "github":
            continue
        flagged = False
        for step in node.value["steps"]:
            name = (step["uses"] or "").split("@")[0].lower()
            inputs = _OIDC_CAPABLE.get(name)
            if not inputs:
                continue
            entry = next((w for w in step["with"] if w["name"] in inputs and w["value"]), None)
            if entry is not None:
                flagged = True
                yield match(node, entry["line"], f"{name}:{entry['name']}", action=name, input=entry["name"])
        if flagged:
            continue
        for entry in list(node.value["env"]) + [e for s in node.value["steps"] for e in s["env"]]:
            if _CLOUD_KEY_ENV.match(entry["name"]) and github_secret_refs(entry["value"]):
                where = (node.meta.get("path"), entry["line"])
                if where in reported:
                    break
                reported.add(where)
                yield match(node, entry["line"], f"env:{entry['name']}", action="environment variable", input=entry["name"])
                break


_SECRET_FILES = re.compile(r"(?i)(?:^|/)(?:\.env(?:\.(?!example$|sample$|template$|dist$|defaults?$)[\w-]+)?|[\w-]*\.(?:pem|key|p12|pfx|jks|keystore)|id_(?:rsa|ed25519|ecdsa)|\.npmrc|\.pypirc|\.netrc|credentials(?:\.json)?|\.aws/?|kubeconfig|\.kube/?)$")
_WHOLE = re.compile(r"^(?:\.|\./|\*|\*\*|\*\*/\*|\./\*\*?|\$\{\{\s*github\.workspace\s*\}\}/?|\$CI_PROJECT_DIR/?|\$\{CI_PROJECT_DIR\}/?|\$\(System\.DefaultWorkingDirectory\)/?|\$\(Build\.SourcesDirectory\)/?|\$BITBUCKET_CLONE_DIR/?|\(untracked files\))$")
_DUMPS = re.compile(r"(?i)(?:\.(?:sql|dump|bak|sqlite3?|db|hl7|ndjson)(?:\.gz|\.zip)?$|(?:^|/)(?:db[-_]?)?(?:dump|backup|export)s?(?:/|$|[-_.]))")


_SCHEMA = re.compile(r"(?i)schema|migration|init[-_.]|seed|fixture|test")


def sensitive_artifact(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Artifacts that keep secrets (`what: secrets`: .env, keys, the whole workspace) or data
    (`what: dumps`: database dumps, backups, exports)."""
    dumps = params.get("what") == "dumps"
    for node in jobs(doc):
        for artifact in node.value["artifacts"]:
            value = artifact["value"].strip().strip("\"'")
            if value.startswith("!"):
                continue
            if dumps:
                if _DUMPS.search(value) and not _SCHEMA.search(value):
                    yield match(node, artifact["line"], f"artifact:{value}", path=value, what="a database dump or export")
            elif _SECRET_FILES.search(value.rstrip("*").rstrip("/") or value):
                yield match(node, artifact["line"], f"artifact:{value}", path=value, what="a secrets file")
            elif _WHOLE.match(value):
                yield match(node, artifact["line"], f"artifact:{value}", path=value, what="the whole workspace (with any .env, keys or data in it)")
