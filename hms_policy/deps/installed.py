"""Packages as installed (not as declared): the records package managers leave behind.

    var/lib/dpkg/status, status.d/*   Debian / Ubuntu: Package, Version, Source (OSV keys
                                      Debian advisories by source package)
    lib/apk/db/installed              Alpine: P: name, V: version, o: origin (source package)
    *.dist-info/METADATA, PKG-INFO    Python: Name, Version
    node_modules/<pkg>/package.json   npm: name, version
    META-INF/maven/g/a/pom.properties Maven: groupId, artifactId, version

Each dependency carries the line of its record, so a finding points at it. The OS ecosystem
("Debian:12") comes from os-release, which the caller passes in.
"""

from __future__ import annotations

import json
import re
from typing import Iterator

from hms_policy.deps.manifests import Dependency

_SOURCE_VERSION = re.compile(r"^(\S+)(?:\s+\((\S+)\))?$")


def installed_packages(path: str, text: str, os_ecosystem: str | None) -> tuple[str, list[Dependency]] | None:
    """(record kind, dependencies) for a known record path, else None."""
    if path.endswith("var/lib/dpkg/status") or "/var/lib/dpkg/status.d/" in "/" + path:
        return "dpkg", list(_dpkg(text, os_ecosystem)) if os_ecosystem else []
    if path.endswith("lib/apk/db/installed"):
        return "apk", list(_apk(text, os_ecosystem)) if os_ecosystem else []
    if path.endswith((".dist-info/METADATA", ".egg-info/PKG-INFO")):
        return "python", list(_python(text))
    if path.endswith("/package.json") and "node_modules/" in path:
        return "npm", list(_npm(text))
    if path.endswith("/pom.properties"):
        return "maven", list(_maven(text))
    if path.endswith("!/go.buildinfo"):
        return "go build info", list(_go(text))
    return None


def _stanzas(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """RFC 822-style stanzas separated by blank lines: (first line, fields)."""
    fields: dict[str, str] = {}
    start = 0
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            if fields:
                yield start, fields
            fields, start = {}, 0
            continue
        if line[0] in " \t":
            continue  # continuation lines (descriptions) carry nothing we read
        key, sep, value = line.partition(":")
        if sep:
            if not fields:
                start = number
            fields.setdefault(key.strip(), value.strip())
    if fields:
        yield start, fields


def _dpkg(text: str, ecosystem: str) -> Iterator[Dependency]:
    for line, fields in _stanzas(text):
        status = fields.get("Status", "install ok installed")
        if not status.endswith(" installed") or not fields.get("Package") or not fields.get("Version"):
            continue
        name, version = fields["Package"], fields["Version"]
        source = _SOURCE_VERSION.match(fields.get("Source", ""))
        if source is not None:
            name = source[1]
            version = source[2] or version  # "Source: openssl (3.0.11-1)" when it differs
        yield Dependency(ecosystem, name, version, line)


def _apk(text: str, ecosystem: str) -> Iterator[Dependency]:
    for line, fields in _stanzas(text):
        name, version = fields.get("o") or fields.get("P"), fields.get("V")
        if name and version:
            yield Dependency(ecosystem, name, version, line)


def _python(text: str) -> Iterator[Dependency]:
    fields: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(text.splitlines()[:200], 1):
        if not line.strip():
            break  # the headers end at the first blank line; the description follows
        key, sep, value = line.partition(":")
        if sep and key in ("Name", "Version"):
            fields.setdefault(key, (number, value.strip()))
    if "Name" in fields and "Version" in fields:
        yield Dependency("PyPI", fields["Name"][1], fields["Version"][1], fields["Name"][0])


def _npm(text: str) -> Iterator[Dependency]:
    try:
        data = json.loads(text)
    except ValueError:
        return
    if isinstance(data, dict) and isinstance(data.get("name"), str) and isinstance(data.get("version"), str):
        line = next((n for n, t in enumerate(text.splitlines(), 1) if '"version"' in t), 1)
        yield Dependency("npm", data["name"], data["version"], line)


def _maven(text: str) -> Iterator[Dependency]:
    fields: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        key, sep, value = line.partition("=")
        if sep and key.strip() in ("groupId", "artifactId", "version"):
            fields[key.strip()] = (number, value.strip())
    if len(fields) == 3:
        yield Dependency("Maven", f"{fields['groupId'][1]}:{fields['artifactId'][1]}", fields["version"][1], fields["version"][0])


_GO_MAGIC = b"\xff Go buildinf:"
_GO_MAX_STRING = 1 << 20


def go_build_info(binary: bytes) -> str | None:
    """The module list a Go 1.18+ binary embeds (`go version -m` shows the same), as text:
    "go\t<version>" then the "mod" / "dep" / "=>" lines; None when there is none or it is in
    the older pointer format, which needs the binary's memory layout to read."""
    at = binary.find(_GO_MAGIC)
    if at < 0 or len(binary) < at + 32:
        return None
    flags = binary[at + 15]
    if not flags & 0x2:  # strings stored by pointer (Go before 1.18)
        return None
    position = at + 32
    strings = []
    for _ in range(2):
        length, shift = 0, 0
        while position < len(binary) and shift < 35:
            byte = binary[position]
            position += 1
            length |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        if length > _GO_MAX_STRING or position + length > len(binary):
            return None
        strings.append(binary[position : position + length])
        position += length
    version, modinfo = strings[0].decode("utf-8", "replace"), strings[1]
    if len(modinfo) > 32:
        modinfo = modinfo[16:-16]  # sentinels around the module list
    lines = [f"go\t{version}"] + [line for line in modinfo.decode("utf-8", "replace").splitlines() if line.startswith(("mod\t", "dep\t", "=>\t"))]
    return "\n".join(lines) + "\n"


def _go(text: str) -> Iterator[Dependency]:
    pending: tuple[int, str, str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split("\t")
        if parts[0] == "go" and len(parts) >= 2 and parts[1].startswith("go"):
            yield Dependency("Go", "stdlib", parts[1][2:].split(" ")[0], number)
        elif parts[0] in ("mod", "dep") and len(parts) >= 3:
            if pending is not None:
                yield Dependency("Go", pending[1], pending[2], pending[0])
            pending = (number, parts[1], parts[2]) if parts[2] not in ("(devel)", "") else None
        elif parts[0] == "=>" and len(parts) >= 3 and pending is not None:
            pending = (number, parts[1], parts[2])  # a replace directive: the replacement is what is built in
    if pending is not None:
        yield Dependency("Go", pending[1], pending[2], pending[0])


def packaged_file_digests(path: str, text: str) -> dict[str, tuple[str, str]]:
    """Files a package manager installed, with the digest it recorded: {"etc/x.conf": (algorithm,
    hex digest)}. dpkg records its configuration files (`Conffiles:` md5s in the status file);
    apk records every file (`R:` under `F:`, `Z:` "Q1" + base64 SHA-1)."""
    import base64
    import binascii

    out: dict[str, tuple[str, str]] = {}
    if path.endswith("var/lib/dpkg/status"):
        inside = False
        for line in text.splitlines():
            if line.startswith("Conffiles:"):
                inside = True
            elif inside and line.startswith(" "):
                parts = line.split()
                if len(parts) >= 2 and len(parts[1]) == 32:
                    out[parts[0].lstrip("/")] = ("md5", parts[1])
            else:
                inside = False
    elif path.endswith("lib/apk/db/installed"):
        folder, name = "", ""
        for line in text.splitlines():
            key, _, value = line.partition(":")
            if key == "F":
                folder = value.strip("/")
            elif key == "R":
                name = value
            elif key == "Z" and name and value.startswith("Q1"):
                try:
                    raw = base64.b64decode(value[2:], validate=True)
                except (binascii.Error, ValueError):
                    continue
                if len(raw) == 20:
                    out[f"{folder}/{name}" if folder else name] = ("sha1", raw.hex())
                name = ""
    return out
