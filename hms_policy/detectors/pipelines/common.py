"""What several pipeline detectors need: the jobs of a document, where a text sits in a
script, which references name a secret, which actions are trusted, and what a deploy is."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document, Node

FIRST_PARTY_OWNERS = ("actions", "github")
_FULL_SHA = re.compile(r"^[0-9a-f]{40}$")
_PLACEHOLDER = re.compile(r"<[A-Za-z][\w-]*>")


def jobs(doc: Document) -> list[Node]:
    return [n for n in doc.nodes if n.kind == "job" and isinstance(n.value, Mapping)]


def match(node: Node, line: int, key: str, **context: str) -> Match:
    """A match on `line` of the job's file (an included file for GitLab `include: local`)."""
    return Match(LineSpan.at(line), entity=node.ref, key=key, context=context, path=node.meta.get("path"))


_SCRIPT_LOOKAHEAD = 400


def line_of(doc: Document, node: Node, start: int, needle: str) -> int:
    """The line at or after `start` whose text holds `needle` (first 120 characters of its
    first line); `start` when it is not found within the job."""
    probe = needle.strip().splitlines()[0][:120] if needle.strip() else ""
    if not probe:
        return start
    lines = _lines(doc, node)
    # A block scalar's lines carry no key positions, so a job's span may end where its last
    # script begins: look a bounded way past it.
    for number in range(max(1, start), min(len(lines), max(node.span.end, start) + _SCRIPT_LOOKAHEAD) + 1):
        if probe in lines[number - 1]:
            return number
    return start


def _lines(doc: Document, node: Node) -> list[str]:
    path = node.meta.get("path")
    if path and path in doc.included:
        return doc.included[path].lines
    return doc.lines


def scripts(node: Node) -> Iterator[tuple[dict[str, Any], str]]:
    """(step, script) of each shell step of a job."""
    for step in node.value["steps"]:
        if step["run"]:
            yield step, step["run"]


# --- secrets

# Every secret an expression reads: `${{ secrets.X }}`, and inside a larger expression
# (`${{ secrets.BOT_TOKEN || secrets.GITHUB_TOKEN }}`, `${{ secrets['X'] }}`).
_GITHUB_EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
_GITHUB_SECRET = re.compile(r"\bsecrets(?:\.([A-Za-z0-9_]+)|\[\s*['\"]([A-Za-z0-9_]+)['\"]\s*\])")
_SECRETISH_NAME = re.compile(r"(?i)(?:^|_)(?:TOKEN|PASSWORD|PASSWD|PASS|PWD|SECRET|API_?KEY|PRIVATE_KEY|ACCESS_KEY|SECRET_KEY|CREDENTIALS?|AUTH)(?:$|_)")
# (`DOCKERHUB_ACCOUNT`, `DOCKERHUB_REPO`: where an image is pushed; not `GCP_SERVICE_ACCOUNT`, a key file)
_NOT_SECRET_NAME = re.compile(
    r"(?i)(?:_FILE|_PATH|_URL|_ID|_NAME|_USER(?:NAME)?|_TYPE|_LENGTH|_HEADER"
    r"|(?<!SERVICE)_ACCOUNT|_REPO(?:SITORY)?|_NAMESPACE|_ORG(?:ANI[SZ]ATION)?|_REGISTRY|_HOST(?:NAME)?|_REGION|_EMAIL)$"
)


def holds_secret(entry: Mapping[str, Any], platform: str) -> bool:
    """An env/input entry whose value comes from the platform's secret store."""
    value = str(entry.get("value", ""))
    if "secrets." in value or value.startswith("credentials("):
        return True
    if platform in ("gitlab", "bitbucket", "azure"):
        # Masked variables are set in the project, not in the file: a secret-like name set
        # from another variable (or not at all) stands for one.
        name = str(entry.get("name", ""))
        return bool(_SECRETISH_NAME.search(name)) and not _NOT_SECRET_NAME.search(name) and (value.startswith("$") or value == "")
    return False


def secret_variables(node: Node, step: Mapping[str, Any] | None = None) -> set[str]:
    """Names of environment variables that hold a secret in this job (and step)."""
    platform = node.value["platform"]
    entries = list(node.value["env"]) + (list(step["env"]) if step else [])
    return {e["name"] for e in entries if holds_secret(e, platform)}


def is_secretish_name(name: str) -> bool:
    return bool(_SECRETISH_NAME.search(name)) and not _NOT_SECRET_NAME.search(name)


def names_identifier(name: str) -> bool:
    """A secret's name that says it holds an identifier (`DOCKER_HUB_USERNAME`, `AWS_ACCOUNT_ID`),
    not a credential."""
    return not _SECRETISH_NAME.search(name) and bool(_NOT_SECRET_NAME.search(name))


def github_secret_refs(text: str) -> list[str]:
    if "secrets" not in text:
        return []
    found = [m.group(1) or m.group(2) for e in _GITHUB_EXPRESSION.finditer(text) for m in _GITHUB_SECRET.finditer(e.group(1))]
    return [name for name in found if name != "GITHUB_TOKEN"]


# --- actions

def action_parts(uses: str) -> tuple[str, str, str] | None:
    """(owner, path, ref) of `owner/repo[/path]@ref`; None for local and docker references."""
    if uses.startswith(("./", "docker://")) or "@" not in uses:
        return None
    if _PLACEHOLDER.search(uses):  # a template's `<org>/action@<commit-sha>`: not a reference yet
        return None
    name, _, ref = uses.partition("@")
    owner = name.split("/", 1)[0]
    return owner.lower(), name, ref


def trusted_owner(owner: str, settings: Mapping[str, Any] | None) -> bool:
    settings = settings or {}
    trusted = [o.lower() for o in settings.get("trusted_action_owners", ()) or ()]
    if not settings.get("pin_own_actions"):
        # the scanned repository's own owner (targets/project_owner.py, set per scan): its
        # actions and reusable workflows are first-party, whoever else pins them
        trusted += list(settings.get("project_owners", ()) or ())
    if not settings.get("pin_first_party_actions"):
        trusted += list(FIRST_PARTY_OWNERS)
    return owner in trusted


def pinned(ref: str) -> bool:
    return bool(_FULL_SHA.match(ref))


def unpinned_third_party(uses: str | None, settings: Mapping[str, Any] | None) -> tuple[str, str] | None:
    """(action name, ref) when `uses` is a third-party action not pinned to a commit SHA."""
    if not uses:
        return None
    parts = action_parts(uses)
    if parts is None:
        return None
    owner, name, ref = parts
    if pinned(ref) or trusted_owner(owner, settings) or "${{" in uses:
        return None
    return name, ref


# --- deploys

_DEPLOY_COMMAND = re.compile(
    r"(?im)(?:^|[;&|(`]\s*|\b(?:sudo|then|do|exec|run)\s+)(?:"
    # `kubectl auth can-i create ...` asks a question; it creates nothing
    r"kubectl\s+(?:(?!auth\b)[-\w=./]+\s+)*(?:apply|create|replace|rollout\s+restart|set\s+image)\b"
    r"|helm\s+(?:[-\w=./]+\s+)*(?:upgrade|install)\b"
    r"|(?:terraform|terragrunt|tofu)\s+(?:-chdir=\S+\s+)?apply\b"
    r"|pulumi\s+up\b"
    r"|aws\s+(?:ecs\s+update-service|cloudformation\s+deploy|lambda\s+update-function-code|elasticbeanstalk\s+update-environment)\b"
    r"|(?:sam|cdk|serverless|sls)\s+deploy\b"
    r"|gcloud\s+(?:[-\w=./]+\s+)*(?:run|app|functions)\s+deploy\b"
    r"|az\s+(?:webapp\s+(?:deploy|up)|containerapp\s+update|functionapp\s+deployment)\b"
    r"|eb\s+deploy\b|flyctl?\s+deploy\b|firebase\s+deploy\b|docker\s+stack\s+deploy\b"
    r")"
)
_DEPLOY_ACTIONS = re.compile(
    r"(?i)^(?:azure/(?:webapps-deploy|k8s-deploy|functions-action|aks-set-context)|aws-actions/amazon-ecs-deploy-task-definition"
    r"|google-github-actions/deploy-(?:cloudrun|appengine|cloud-functions)|azurewebapp|azurermwebappdeployment|azurefunctionapp"
    r"|kubernetesmanifest|helmdeploy|atlassian/(?:aws-ecs-deploy|aws-elasticbeanstalk-deploy|azure-web-apps-deploy|aws-lambda-deploy|aws-code-deploy|helm-deploy))\b"
)
_DRY_RUN = re.compile(r"--dry-run|--validate\b|\bdiff\b|--help")


def _line_at(text: str, index: int) -> str:
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return text[start : end if end >= 0 else len(text)]


PRODUCTION = re.compile(r"(?i)(?:^|[^a-z])(?:prod|production|live|prd)(?:$|[^a-z])")


def deploy_evidence(node: Node) -> tuple[int, str] | None:
    """(line, what) of the first sign that a job deploys, or None."""
    env = node.value["environment"]
    for step in node.value["steps"]:
        uses = step["uses"] or ""
        if uses and _DEPLOY_ACTIONS.search(uses.split("@")[0]):
            return step["uses_line"], uses.split("@")[0]
        if step["run"]:
            found = next((m for m in _DEPLOY_COMMAND.finditer(step["run"]) if not _DRY_RUN.search(_line_at(step["run"], m.start()))), None)
            if found:
                return step["run_line"], " ".join(found.group(0).split()[-3:]).strip(";&|(` ")
    if env is not None and PRODUCTION.search(env["name"]) and _DEPLOY_JOB_NAME.search(node.value["name"] or ""):
        # a production environment alone also serves jobs that only need its secrets (a build
        # that signs, a backup, a smoke test of the live site): it counts for a job named to
        # deploy, release or promote whose steps hide how (a local action, a script)
        return env["line"], f"environment {env['name']}"
    return None


_DEPLOY_JOB_NAME = re.compile(r"(?i)deploy|release|rollout|roll-out|promot|publish|(?<![a-z])ship(?![a-z])|apply|provision|upgrade|launch|go-?live")


def production(node: Node) -> bool:
    env = node.value["environment"]
    return env is not None and bool(PRODUCTION.search(env["name"]))
