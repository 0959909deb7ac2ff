"""Go modules: go.mod (the build list since Go 1.17 lists every module the build selects,
indirect ones included) and go.sum.

go.mod: `require path v1.2.3` lines or blocks; a `replace old => new v1.0.0` directive
means `new` at that version is what gets built, so it is judged instead; a replacement by a
local directory is not a release and is dropped. The `go` / `toolchain` lines (the standard
library) are not judged.

go.sum also lists versions minimum version selection did not pick (it holds the hashes of
every go.mod read while resolving). Judging it would report versions that are not built, so
it is read only for what a build downloads (entries without `/go.mod`), keeping the highest
version per module; DEP002 judges go.mod, and the SBOM uses go.sum only without a go.mod.
"""

from __future__ import annotations

import re

from hms_policy.deps.records import Dependency, Manifest, ManifestError
from hms_policy.deps.versions import InvalidVersion, sort_key

_REQUIRE_BLOCK = re.compile(r"^\s*(require|replace|exclude|retract)\s*\(\s*(?://.*)?$")
_DIRECTIVE = re.compile(r"^\s*(require|replace|exclude|retract)\s+(.+)$")
_MODULE = re.compile(r"^\s*module\s+\S+")


def parse_go_mod(text: str) -> Manifest:
    manifest = Manifest("go.mod", "Go")
    required: list[tuple[str, str, int]] = []
    replaced: dict[str, tuple[str, str | None]] = {}
    block: str | None = None
    saw_module = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("//", 1)[0].strip()
        if not line:
            continue
        saw_module = saw_module or bool(_MODULE.match(line))
        if block is not None:
            if line == ")":
                block = None
            else:
                _directive(block, line, number, required, replaced, manifest)
            continue
        opened = _REQUIRE_BLOCK.match(line)
        if opened:
            block = opened.group(1)
            continue
        single = _DIRECTIVE.match(line)
        if single:
            _directive(single.group(1), single.group(2), number, required, replaced, manifest)
    if not saw_module and not required:
        raise ManifestError("not a go.mod: no module directive")
    for path, version, number in required:
        target = replaced.get(f"{path}@{version}") or replaced.get(path)
        if target is not None:
            path, new_version = target
            if new_version is None:
                continue  # replaced by a local directory: not a release
            version = new_version
        manifest.dependencies.append(Dependency("Go", path, _go_version(version), number))
    return manifest


def _directive(
    kind: str,
    body: str,
    number: int,
    required: list[tuple[str, str, int]],
    replaced: dict[str, tuple[str, str | None]],
    manifest: Manifest,
) -> None:
    words = [w.strip('"') for w in body.split()]
    if kind == "require":
        if len(words) < 2:
            manifest.problems.append(f"line {number}: a require without a version (skipped)")
            return
        required.append((words[0], words[1], number))
    elif kind == "replace" and "=>" in words:
        arrow = words.index("=>")
        old, new = words[:arrow], words[arrow + 1 :]
        if not old or not new:
            manifest.problems.append(f"line {number}: an incomplete replace directive (skipped)")
            return
        key = f"{old[0]}@{old[1]}" if len(old) > 1 else old[0]
        local = new[0].startswith((".", "/")) or len(new) < 2
        replaced[key] = (new[0], None if local else new[1])


def _go_version(text: str) -> str | None:
    """A Go module version ("v1.2.3", a pseudo-version, "+incompatible") or None."""
    try:
        sort_key("Go", text)
    except InvalidVersion:
        return None
    return text


def parse_go_sum(text: str) -> Manifest:
    manifest = Manifest("go.sum", "Go")
    best: dict[str, tuple[str, int]] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        words = raw.split()
        if not words:
            continue
        if len(words) != 3 or not words[2].startswith("h1:"):
            manifest.problems.append(f"line {number}: not a go.sum entry (skipped)")
            continue
        path, version = words[0], words[1]
        if version.endswith("/go.mod"):
            continue
        if _go_version(version) is None:
            continue
        held = best.get(path)
        if held is None or sort_key("Go", held[0]) < sort_key("Go", version):
            best[path] = (version, number)
    for path, (version, number) in best.items():
        manifest.dependencies.append(Dependency("Go", path, version, number))
    return manifest
