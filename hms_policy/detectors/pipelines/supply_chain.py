"""What a pipeline pulls in: third-party actions by a movable ref (CI006), scripts piped
from the network or run unverified (CI007), job images by a movable tag (CI008) and
artifacts or registries over plain HTTP (CI017)."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.pipelines.common import jobs, line_of, match, scripts, unpinned_third_party
from hms_policy.model import Match
from hms_policy.targets.document import Document

_VERSION = re.compile(r"^v?\d+(?:\.\d+)*(?:[-+.]\w+)*$")
_BRANCHES = frozenset({"main", "master", "develop", "dev", "trunk", "latest", "stable", "nightly", "head"})


def unpinned_action(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    settings = params.get("settings") or {}
    for node in jobs(doc):
        for step in node.value["steps"]:
            found = unpinned_third_party(step["uses"], settings)
            if found is None:
                continue
            name, ref = found
            kind = "a branch" if ref.lower() in _BRANCHES or "/" in ref else "a tag" if _VERSION.match(ref) else "a tag or branch"
            yield match(node, step["uses_line"], f"{name}@{ref}", action=name, ref=ref, kind=kind)


# `curl … | sh`, `wget -O- … | sudo bash`, `sh -c "$(curl …)"`, `bash <(curl …)`, and the
# PowerShell form `iwr … | iex`.
_PIPED = re.compile(
    r"(?im)(?:^|[;&|(`]\s*|\b(?:sudo|then|do|exec)\s+)(?:curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:\S+=\S+\s+)*"
    r"(?:/usr/(?:local/)?bin/|/bin/)?(?:(?:ba|z|da|k|a)?sh|python[0-9.]*|perl|ruby|node)\b"
    r"|(?:ba|z|da|k)?sh\s+(?:-\S+\s+)*[\"']?\$\(\s*(?:curl|wget)\b|<\(\s*(?:curl|wget)\b"
    r"|\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b[^|\n]*\|\s*(?:iex|Invoke-Expression)\b"
)
# A download saved to a file that the same script then makes executable or runs.
_DOWNLOAD_TO = re.compile(r"(?i)\b(?:curl\b[^\n]*?\s(?:-o|--output)\s+|wget\b[^\n]*?\s(?:-O|--output-document)\s+)[\"']?([\w./${}-]+)")
_VERIFIED = re.compile(r"(?i)\b(?:sha(?:256|512|1)?sum|shasum|gpg\s+--verify|gpgv|cosign\s+verify|minisign|slsa-verifier|openssl\s+dgst|Get-FileHash|md5sum\s+-c)\b")


def remote_script(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    for node in jobs(doc):
        for step, script in scripts(node):
            piped = _PIPED.search(script)
            if piped:
                line = line_of(doc, node, step["run_line"], _first_line(piped.group(0)))
                yield match(node, line, f"piped:{_first_line(piped.group(0))[:60]}", how="pipes a download into an interpreter")
                continue
            if _VERIFIED.search(script):
                continue
            for download in _DOWNLOAD_TO.finditer(script):
                target = download.group(1)
                name = re.escape(target.rsplit("/", 1)[-1])
                if not name or name in (r"\-", "-"):
                    continue
                ran = re.search(rf"(?m)(?:chmod\s+\+?[0-7]*x\S*\s+\S*{name}\b|(?:^|[;&|]\s*|\b(?:sh|bash|python3?|sudo)\s+)\S*{name}(?:\s|$))", script[download.end():])
                if ran:
                    line = line_of(doc, node, step["run_line"], _first_line(download.group(0)))
                    yield match(node, line, f"download:{target[:60]}", how="runs a downloaded file without checking its checksum or signature")
                    break


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


# `name`, `repo/name`, `name:latest`: no digest, no variable.
_MUTABLE = re.compile(r"^(?!.*@)(?!.*\$)(?:[^/\s]+/)*[^/:\s]+(?::latest)?$")


def mutable_image(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    settings = params.get("settings") or {}
    require_digest = bool(settings.get("require_image_digest"))
    seen: set[tuple[str | None, int]] = set()
    for node in jobs(doc):
        for image in node.value["images"]:
            value = image["value"].strip()
            if not value or "$" in value or "@sha256:" in value:
                continue
            if not require_digest and (image.get("service") or not _MUTABLE.match(value)):
                continue  # by default: the image the job runs in, not its test databases
            where = (node.meta.get("path"), image["line"])
            if where in seen:  # a default image shared by every job: one finding, where it is set
                continue
            seen.add(where)
            kind = "no digest" if require_digest and _MUTABLE.match(value) is None else "untagged or :latest"
            yield match(node, image["line"], f"image:{value}", image=value, kind=kind)


_HTTP_URL = re.compile(r"http://(?:[^/\s@]+@)?([A-Za-z0-9.-]+)(?::\d+)?[^\s\"'`]*")
_LOCAL_HOST = re.compile(r"^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|host\.docker\.internal|[A-Za-z0-9-]+)$")  # dotless: a CI service container
# A command that downloads or publishes through the URL (not a test hitting a local server).
_TRANSFER = re.compile(
    r"(?i)\b(?:curl|wget|Invoke-WebRequest|iwr|pip3?\s+install|pip3?\s+download|uv\s+pip|npm|yarn|pnpm|twine|helm\s+repo\s+add|helm\s+(?:pull|push)"
    r"|docker\s+(?:login|pull|push)|mvn|gradle|nuget|dotnet\s+nuget|gem|apt-key|add-apt-repository|git\s+clone|scp|rsync|aws\s+s3)\b"
    r"|--(?:extra-)?index-url|--registry|--trusted-host|-i\s+http"
)
_URL_SETTING = re.compile(r"(?i)(?:INDEX_URL|REGISTRY|REPOSITORY_URL|REPO_URL|ARTIFACT|MIRROR|NEXUS|ARTIFACTORY|DOWNLOAD_URL)")


def plain_http(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    for node in jobs(doc):
        for step, script in scripts(node):
            for raw in script.splitlines():
                found = _HTTP_URL.search(raw)
                if found is None or _LOCAL_HOST.match(found.group(1)) or not _TRANSFER.search(raw):
                    continue
                line = line_of(doc, node, step["run_line"], raw)
                yield match(node, line, f"url:{found.group(1)}", host=found.group(1))
        entries = list(node.value["env"]) + [e for s in node.value["steps"] for e in (*s["env"], *s["with"])]
        for entry in entries:
            found = _HTTP_URL.search(entry["value"])
            if found and not _LOCAL_HOST.match(found.group(1)) and _URL_SETTING.search(entry["name"]):
                yield match(node, entry["line"], f"setting:{entry['name']}", host=found.group(1))
