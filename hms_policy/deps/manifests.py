"""Dependency manifests -> `Dependency` records (ecosystem, name, pinned version, line).

Only versions a manifest pins are judged: `name==1.2.3` in requirements files, exact
versions in lock files, `"lodash": "4.17.15"` in package.json, literal or property-given
`<version>` in pom.xml (properties of the file itself, `${project.version}` and
`${project.parent.version}`; a dependency without a version is pinned by the file's own
`<dependencyManagement>` entry, judged there; a parent POM, an imported BOM, profiles and
`-D` flags are not read, and what they would give is listed in `problems`). A range (`django>=3.2`, `^4.17.0`, `[1.0,2.0)`) names no single
version: resolving it needs the package index (pip-audit does that by installing into a
virtual environment), which an offline scan cannot do, so ranged entries are returned
with `version=None` and not judged; pin or lock to get a verdict.

Requirements files are read with `pip-requirements-parser` (the parser pip-audit uses),
TOML with `tomllib`, JSON with `json`, pom.xml with expat (external entities are never
fetched; a DOCTYPE is refused). Syntax errors become `ManifestError`; a requirements file
keeps its readable lines and reports the bad ones in `problems`.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any, Callable, Iterable, Iterator, Mapping

from hms_policy.deps.records import Dependency, Manifest, ManifestError, find_line, json_key_lines, json_type, parse_json_object, parse_toml
from hms_policy.deps.lockfiles import LOCKFILE_PARSERS
from hms_policy.deps.versions import InvalidVersion, exact_semver, sort_key

__all__ = ["Dependency", "Manifest", "ManifestError", "exact_semver", "manifest_kind", "read_manifest"]


_REQUIREMENTS_NAME = re.compile(r"^(?:.*[-_.])?requirements(?:[-_.].*)?\.(?:txt|in)$|^constraints.*\.txt$")


def manifest_kind(path: str) -> str | None:
    """Which parser reads the file at POSIX `path`, or None when none does."""
    pure = PurePosixPath(path)
    name = pure.name
    lower = name.lower()
    if name in _PARSERS and name != "requirements":
        return name
    if _REQUIREMENTS_NAME.match(lower) or (pure.parent.name.startswith("requirements") and pure.suffix in (".txt", ".in")):
        return "requirements"
    if lower.startswith("pylock.") and lower.endswith(".toml"):
        return "pylock.toml"
    if name.endswith("-gradle.lockfile") or (pure.suffix == ".lockfile" and pure.parent.name == "dependency-locks"):
        return "gradle.lockfile"  # buildscript-gradle.lockfile; per-configuration files before Gradle 6.8
    return None


def read_manifest(path: str, text: str) -> Manifest | None:
    kind = manifest_kind(path)
    if kind is None:
        return None
    return _PARSERS[kind](text)


# --- PyPI --------------------------------------------------------------------------------

_PINNED = re.compile(r"^===?\s*([^\s,;*]+)$")


def pinned_pep440(specifier: str) -> str | None:
    """The version an `==X` / `===X` specifier pins, None for anything wider."""
    found = _PINNED.match(specifier.strip())
    if not found:
        return None
    try:
        sort_key("PyPI", found.group(1))
    except InvalidVersion:
        return None
    return found.group(1)


def parse_requirements(text: str) -> Manifest:
    from pip_requirements_parser import RequirementsFile  # pip-audit's requirements parser

    manifest = Manifest("requirements", "PyPI")
    # The parser reads files (its from_string is broken in some releases): give it one.
    import os
    import tempfile

    with tempfile.TemporaryDirectory(prefix="hms-req-") as tmp:
        path = os.path.join(tmp, "requirements.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            parsed = RequirementsFile.from_file(path, include_nested=False)
        except Exception as exc:  # the parser raises several pip-internal error types
            raise ManifestError(f"cannot read requirements: {type(exc).__name__}") from None
    for bad in parsed.invalid_lines:
        manifest.problems.append(f"line {bad.line_number}: not a valid requirement (skipped)")
    for req in parsed.requirements:
        if req.req is None or req.is_url or req.is_editable or not req.name:
            continue
        # Environment markers are not evaluated: the scanned project may be installed on other
        # platforms and Pythons than the scanner's, and a verdict must not depend on them.
        version = pinned_pep440(str(req.specifier)) if req.specifier else None
        manifest.dependencies.append(Dependency("PyPI", req.name, version, int(req.line_number or 1)))
    return manifest


def _pep508(entries: Iterable[Any], lines: list[str], manifest: Manifest) -> None:
    from packaging.requirements import InvalidRequirement, Requirement

    for entry in entries:
        if not isinstance(entry, str):
            continue
        try:
            req = Requirement(entry)
        except InvalidRequirement:
            manifest.problems.append(f"not a valid requirement string near {entry.split()[0][:40]!r}")
            continue
        if req.url:
            continue
        where = find_line(lines, re.compile(r"[\"']\s*" + re.escape(req.name) + r"(?![A-Za-z0-9_.-])", re.I))
        manifest.dependencies.append(Dependency("PyPI", req.name, pinned_pep440(str(req.specifier)), where))


_POETRY_EXACT = re.compile(r"^=?=?\s*(\d[^\s,*^~<>!=|]*)$")


def _poetry_table(table: Mapping[str, Any], lines: list[str], manifest: Manifest) -> None:
    for name, spec in table.items():
        if name.lower() == "python":
            continue
        version_text = spec.get("version") if isinstance(spec, Mapping) else spec
        version = None
        if isinstance(version_text, str):
            found = _POETRY_EXACT.match(version_text.strip())  # Poetry: a bare version is exact
            if found:
                version = pinned_pep440("==" + found.group(1))
        where = find_line(lines, re.compile(r"^\s*[\"']?" + re.escape(name) + r"[\"']?\s*=", re.I))
        manifest.dependencies.append(Dependency("PyPI", name, version, where))


def parse_pyproject(text: str) -> Manifest:
    data = parse_toml(text)
    lines = text.splitlines()
    manifest = Manifest("pyproject", "PyPI")
    project = data.get("project") if isinstance(data.get("project"), Mapping) else {}
    _pep508(project.get("dependencies") or (), lines, manifest)
    for group in (project.get("optional-dependencies") or {}).values():
        _pep508(group or (), lines, manifest)
    for group in (data.get("dependency-groups") or {}).values():
        _pep508(group or (), lines, manifest)
    poetry = (data.get("tool") or {}).get("poetry") or {}
    if isinstance(poetry, Mapping):
        for key in ("dependencies", "dev-dependencies"):
            if isinstance(poetry.get(key), Mapping):
                _poetry_table(poetry[key], lines, manifest)
        for group in (poetry.get("group") or {}).values():
            if isinstance(group, Mapping) and isinstance(group.get("dependencies"), Mapping):
                _poetry_table(group["dependencies"], lines, manifest)
    return manifest


def parse_pipfile(text: str) -> Manifest:
    data = parse_toml(text)
    lines = text.splitlines()
    manifest = Manifest("Pipfile", "PyPI")
    for section in ("packages", "dev-packages"):
        table = data.get(section)
        if not isinstance(table, Mapping):
            continue
        for name, spec in table.items():
            version_text = spec.get("version") if isinstance(spec, Mapping) else spec
            version = pinned_pep440(version_text) if isinstance(version_text, str) else None
            where = find_line(lines, re.compile(r"^\s*[\"']?" + re.escape(name) + r"[\"']?\s*=", re.I))
            manifest.dependencies.append(Dependency("PyPI", name, version, where))
    return manifest


_TOML_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*(package|packages)\s*\]\]\s*(?:#.*)?$")
_TOML_NAME = re.compile(r"^\s*name\s*=\s*[\"']([^\"']+)[\"']")


def _lock_lines(text: str) -> Iterator[int]:
    """The line of each [[package]] entry's `name =`, in file order."""
    header_line = 0
    named = True
    for number, line in enumerate(text.splitlines(), 1):
        if _TOML_ARRAY_HEADER.match(line):
            if not named:
                yield header_line
            header_line, named = number, False
        elif not named and _TOML_NAME.match(line):
            named = True
            yield number
    if not named:
        yield header_line


def _local_source(package: Mapping[str, Any]) -> bool:
    """The project itself or a path/VCS checkout: not a registry release."""
    source = package.get("source")
    if isinstance(source, Mapping):
        if source.get("type") in ("directory", "file", "git", "url") or {"editable", "virtual", "directory", "path", "git"} & set(source):
            return True
    return any(key in package for key in ("directory", "vcs", "archive")) and "version" not in package


def parse_python_lock(kind: str) -> Callable[[str], Manifest]:
    def parse(text: str) -> Manifest:
        data = parse_toml(text)
        packages = data.get("package") or data.get("packages") or []
        manifest = Manifest(kind, "PyPI")
        lines = iter(_lock_lines(text))
        for package in packages if isinstance(packages, list) else ():
            line = next(lines, 1)
            if not isinstance(package, Mapping) or not isinstance(package.get("name"), str):
                continue
            if _local_source(package):
                continue
            version = package.get("version")
            pinned = pinned_pep440(f"=={version}") if isinstance(version, str) else None
            manifest.dependencies.append(Dependency("PyPI", package["name"], pinned, line))
        return manifest

    return parse


def parse_pipfile_lock(text: str) -> Manifest:
    data = parse_json_object(text, "Pipfile.lock")
    lines = text.splitlines()
    manifest = Manifest("Pipfile.lock", "PyPI")
    for section in ("default", "develop"):
        table = data.get(section)
        if not isinstance(table, Mapping):
            continue
        section_line = find_line(lines, re.compile(r"^\s*\"" + section + r"\"\s*:")) - 1
        for name, entry in table.items():
            if not isinstance(entry, Mapping):
                continue
            version = entry.get("version")
            pinned = pinned_pep440(version) if isinstance(version, str) else None
            where = find_line(lines, re.compile(r"^\s*\"" + re.escape(name) + r"\"\s*:"), section_line)
            manifest.dependencies.append(Dependency("PyPI", name, pinned, where))
    return manifest


# --- npm ---------------------------------------------------------------------------------

_NPM_SECTIONS = ("dependencies", "devDependencies", "optionalDependencies")


def parse_package_json(text: str) -> Manifest:
    data = parse_json_object(text, "package.json")
    lines = text.splitlines()
    manifest = Manifest("package.json", "npm")
    for section in _NPM_SECTIONS:
        table = data.get(section)
        section_line = find_line(lines, re.compile(r"\"" + section + r"\"\s*:")) - 1
        if table is not None and not isinstance(table, Mapping):
            manifest.problems.append(f"line {section_line + 1}: {section!r} is {json_type(table)}, not an object (skipped)")
        if not isinstance(table, Mapping):
            continue
        for name, spec in table.items():
            if not isinstance(spec, str):
                where = find_line(lines, re.compile(r"\"" + re.escape(name) + r"\"\s*:"), section_line)
                manifest.problems.append(f"line {where}: {name!r} in {section} is {json_type(spec)}, not a version string (skipped)")
                continue
            if spec.startswith("npm:"):  # an alias: "npm:real-name@1.2.3"
                real, _, spec = spec[4:].rpartition("@")
                name = real or name
            where = find_line(lines, re.compile(r"\"" + re.escape(name) + r"\"\s*:"), section_line)
            manifest.dependencies.append(Dependency("npm", name, exact_semver(spec), where))
    return manifest


def parse_package_lock(text: str) -> Manifest:
    data = parse_json_object(text, "package-lock.json")
    manifest = Manifest("package-lock.json", "npm")
    key_lines = json_key_lines(text)
    packages = data.get("packages")
    if isinstance(packages, Mapping):  # lockfileVersion 2 and 3
        for path, entry in packages.items():
            if not path or not isinstance(entry, Mapping) or entry.get("link") or "node_modules/" not in path:
                continue
            name = entry.get("name") or path.rsplit("node_modules/", 1)[-1]
            version = entry.get("version")
            pinned = exact_semver(version) if isinstance(version, str) else None
            line = (key_lines.get(path) or [1])[0]
            manifest.dependencies.append(Dependency("npm", str(name), pinned, line))
        return manifest
    # lockfileVersion 1: nested "dependencies"; object keys appear in text order.
    seen: dict[str, int] = {}

    def walk(table: Any) -> None:
        if not isinstance(table, Mapping):
            return
        for name, entry in table.items():
            if not isinstance(entry, Mapping):
                continue
            index = seen.get(name, 0)
            seen[name] = index + 1
            occurrences = key_lines.get(name) or [1]
            line = occurrences[min(index, len(occurrences) - 1)]
            version = entry.get("version")
            pinned = exact_semver(version) if isinstance(version, str) and not entry.get("bundled") else None
            manifest.dependencies.append(Dependency("npm", name, pinned, line))
            walk(entry.get("dependencies"))

    walk(data.get("dependencies"))
    return manifest


# --- Maven -------------------------------------------------------------------------------

_PROPERTY = re.compile(r"\$\{([^}]+)\}")


def parse_pom(text: str) -> Manifest:
    from xml.parsers import expat

    manifest = Manifest("pom.xml", "Maven")
    path: list[str] = []
    properties: dict[str, str] = {}
    project_values: dict[str, str] = {}
    raw: list[tuple[dict[str, str], int]] = []
    current: dict[str, str] | None = None
    current_line = 0
    buffer: list[str] = []

    parser = expat.ParserCreate()

    def refuse_doctype(*_: Any) -> None:
        raise ManifestError("pom.xml declares a DOCTYPE; refused (entity expansion)")

    def start(tag: str, _attrs: Any) -> None:
        nonlocal current, current_line
        tag = tag.rsplit("}", 1)[-1]
        path.append(tag)
        buffer.clear()
        if tag == "dependency" and len(path) >= 2 and path[-2] == "dependencies" and "plugin" not in path:
            current, current_line = {}, parser.CurrentLineNumber
            if "dependencyManagement" in path:
                current["_managed"] = "1"

    def end(tag: str) -> None:
        nonlocal current
        tag = tag.rsplit("}", 1)[-1]
        value = "".join(buffer).strip()
        buffer.clear()
        if current is not None and len(path) >= 2 and path[-2] == "dependency":
            if tag in ("groupId", "artifactId", "version", "scope", "type"):
                current[tag] = value
                if tag == "artifactId":
                    current["_line"] = str(parser.CurrentLineNumber)
        elif tag == "dependency" and current is not None:
            raw.append((current, int(current.get("_line", current_line))))
            current = None
        elif len(path) == 3 and path[0] == "project" and path[1] == "properties":
            properties[tag] = value
        elif len(path) == 2 and path[0] == "project" and tag in ("version", "groupId", "artifactId"):
            project_values[tag] = value
        elif len(path) == 3 and path[:2] == ["project", "parent"] and tag in ("version", "groupId"):
            project_values.setdefault(f"parent.{tag}", value)
        path.pop()

    def chars(data: str) -> None:
        buffer.append(data)

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(text.encode("utf-8"), True)
    except expat.ExpatError as exc:
        raise ManifestError(f"invalid XML at line {exc.lineno}: {expat.ErrorString(exc.code)}") from None

    known = dict(properties)
    for key, value in project_values.items():
        known[f"project.{key}"] = value
        known.setdefault(f"pom.{key}", value)
    if "version" not in project_values and "parent.version" in project_values:
        known["project.version"] = project_values["parent.version"]
    if "parent.version" in project_values:
        known["project.parent.version"] = project_values["parent.version"]
    unresolved: dict[str, int] = {}

    def resolve(value: str, line: int) -> str | None:
        for _ in range(5):  # properties may refer to properties
            if "${" not in value:
                return value
            value = _PROPERTY.sub(lambda m: known.get(m.group(1), m.group(0)), value)
        for name in _PROPERTY.findall(value):
            unresolved.setdefault(name, line)
        return None

    managed = {
        (resolve(dep.get("groupId", ""), line), resolve(dep.get("artifactId", ""), line))
        for dep, line in raw
        if dep.get("_managed") and dep.get("version")
    }
    from_elsewhere = 0
    for dep, line in raw:
        group, artifact = resolve(dep.get("groupId", ""), line), resolve(dep.get("artifactId", ""), line)
        if not group or not artifact:
            continue
        if not dep.get("version"):
            # The <dependencyManagement> entry of this file pins it and is judged on its own
            # line (where the fix goes); otherwise a parent POM or a BOM gives the version.
            from_elsewhere += (group, artifact) not in managed
            continue
        version = resolve(dep["version"], line) or None
        if version and (version[0] in "[(" or "," in version):  # a version range
            version = None
        if version:
            try:
                sort_key("Maven", version)
            except InvalidVersion:
                version = None
        manifest.dependencies.append(Dependency("Maven", f"{group}:{artifact}", version, line))
    if unresolved:  # one line per file: a module POM can name dozens of its parent's properties
        names = [f"${{{name}}}" for name in unresolved]
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        manifest.problems.append(
            f"line {min(unresolved.values())}: {shown}: not set in this file (a parent POM, profile or -D flag sets "
            f"{'it' if len(names) == 1 else 'them'}): those versions are not judged"
        )
    if from_elsewhere:
        manifest.problems.append(
            f"{from_elsewhere} dependencies take their version from a parent POM or an imported BOM (not read): not judged"
        )
    return manifest


_PARSERS: dict[str, Callable[[str], Manifest]] = {
    "requirements": parse_requirements,
    "pyproject.toml": parse_pyproject,
    "Pipfile": parse_pipfile,
    "Pipfile.lock": parse_pipfile_lock,
    "poetry.lock": parse_python_lock("poetry.lock"),
    "uv.lock": parse_python_lock("uv.lock"),
    "pdm.lock": parse_python_lock("pdm.lock"),
    "pylock.toml": parse_python_lock("pylock.toml"),
    "package.json": parse_package_json,
    "package-lock.json": parse_package_lock,
    "npm-shrinkwrap.json": parse_package_lock,
    "pom.xml": parse_pom,
    **LOCKFILE_PARSERS,
}
