"""Is a compose file a developer's local stack rather than a deployment?

A database port published on every interface is a real exposure on a server and a convenience
on a laptop. The file name already says so for `docker-compose.dev.yml` and overrides (the file
role); this looks for the same evidence inside a plainly named file: a comment that says it is
for development, a service that builds the project from source or mounts the source tree for
live reload, a local cloud or mail emulator, or images pulled from a development branch tag.
A deployment compose has none of these, so its findings keep their severity.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from hms_policy.targets.document import Document

_DEV_COMMENT = re.compile(
    r"^\s*#.*\b(?:for\s+develop(?:ing|ment)|develop(?:ing|ment)\s+(?:purposes?|only|environment|setup)|local\s+develop(?:ment)?"
    r"|dev(?:elopment)?[-\s]only|not\s+for\s+production|for\s+(?:local\s+)?testing(?:\s+only)?)\b",
    re.I,
)
# Emulators and catch-all mail servers only ever run on a developer's machine or in CI.
_EMULATOR_IMAGE = re.compile(r"(?:^|/)(?:localstack|mailhog|mailpit|maildev|smtp4dev|fake-gcs-server|azurite)(?::|$)", re.I)
_DEV_TAG = re.compile(r":(?:\$\{[A-Za-z_]\w*:?-)?(?:dev|develop|development|demo)\}?$", re.I)
_SOURCE_MOUNT = re.compile(r"^\.{1,2}/?(?::|$)")  # `.:/app`, `./:/code`, `..:/src`


def local_stack_evidence(doc: Document) -> str | None:
    """Why this compose file reads as a local development stack, or None."""
    services = [n.value for n in doc.nodes if n.kind == "service" and isinstance(n.value, Mapping)]
    for service in services:
        if service.get("build") is not None:
            return "a service builds the project from source (build:)"
    for service in services:
        if any(_SOURCE_MOUNT.match(str(v).strip()) for v in _volumes(service)):
            return "the source tree is mounted into a service"
        image = service.get("image")
        if isinstance(image, str) and _EMULATOR_IMAGE.search(image):
            return "a local cloud or mail emulator runs beside it"
        if isinstance(image, str) and _DEV_TAG.search(image):
            return "images come from a development tag"
    if not doc.streamed and any(_DEV_COMMENT.match(line) for line in doc.lines[:400]):
        return "a comment says the file is for development"
    return None


def _volumes(service: Mapping[str, Any]) -> list[Any]:
    volumes = service.get("volumes")
    if not isinstance(volumes, list):
        return []
    return [v.get("source", "") if isinstance(v, Mapping) else v for v in volumes]
