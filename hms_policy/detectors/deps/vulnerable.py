"""Known-vulnerable pinned dependencies in manifests and lock files (OSV data).

params:
  vuln_db   the scan's `vuln_db` setting, bound from settings by the rule YAML
            (`{from_settings: vuln_db}`): a local OSV path or "online".

Raises `DetectorUnavailable` when no vulnerability source can answer (none configured,
path missing, service unreachable, or the database holds nothing for the manifest's
ecosystem), so the control is `not-evaluated` rather than passed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Mapping

from hms_policy.engine.registry import DetectorUnavailable
from hms_policy.model import LineSpan, Match, ScanError
from hms_policy.targets.document import Document

if TYPE_CHECKING:
    from hms_policy.deps.manifests import Dependency

MAX_IDS_IN_MESSAGE = 3


def vulnerable_dependency(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    from hms_policy.deps.manifests import ManifestError, read_manifest
    from hms_policy.deps.sources import NO_SOURCE, SourceUnavailable, open_source

    if not params.get("vuln_db"):
        # Nothing to look dependencies up in: say so before the (slow) manifest parse, which
        # the result cache would otherwise repeat on every re-scan (this rule is retried).
        raise DetectorUnavailable(NO_SOURCE)
    try:
        manifest = read_manifest(doc.path, doc.text)
    except ManifestError as exc:
        doc.errors.append(ScanError(doc.path, f"cannot parse dependency manifest: {exc}", "parse"))
        return
    if manifest is None:
        return
    for problem in manifest.problems[:20]:
        doc.errors.append(ScanError(doc.path, f"{manifest.kind}: {problem}", "parse"))
    try:
        source = open_source(params.get("vuln_db"))
    except SourceUnavailable as exc:
        raise DetectorUnavailable(str(exc)) from None
    if not source.covers(manifest.ecosystem):
        raise DetectorUnavailable(f"the {source.description} holds no {manifest.ecosystem} advisories")
    pins: list[tuple[str | None, Dependency]] = [(None, dep) for dep in manifest.pinned]
    if manifest.kind == "requirements":
        pins.extend(_included_pins(doc))
    try:
        found = source.lookup([dep for _, dep in pins])
    except SourceUnavailable as exc:
        raise DetectorUnavailable(str(exc)) from None
    reported: set[tuple[str | None, str, str, int]] = set()
    for where, dep in pins:
        assert dep.version is not None
        advisories = found.get((dep.ecosystem, dep.name, dep.version)) or []
        if not advisories or (where, dep.name, dep.version, dep.line) in reported:
            continue
        reported.add((where, dep.name, dep.version, dep.line))
        ids = [a.id for a in advisories]
        shown = ", ".join(ids[:MAX_IDS_IN_MESSAGE]) + (f" and {len(ids) - MAX_IDS_IN_MESSAGE} more" if len(ids) > MAX_IDS_IN_MESSAGE else "")
        count = f"{len(ids)} known {'vulnerability' if len(ids) == 1 else 'vulnerabilities'}"
        yield Match(
            LineSpan.at(dep.line),
            entity=f"{dep.ecosystem}:{dep.name}",
            key=f"{dep.version}|{','.join(ids)}",
            context={
                "package": dep.name,
                "version": dep.version,
                "ecosystem": dep.ecosystem,
                "count": count,
                "ids": shown,
                "fix": _fix_text(advisories, dep.ecosystem),
            },
            extra={
                "package": dep.name,
                "version": dep.version,
                "ecosystem": dep.ecosystem,
                "advisories": [a.to_dict() for a in advisories],
                "source": source.description,
            },
            path=where,
        )


def _included_pins(doc: Document) -> list[tuple[str, Dependency]]:
    """(path, pinned dependency) from the files `doc` includes with `-r` / `-c`. Each included
    file is registered in `doc.included`, so findings point at the line that pins. A file that
    the scan also covers on its own yields the same findings there; the report keeps one."""
    from hms_policy.deps.includes import follow
    from hms_policy.deps.manifests import ManifestError, parse_requirements
    from hms_policy.targets.discover import DEFAULT_MAX_FILE_BYTES

    if doc.file.abspath is None:
        return []
    included = follow(doc.path, doc.file.abspath, doc.text, DEFAULT_MAX_FILE_BYTES)
    for line, problem in included.problems:
        doc.errors.append(ScanError(doc.path, f"line {line}: {problem}", "include"))
    pins: list[tuple[str, Dependency]] = []
    for source in included.files:
        other = Document(source)
        doc.external_inputs.append((f"file:{source.abspath}", source.sha256))
        try:
            manifest = parse_requirements(other.text)
        except ManifestError:
            continue  # reported where the file is scanned as a requirements file
        doc.included[source.path] = other
        pins.extend((source.path, dep) for dep in manifest.pinned)
    return pins


def _fix_text(advisories: list[Any], ecosystem: str) -> str:
    """"upgrade to X" where X fixes every advisory: the highest of their first fixes."""
    from hms_policy.deps.versions import InvalidVersion, sort_key

    unfixed = [a.id for a in advisories if not a.fixed]
    firsts = [a.fixed[0] for a in advisories if a.fixed]
    if not firsts:
        return "no fixed version is published"
    try:
        target = max(firsts, key=lambda v: sort_key(ecosystem, v))
    except InvalidVersion:
        target = firsts[-1]
    text = f"upgrade to {target} or later"
    if unfixed:
        text += f" ({', '.join(unfixed[:2])} has no fix yet)"
    return text
