"""The closed set of structured parsers: `TargetKind` -> "module:function".

Modules are imported only when a document of that kind is parsed, so a scan with no
Terraform never imports python-hcl2.
"""

from __future__ import annotations

import importlib
from typing import Callable

from hms_policy.model import TargetKind
from hms_policy.targets.document import Document, Node

PARSERS: dict[TargetKind, str] = {
    TargetKind.TERRAFORM: "hms_policy.targets.parsers.hcl:terraform_nodes",
    TargetKind.KUBERNETES: "hms_policy.targets.parsers.manifests:kubernetes_nodes",
    TargetKind.COMPOSE: "hms_policy.targets.parsers.manifests:compose_nodes",
    TargetKind.CLOUDFORMATION: "hms_policy.targets.parsers.manifests:cloudformation_nodes",
    TargetKind.HELM_VALUES: "hms_policy.targets.parsers.manifests:document_nodes",
    TargetKind.DOCKERFILE: "hms_policy.targets.parsers.dockerfile:dockerfile_nodes",
    TargetKind.GITHUB_ACTIONS: "hms_policy.targets.parsers.pipelines.github:github_nodes",
    TargetKind.GITLAB_CI: "hms_policy.targets.parsers.pipelines.gitlab:gitlab_nodes",
    TargetKind.JENKINS: "hms_policy.targets.parsers.pipelines.jenkins:jenkins_nodes",
    TargetKind.AZURE_PIPELINES: "hms_policy.targets.parsers.pipelines.azure:azure_nodes",
    TargetKind.BITBUCKET_PIPELINES: "hms_policy.targets.parsers.pipelines.bitbucket:bitbucket_nodes",
    TargetKind.IMAGE_CONFIG: "hms_policy.targets.parsers.manifests:document_nodes",
}

# Generic YAML/JSON configuration gets document nodes too, so key-based rules can use them.
_CONFIG_SUFFIXES = (".yaml", ".yml", ".json")


def parser_for(kind: TargetKind, path: str) -> Callable[[Document], list[Node]] | None:
    spec = PARSERS.get(kind)
    if spec is None and kind is TargetKind.CONFIG and path.lower().endswith(_CONFIG_SUFFIXES):
        spec = "hms_policy.targets.parsers.manifests:document_nodes"
    if spec is None:
        return None
    return _lazy(spec)


def _lazy(spec: str) -> Callable[[Document], list[Node]]:
    def parse(doc: Document) -> list[Node]:
        module, _, name = spec.partition(":")
        function: Callable[[Document], list[Node]] = getattr(importlib.import_module(module), name)
        return function(doc)

    return parse
