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
    from hms_policy.deps.osv import Advisory
    from hms_policy.deps.sources import VulnerabilitySource

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
        yield _finding(dep, advisories, source, where)


def fix_for(dep: Dependency, advisories: list[Advisory], source: VulnerabilitySource) -> str:
    """The remedy for a vulnerable pin, in words (also used for packages installed in images)."""
    from hms_policy.deps.advice import fix_text, merge_aliases

    upgrade, clears_all = source.upgrade(dep, advisories)
    return fix_text(merge_aliases(advisories, dep.ecosystem), upgrade, clears_all, dep.ecosystem)


def _finding(dep: Dependency, advisories: list[Advisory], source: VulnerabilitySource, where: str | None) -> Match:
    from hms_policy.deps.advice import fix_text, merge_aliases, shown_ids

    vulnerabilities = merge_aliases(advisories, dep.ecosystem)
    upgrade, clears_all = source.upgrade(dep, advisories)
    count = len(vulnerabilities)
    return Match(
        LineSpan.at(dep.line),
        entity=f"{dep.ecosystem}:{dep.name}",
        # the record ids, as before aliases were merged: fingerprints stay put
        key=f"{dep.version}|{','.join(a.id for a in advisories)}",
        context={
            "package": dep.name,
            "version": str(dep.version),
            "ecosystem": dep.ecosystem,
            "count": f"{count} known {'vulnerability' if count == 1 else 'vulnerabilities'}",
            "ids": shown_ids(vulnerabilities, MAX_IDS_IN_MESSAGE),
            "fix": fix_text(vulnerabilities, upgrade, clears_all, dep.ecosystem),
        },
        extra={
            "package": dep.name,
            "version": dep.version,
            "ecosystem": dep.ecosystem,
            "advisories": [a.to_dict() for a in advisories],
            "vulnerabilities": [v.to_dict() for v in vulnerabilities],
            "fixed_versions": sorted({f for v in vulnerabilities for f in v.fixed[:1]}),
            "smallest_upgrade": upgrade,
            "upgrade_clears_all_known": clears_all,
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
