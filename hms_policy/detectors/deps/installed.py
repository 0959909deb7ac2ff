"""Known-vulnerable installed packages: OS packages (dpkg, apk) and language packages as
installed in an image or an unpacked root filesystem (Python dist-info, node_modules,
pom.properties inside jars).

params:
  vuln_db   the scan's `vuln_db` setting (as for the manifest rule)

The OS ecosystem comes from os-release: an image scan hands it to the document
(`hms.os_release` memo); in a tree that is an unpacked root filesystem it is read from
etc/os-release beside the record, inside the scanned tree only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Mapping

from hms_policy.engine.registry import DetectorUnavailable
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

OS_RELEASE_MEMO = "hms.os_release"
MAX_IDS_IN_MESSAGE = 3


def vulnerable_installed_package(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    from hms_policy.deps.installed import installed_packages
    from hms_policy.deps.sources import NO_SOURCE, SourceUnavailable, open_source
    from hms_policy.detectors.deps.vulnerable import fix_for
    from hms_policy.detectors.images.os_release import osv_ecosystem, parse_os_release

    if not params.get("vuln_db"):
        raise DetectorUnavailable(NO_SOURCE)
    os_info = parse_os_release(doc.memo(OS_RELEASE_MEMO, lambda: _sibling_os_release(doc)))
    found = installed_packages(doc.path, doc.text, osv_ecosystem(os_info))
    if found is None:
        return
    record_kind, deps = found
    if not deps:
        if record_kind in ("dpkg", "apk"):
            raise DetectorUnavailable(f"{record_kind} packages found but the OS release is unknown or not covered by OSV (no os-release)")
        return
    try:
        source = open_source(params.get("vuln_db"))
    except SourceUnavailable as exc:
        raise DetectorUnavailable(str(exc)) from None
    ecosystem = deps[0].ecosystem
    if not source.covers(ecosystem):
        raise DetectorUnavailable(f"the {source.description} holds no {ecosystem.split(':')[0]} advisories")
    try:
        advisories_by_key = source.lookup(deps)
    except SourceUnavailable as exc:
        raise DetectorUnavailable(str(exc)) from None
    seen: set[tuple[str, str]] = set()
    for dep in deps:
        assert dep.version is not None
        advisories = advisories_by_key.get((dep.ecosystem, dep.name, dep.version)) or []
        if not advisories or (dep.name, dep.version) in seen:
            continue
        seen.add((dep.name, dep.version))
        ids = [a.id for a in advisories]
        shown = ", ".join(ids[:MAX_IDS_IN_MESSAGE]) + (f" and {len(ids) - MAX_IDS_IN_MESSAGE} more" if len(ids) > MAX_IDS_IN_MESSAGE else "")
        yield Match(
            LineSpan.at(dep.line),
            entity=f"{dep.ecosystem}:{dep.name}",
            key=f"{dep.version}|{','.join(ids)}",
            context={
                "package": dep.name,
                "version": dep.version,
                "ecosystem": dep.ecosystem,
                "count": f"{len(ids)} known {'vulnerability' if len(ids) == 1 else 'vulnerabilities'}",
                "ids": shown,
                "fix": fix_for(dep, advisories, source),
                "record": record_kind,
            },
            extra={"package": dep.name, "version": dep.version, "ecosystem": dep.ecosystem, "installed_by": record_kind, "advisories": [a.to_dict() for a in advisories], "source": source.description},
        )


def _sibling_os_release(doc: Document) -> bytes:
    """etc/os-release of the root filesystem the record sits in, when that root is inside the
    scanned tree (never above it)."""
    if doc.file.abspath is None:
        return b""
    depth = len(Path(doc.path).parts)
    marker = doc.path.find("var/lib/dpkg/") if "var/lib/dpkg/" in doc.path else doc.path.find("lib/apk/db/")
    if marker < 0:
        return b""
    root_rel = doc.path[:marker].rstrip("/")
    scan_root = doc.file.abspath
    for _ in range(depth):
        scan_root = scan_root.parent
    candidate = scan_root / root_rel / "etc" / "os-release" if root_rel else scan_root / "etc" / "os-release"
    try:
        if candidate.resolve().is_relative_to(scan_root.resolve()) and candidate.is_file():
            return candidate.read_bytes()[:65536]
    except OSError:
        return b""
    return b""
