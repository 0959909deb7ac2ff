"""Classify a file into a `TargetKind`, by name first and then by a look at its head.

A plain function over (path, first bytes), after conftest's dispatch: YAML and JSON are told
apart by content because the same extension carries Kubernetes, CloudFormation, compose,
Helm values, Terraform plans and plain configuration.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from hms_policy.model import TargetKind

HEAD_BYTES = 8192

_BY_SUFFIX: dict[str, TargetKind] = {
    ".tf": TargetKind.TERRAFORM,
    ".tfvars": TargetKind.TERRAFORM,
    ".hcl": TargetKind.TERRAFORM,
    ".py": TargetKind.PYTHON,
    ".pyi": TargetKind.PYTHON,
    ".js": TargetKind.JAVASCRIPT,
    ".jsx": TargetKind.JAVASCRIPT,
    ".mjs": TargetKind.JAVASCRIPT,
    ".cjs": TargetKind.JAVASCRIPT,
    ".ts": TargetKind.JAVASCRIPT,
    ".tsx": TargetKind.JAVASCRIPT,
    ".java": TargetKind.JAVA,
    ".go": TargetKind.GO,
    ".log": TargetKind.LOG,
    ".csv": TargetKind.DATA,
    ".tsv": TargetKind.DATA,
    ".ndjson": TargetKind.DATA,
    ".jsonl": TargetKind.DATA,
    ".sql": TargetKind.DATA,
    ".hl7": TargetKind.DATA,
    ".env": TargetKind.CONFIG,
    ".ini": TargetKind.CONFIG,
    ".cfg": TargetKind.CONFIG,
    ".conf": TargetKind.CONFIG,
    ".properties": TargetKind.CONFIG,
    ".toml": TargetKind.CONFIG,
    ".xml": TargetKind.CONFIG,
    ".pem": TargetKind.CONFIG,
    ".key": TargetKind.CONFIG,
}

_OTHER_SOURCE = frozenset(
    ".rb .php .cs .c .cc .cpp .h .hpp .rs .scala .kt .kts .swift .sh .bash .zsh .ps1 .pl .lua "
    ".groovy .dart .r .m .vue .svelte .html .htm .erb .ex .exs .clj".split()
)

_MANIFEST_NAMES = frozenset(
    "pyproject.toml Pipfile Pipfile.lock poetry.lock uv.lock pdm.lock setup.cfg package.json "
    "package-lock.json npm-shrinkwrap.json yarn.lock pnpm-lock.yaml pom.xml build.gradle "
    "build.gradle.kts go.mod go.sum Gemfile Gemfile.lock Cargo.toml Cargo.lock composer.json "
    "composer.lock gradle.lockfile packages.lock.json gems.locked".split()
)
_CONFIG_NAMES = frozenset(".npmrc .pypirc .netrc .dockercfg .htpasswd .git-credentials".split())

_REQUIREMENTS = re.compile(r"^(?:.*[-_.])?requirements(?:[-_.].*)?\.(?:txt|in)$|^constraints.*\.txt$")
_COMPOSE = re.compile(r"^(?:docker-)?compose(?:[-_.].*)?\.ya?ml$|.*\.compose\.ya?ml$")
_DOCKERFILE = re.compile(r"^(?:Dockerfile|Containerfile)(?:[-_.].*)?$|.*\.(?:dockerfile|containerfile)$", re.I)
_ROTATED_LOG = re.compile(r"\.log(?:\.\d+)?(?:\.gz)?$|\.log[-_.]\d{8}(?:\.gz)?$")
# syslog and web-server logs that carry no .log suffix, rotated or not (messages.1, access_log-20261102.gz)
_SYSTEM_LOG = re.compile(
    r"^(?:syslog|messages|secure|maillog|cron|access_log|error_log|ssl_access_log|"
    r"ssl_error_log|catalina\.out|nohup\.out)(?:[.\-_]\d+|[.\-_]\d{8})?(?:\.gz)?$"
)

# CI pipelines: named by the platform's own conventions (a GitLab template `deploy.gitlab-ci.yml`
# and Azure's `azure-pipelines-release.yml` included); Jenkinsfile variants by name.
_JENKINSFILE = re.compile(r"^Jenkinsfile(?:[-_.][\w.-]+)?$|.*\.jenkinsfile$", re.I)
_GITLAB_CI = re.compile(r"^(?:.*[-_.])?gitlab-ci\.ya?ml$")
_AZURE_PIPELINES = re.compile(r"^azure-pipelines(?:[-_.][\w.-]+)?\.ya?ml$")
_BITBUCKET = re.compile(r"^bitbucket-pipelines\.ya?ml$")
_GITLAB_SCRIPT = re.compile(rb"^\s+script\s*:", re.M)
_ACTION_RUNS = re.compile(rb"^runs\s*:", re.M)
# A GitHub workflow kept outside .github/workflows (an example to copy): top-level `on:` and
# `jobs:`, and a job that says where it runs.
_WORKFLOW_ON = re.compile(rb"^[\"']?on[\"']?\s*:", re.M)
_WORKFLOW_JOBS = re.compile(rb"^jobs\s*:", re.M)
_WORKFLOW_RUNS_ON = re.compile(rb"^\s+runs-on\s*:", re.M)

_CFN_HEAD = re.compile(rb"AWSTemplateFormatVersion|[\"']?Type[\"']?\s*:\s*[\"']?AWS::[A-Za-z0-9]+::")
# A key at the start of a line, or right after `{` or `,`: single-line JSON and YAML flow
# mappings are manifests too (`kubectl get -o json | jq -c`).
_K8S_API = re.compile(rb"(?:^|[{,])\s*[\"']?apiVersion[\"']?\s*:", re.M)
_K8S_KIND = re.compile(rb"(?:^|[{,])\s*[\"']?kind[\"']?\s*:", re.M)
_COMPOSE_HEAD = re.compile(rb"^services\s*:", re.M)
_TF_PLAN_HEAD = re.compile(rb"\"(?:planned_values|resource_changes|prior_state)\"")
# An OCI / docker image config: `docker inspect`-style config plus the layer diff ids.
_IMAGE_CONFIG_HEAD = re.compile(rb"\"rootfs\"\s*:\s*\{")
# Helm's values files: values.yaml, values-prod.yaml, values.staging.yml, prod.values.yaml
# (not values.schema.json, which is a JSON Schema).
_GO_TEMPLATE = re.compile(rb"\{\{-?\s*(?:\.|\$|if\b|with\b|range\b|include\b|template\b|define\b|toYaml\b|end\b|/\*)")
_HELM_VALUES = re.compile(r"^(?:values(?:[-_.][^/]+)?|[^/]+[-_.]values)\.ya?ml$", re.I)


def is_binary(head: bytes) -> bool:
    if head.startswith(b"\x1f\x8b"):  # gzip is binary unless named as a log
        return True
    return b"\x00" in head


def classify(path: str, head: bytes, *, in_helm_chart: bool = False) -> TargetKind:
    """The kind of the file at POSIX `path` whose first bytes are `head`."""
    pure = PurePosixPath(path)
    name = pure.name
    lower = name.lower()
    if _ROTATED_LOG.search(lower) or _SYSTEM_LOG.match(lower):
        return TargetKind.LOG
    if head and is_binary(head[:HEAD_BYTES]):
        return TargetKind.BINARY
    if _DOCKERFILE.match(name):
        return TargetKind.DOCKERFILE
    if _JENKINSFILE.match(name):
        return TargetKind.JENKINS
    pipeline = _pipeline_kind(pure, head)
    if pipeline is not None:
        return pipeline
    if lower.endswith(".tf.json"):
        return TargetKind.TERRAFORM
    if name in _MANIFEST_NAMES or _REQUIREMENTS.match(lower) or name.endswith("-gradle.lockfile"):
        return TargetKind.MANIFEST
    if name in _CONFIG_NAMES or lower == ".env" or lower.startswith(".env."):
        return TargetKind.CONFIG
    if _COMPOSE.match(lower):
        return TargetKind.COMPOSE
    suffix = pure.suffix.lower()
    if suffix in (".yaml", ".yml", ".json", ".template"):
        return _classify_structured(pure, head, suffix, in_helm_chart)
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix in _OTHER_SOURCE:
        return TargetKind.SOURCE
    if "requirements" in pure.parent.name and suffix in (".txt", ".in"):
        return TargetKind.MANIFEST
    if suffix == ".lockfile" and pure.parent.name == "dependency-locks":  # Gradle before 6.8
        return TargetKind.MANIFEST
    return TargetKind.TEXT


def _pipeline_kind(pure: PurePosixPath, head: bytes) -> TargetKind | None:
    """The CI platform of a pipeline file named by its platform's conventions, or None."""
    lower = pure.name.lower()
    if not lower.endswith((".yml", ".yaml")):
        return None
    parts = pure.parts[:-1]
    if len(parts) >= 2 and parts[-2:] == (".github", "workflows"):
        return TargetKind.GITHUB_ACTIONS
    if lower in ("action.yml", "action.yaml") and _ACTION_RUNS.search(head):
        return TargetKind.GITHUB_ACTIONS  # a composite or container action's metadata
    if _GITLAB_CI.match(lower) or ("gitlab" in lower and _GITLAB_SCRIPT.search(head)):
        return TargetKind.GITLAB_CI  # also a template named for GitLab (`gitlab-template.yml`) that has jobs
    if _AZURE_PIPELINES.match(lower):
        return TargetKind.AZURE_PIPELINES
    if _BITBUCKET.match(lower):
        return TargetKind.BITBUCKET_PIPELINES
    return None


def _classify_structured(pure: PurePosixPath, head: bytes, suffix: str, in_helm_chart: bool) -> TargetKind:
    if in_helm_chart:
        # `in_helm_chart`: a Chart.yaml sits in the file's directory or one of its 3 parents.
        if _HELM_VALUES.match(pure.name) and "templates" not in pure.parts[:-1]:
            return TargetKind.HELM_VALUES
        if b"{{" in head:
            # Go templates are not YAML: scanned as text only, never parsed. Besides values
            # files a chart holds templates (also when `templates/` itself is the scan root);
            # a template whose first action comes after the head is caught by the parser.
            return TargetKind.TEXT
    if "templates" in pure.parts[:-1] and _GO_TEMPLATE.search(head):
        # A chart template deeper than the Chart.yaml look-up reaches (or a chart-like
        # templates/ directory without one): Go templates are not YAML.
        return TargetKind.TEXT
    if _CFN_HEAD.search(head):
        return TargetKind.CLOUDFORMATION
    if suffix == ".json" and _IMAGE_CONFIG_HEAD.search(head) and b'"diff_ids"' in head:
        return TargetKind.IMAGE_CONFIG
    if suffix == ".json" and _TF_PLAN_HEAD.search(head) and b"format_version" in head:
        return TargetKind.TERRAFORM
    if _K8S_API.search(head) and _K8S_KIND.search(head):
        return TargetKind.KUBERNETES
    if suffix != ".json" and _COMPOSE_HEAD.search(head) and re.search(rb"^\s+(image|build)\s*:", head, re.M):
        return TargetKind.COMPOSE
    if suffix == ".json" and pure.name.endswith(("-lock.json",)):
        return TargetKind.MANIFEST
    if suffix != ".json" and _WORKFLOW_ON.search(head) and _WORKFLOW_JOBS.search(head) and _WORKFLOW_RUNS_ON.search(head):
        return TargetKind.GITHUB_ACTIONS
    return TargetKind.CONFIG
