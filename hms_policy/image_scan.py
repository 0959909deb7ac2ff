"""Scan a container image: every text rule over the files of every layer, the image config,
and the installed packages, in one streaming pass over the layers.

    layer 0..N   each entry once, in order (nothing is unpacked to disk): whiteouts and
                 writes go into a `LayerHistory`; text files are scanned as they stream by
                 and their findings kept with (layer, path); installed-package records
                 (dpkg status, apk installed, *.dist-info/METADATA, installed package.json,
                 pom.properties inside jars) are kept, latest version only, for the end
    the end      package records and the image config are scanned; each layer finding
                 learns its fate (in the final filesystem, or deleted / overwritten in a
                 later layer: still shipped in the earlier layer's blob)

Locations read `<image>@sha256:<digest>!layer/<N>:/<path>` (and `...!config` for the
config); fingerprints are those of the in-image path, so a baseline survives rebuilds.
Files that package managers own (/usr, /lib, site-packages, node_modules, ...) have the
`vendored` role: only the vulnerable-dependency rules judge them, as in a source tree.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from hms_policy.model import Finding, FileRole, Report, ScanError, TargetInfo, TargetKind
from hms_policy.targets.images.history import LayerHistory
from hms_policy.targets.images.layers import LayerEntry, LayerError, iter_entries
from hms_policy.targets.images.layout import Image, ImageError, open_image

# Paths that package managers own: someone else's files (judged only for known
# vulnerabilities). Application code under /usr/src, /usr/local/bin, /srv, /app, /opt/<app>,
# /home and /etc stays judged.
IMAGE_VENDORED_PATHS = (
    "/usr/**", "!/usr/src/**", "!/usr/local/**", "/usr/local/lib/**", "/usr/local/include/**",
    "/usr/local/share/**", "/lib/**", "/lib32/**", "/lib64/**", "/libx32/**", "/bin/**", "/sbin/**",
    "/var/lib/**", "/var/cache/**", "/var/log/apt/**", "/var/log/dpkg.log", "/etc/ssl/certs/**",
    "**/node_modules/**", "**/site-packages/**", "**/dist-packages/**", "**/__pycache__/**",
    "/proc/**", "/sys/**", "/dev/**",
)
# Installed-package records, scanned once (the final version) at the end of the pass.
_PACKAGE_RECORD = re.compile(
    r"(?:^|/)var/lib/dpkg/status$|(?:^|/)var/lib/dpkg/status\.d/[^/]+$|(?:^|/)lib/apk/db/installed$"
    r"|\.dist-info/METADATA$|\.egg-info/PKG-INFO$|(?:^|/)node_modules/(?:@[^/]+/)?[^/]+/package\.json$"
)
_OS_RELEASE = ("etc/os-release", "usr/lib/os-release")
_JAR = re.compile(r"\.(?:jar|war|ear)$", re.I)
_POM_PROPERTIES = re.compile(r"^(?:BOOT-INF/lib/|WEB-INF/lib/)?META-INF/maven/[^/]+/[^/]+/pom\.properties$")
MAX_ARCHIVE_BYTES = 128 * 1024 * 1024  # jars read into memory to find pom.properties
MAX_NESTED_JARS = 2000
CONFIG_PATH = "image-config.json"
MAX_PENDING_BYTES = 64 * 1024 * 1024  # /etc files held back per layer until its package records are read


@dataclass(slots=True)
class _Pass:
    """What one pass over the layers collected."""

    findings: list[tuple[int, str, Finding]] = field(default_factory=list)  # (layer, path, finding)
    records: dict[str, tuple[int, bytes]] = field(default_factory=dict)  # package record path -> (layer, latest bytes)
    os_release: bytes = b""
    errors: list[ScanError] = field(default_factory=list)
    evaluated: set[str] = field(default_factory=set)
    leaves: int = 0
    bytes_scanned: int = 0
    roles: dict[str, int] = field(default_factory=dict)
    # Files under /etc of the current layer, judged once the layer's package records are known.
    pending: list[tuple[str, bytes]] = field(default_factory=list)


def image_location(image: Image, layer: int | None, path: str) -> str:
    where = "config" if layer is None else f"layer/{layer}:/{path}"
    return f"{image.name}@{image.digest}!{where}"


def scan_image(source: Path, settings: Mapping[str, Any], *, platform: str | None = None, categories: Sequence[str] | None = None, display_name: str | None = None) -> Report:
    """Scan the image in `source` (docker/podman save tar, OCI archive or OCI layout dir)."""
    from hms_policy.api import active_rules, bind_rule_settings, gate, load_catalogue
    from hms_policy.catalog.packs import DEFAULT_POLICIES
    from hms_policy.engine.gate import select_categories
    from hms_policy.engine.roles import policy_from_settings
    from hms_policy.engine.run import ScanPlan
    from hms_policy.report.build import build_report
    from hms_policy.targets.discover import DEFAULT_MAX_FILE_BYTES

    policy = settings.get("policy") or list(DEFAULT_POLICIES)
    fail_on = gate(settings.get("fail_on", "high"))
    catalogue = load_catalogue([policy] if isinstance(policy, str) else list(policy), [Path(d) for d in settings.get("rules_dirs", [])])
    active = bind_rule_settings(active_rules(catalogue, disable=settings.get("disable", ()), preview=bool(settings.get("preview"))), settings)
    if categories:
        active = select_categories(active, categories)
    roles = policy_from_settings(settings)
    roles = dataclasses.replace(roles, paths=(*roles.paths, (FileRole.VENDORED, IMAGE_VENDORED_PATHS)))
    max_bytes = int(settings.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES))
    plan = ScanPlan(active, catalogue.detectors, max_bytes, _dt.date.today(), min_confidence=settings.get("min_confidence"), roles=roles)

    image = open_image(source, platform)
    if display_name:
        image.name = display_name
    try:
        state = _Pass(errors=[ScanError(image.name, note, "image") for note in image.notes])
        history = LayerHistory()
        for layer in image.layers:
            _scan_layer(plan, image, layer.index, layer.open, history, state)
        _scan_records(plan, image, state)
        config_findings = _scan_config(plan, image, state)
    finally:
        image.close()
    findings = [_relocate(image, layer, path, f, history) for layer, path, f in state.findings]
    findings.extend(config_findings)
    findings = list({(f.fingerprint, f.path, f.line): f for f in findings}.values())
    if settings.get("ignore"):
        from hms_policy.engine.suppress import apply_config_ignores

        findings = apply_config_ignores(findings, settings["ignore"], plan.today)
    target = TargetInfo(
        root=source.as_posix(),
        name=image.name,
        git_commit=None,
        files_scanned=state.leaves,
        bytes_scanned=state.bytes_scanned,
        digest=image.digest,
        selection={"mode": "image", "paths": [source.name], "max_file_bytes": max_bytes},
        roles={"files": dict(sorted(state.roles.items())), "not_judged": roles.skipped()},
        image={
            "name": image.name,
            "digest": image.digest,
            "config_digest": image.config_digest,
            "platform": image.platform,
            "layers": [{"index": layer.index, "digest": layer.digest} for layer in image.layers],
            "os": _os_name(state.os_release),
        },
    )
    return build_report(
        target=target,
        packs=catalogue.packs,
        active_rule_ids={a.rule.id for a in active},
        findings=findings,
        evaluated=state.evaluated,
        errors=state.errors,
        fail_on=fail_on,
        rules=(a.rule for a in active),
    )


def _scan_layer(plan: Any, image: Image, index: int, opener: Any, history: LayerHistory, state: _Pass) -> None:
    problems: dict[str, int] = {}
    too_large: list[str] = []
    try:
        with opener() as raw:
            for entry in iter_entries(raw):
                if entry.problem is not None:
                    problems[entry.problem] = problems.get(entry.problem, 0) + 1
                    if problems[entry.problem] == 1:
                        state.errors.append(ScanError(image_location(image, index, entry.path), entry.problem, "image-entry"))
                    continue
                if entry.type == "whiteout":
                    history.whiteout(entry.path, index)
                elif entry.type == "opaque":
                    history.opaque(entry.path, index)
                elif entry.type in ("file", "hardlink", "symlink"):
                    history.wrote(entry.path, index)
                    if entry.type == "file":
                        _take_file(plan, image, index, entry, state, too_large)
        _scan_pending(plan, image, index, state)
    except (LayerError, ImageError) as exc:
        state.errors.append(ScanError(image_location(image, index, ""), f"layer {index}: {exc}", "image-layer"))
    except OSError as exc:
        state.errors.append(ScanError(image_location(image, index, ""), f"layer {index} cannot be read ({type(exc).__name__})", "image-layer"))
    for problem, count in problems.items():
        if count > 1:
            state.errors.append(ScanError(image_location(image, index, ""), f"{count} entries: {problem}", "image-entry"))
    if too_large:
        state.errors.append(ScanError(image_location(image, index, too_large[0]), f"{len(too_large)} text file(s) larger than max_file_bytes ({plan.max_file_bytes}) not read in layer {index}", "too-large"))


def _take_file(plan: Any, image: Image, index: int, entry: LayerEntry, state: _Pass, too_large: list[str]) -> None:
    from hms_policy.targets.kinds import classify

    path = entry.path
    if _PACKAGE_RECORD.search(path):
        if entry.size <= plan.max_file_bytes:
            state.records[path] = (index, entry.read(plan.max_file_bytes))
        return
    if _JAR.search(path):
        if entry.size <= MAX_ARCHIVE_BYTES:
            _take_jar(path, index, entry.read(MAX_ARCHIVE_BYTES), state)
        return
    kind_by_name = classify(path, b"")
    role = plan.roles.role_of(path, kind_by_name)
    if role is FileRole.VENDORED and path not in _OS_RELEASE:
        state.roles["vendored"] = state.roles.get("vendored", 0) + 1
        return  # never read: only vulnerable-dependency rules judge these, through the package records
    if entry.size > plan.max_file_bytes:
        if _take_go_binary(path, index, entry, state):
            return
        if kind_by_name is not TargetKind.BINARY and not _looks_binary_by_name(path):
            too_large.append(path)
        return
    data = entry.read(plan.max_file_bytes)  # a stream: each entry is read once, forward
    if data.startswith(b"\x7fELF"):
        _record_go_modules(path, index, data, state)
        return
    if path in _OS_RELEASE:
        state.os_release = data[: 64 * 1024]
    if path.startswith("etc/") and sum(len(d) for _, d in state.pending) < MAX_PENDING_BYTES:
        state.pending.append((path, data))  # a package's unmodified default, or ours? known at the layer's end
        return
    _scan_bytes(plan, image, index, path, data, state)


def _take_go_binary(path: str, index: int, entry: LayerEntry, state: _Pass) -> bool:
    """A binary above the text size cap may still be a Go program with its module list.
    True when the entry was an executable (so it is no unread text file)."""
    if entry.size > MAX_ARCHIVE_BYTES:
        return False
    data = entry.read(MAX_ARCHIVE_BYTES)
    if not data.startswith(b"\x7fELF"):
        return False
    _record_go_modules(path, index, data, state)
    return True


def _record_go_modules(path: str, index: int, data: bytes, state: _Pass) -> None:
    from hms_policy.deps.installed import go_build_info

    modules = go_build_info(data)
    if modules is not None:
        state.records[f"{path}!/go.buildinfo"] = (index, modules.encode("utf-8"))


def _scan_pending(plan: Any, image: Image, index: int, state: _Pass) -> None:
    """/etc files of the layer: a configuration file exactly as its package installed it
    (dpkg's conffile md5, apk's file SHA-1) is the distribution's default, judged as vendored;
    one that the image changed or added is judged like any other file."""
    from hms_policy.deps.installed import packaged_file_digests

    pending, state.pending = state.pending, []
    if not pending:
        return
    packaged: dict[str, tuple[str, str]] = {}
    for record, (_, data) in state.records.items():
        packaged.update(packaged_file_digests(record, data.decode("utf-8", "replace")))
    for path, data in pending:
        recorded = packaged.get(path)
        if recorded is not None and hashlib.new(recorded[0], data, usedforsecurity=False).hexdigest() == recorded[1]:
            state.roles["vendored"] = state.roles.get("vendored", 0) + 1
            continue
        _scan_bytes(plan, image, index, path, data, state)


def _scan_bytes(plan: Any, image: Image, index: int | None, path: str, data: bytes, state: _Pass, seed: Mapping[str, Any] | None = None) -> list[Finding]:
    from hms_policy.engine.results import UnitResult
    from hms_policy.engine.run import scan_document
    from hms_policy.targets.document import Document, SourceFile
    from hms_policy.targets.kinds import HEAD_BYTES, classify
    from hms_policy.targets.parsers import parser_for

    kind = TargetKind.IMAGE_CONFIG if index is None else classify(path, data[:HEAD_BYTES])
    if kind is TargetKind.BINARY:
        return []
    digest = hashlib.sha256(data).hexdigest()
    source = SourceFile(path, kind, len(data), digest, data)
    doc = Document(source, parser_for(kind, path))
    for key, value in (seed or {}).items():
        doc.memo(key, lambda value=value: value)
    role = plan.roles.role_of(path, kind).value
    state.roles[role] = state.roles.get(role, 0) + 1
    state.leaves += 1
    state.bytes_scanned += len(data)
    unit = UnitResult()
    scan_document(plan, doc, unit)
    state.evaluated |= unit.evaluated
    where = image_location(image, index, path)
    state.errors.extend(ScanError(where, e.message, e.reason) for e in (*unit.errors, *doc.errors))
    if index is not None:
        state.findings.extend((index, path, f) for f in unit.findings)
    return list(unit.findings)


def _take_jar(path: str, index: int, data: bytes, state: _Pass, depth: int = 0) -> None:
    """pom.properties inside a jar (and inside the jars a fat jar nests), as package records."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        state.errors.append(ScanError(path, "not a readable jar; its Maven coordinates are unknown", "image-entry"))
        return
    nested = 0
    for name in names:
        info = archive.getinfo(name)
        if _POM_PROPERTIES.match(name) and info.file_size <= 64 * 1024:
            state.records[f"{path}!/{name}"] = (index, archive.read(name))
        elif depth == 0 and _JAR.search(name) and info.file_size <= MAX_ARCHIVE_BYTES and nested < MAX_NESTED_JARS:
            nested += 1
            _take_jar(f"{path}!/{name}", index, archive.read(name), state, depth + 1)


def _scan_records(plan: Any, image: Image, state: _Pass) -> None:
    seed = {"hms.os_release": state.os_release}
    for path, (index, data) in sorted(state.records.items()):
        _scan_bytes(plan, image, index, path, data, state, seed)


def _scan_config(plan: Any, image: Image, state: _Pass) -> list[Finding]:
    import json

    try:
        config = json.loads(image.config)
    except (ValueError, UnicodeDecodeError):
        state.errors.append(ScanError(image_location(image, None, ""), "the image config is not valid JSON; its user, environment and ports were not judged", "image"))
        return []
    # One value per line, so a finding's snippet never carries the other environment values.
    text = json.dumps(config, indent=2, ensure_ascii=False).encode("utf-8")
    found = _scan_bytes(plan, image, None, CONFIG_PATH, text, state)
    where = image_location(image, None, "")
    return [dataclasses.replace(f, path=where, extra={**f.extra, "image": image.name, "image_digest": image.digest}) for f in found]


def _relocate(image: Image, layer: int, path: str, finding: Finding, history: LayerHistory) -> Finding:
    """The finding at its image location, with the layer and what became of the file."""
    record_path = path.split("!/", 1)[0]
    fate, by = history.fate(record_path, layer)
    extra: dict[str, Any] = {**finding.extra, "image": image.name, "image_digest": image.digest, "layer": layer, "layer_digest": image.layers[layer].digest, "image_path": "/" + path, "in_final_image": fate == "final"}
    message = finding.message
    if fate != "final":
        extra[f"{fate}_in_layer"] = by
        message = f"{message} (in layer {layer}; {fate} in layer {by}, but still shipped in layer {layer}'s blob)"
    return dataclasses.replace(finding, path=image_location(image, layer, path), message=message, extra=extra)


def _looks_binary_by_name(path: str) -> bool:
    return path.endswith((".so", ".a", ".o", ".pyc", ".png", ".jpg", ".gz", ".zip", ".whl", ".class", ".bin", ".ttf", ".woff", ".woff2"))


def _os_name(os_release: bytes) -> str | None:
    from hms_policy.detectors.images.os_release import parse_os_release

    info = parse_os_release(os_release)
    if not info.get("ID"):
        return None
    return f"{info['ID']} {info.get('VERSION_ID', '')}".strip()
