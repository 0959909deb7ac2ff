"""Recompute a report's tree digest from a directory, repeating the scan's discovery.

The scan records how it chose its files in `target.selection` (paths relative to the root,
excludes, .gitignore use, size cap). Recomputing uses the very same `discover()` and
`read_source()` as the scan, so the same files get the same digests.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Mapping

from hms_policy.errors import SignatureError


def tree_digest(root: Path, selection: Mapping[str, Any]) -> str:
    from hms_policy.targets.discover import DEFAULT_MAX_FILE_BYTES, Selection, discover, read_source
    from hms_policy.targets.merkle import merkle_root

    mode = selection.get("mode", "paths")
    if mode != "paths":
        raise SignatureError(f"the report was made in {mode!r} mode; its tree digest cannot be recomputed from a directory")
    root = root.resolve()
    paths = []
    for rel in selection.get("paths") or ["."]:
        pure = PurePosixPath(str(rel))
        if pure.is_absolute() or ".." in pure.parts:
            raise SignatureError(f"the report scanned {rel!r}, outside its root; cannot recompute under {root}")
        path = root / pure
        if not path.exists() and not path.is_symlink():
            raise SignatureError(f"tree differs: scanned path {rel!r} does not exist under {root}")
        paths.append(path)
    chosen = Selection(
        excludes=tuple(str(p) for p in selection.get("exclude", ())),
        use_gitignore=bool(selection.get("use_gitignore", True)),
        max_file_bytes=int(selection.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES)),
    )
    discovery = discover(paths, chosen, root)
    left_out = set(selection.get("excluded_files", ()))  # e.g. the baseline file, the scanner's own record
    files = discovery.files
    if selection.get("shard"):  # a shard's report covers its part of the tree only
        from hms_policy.targets.shard import select_shard

        files = tuple(select_shard(files, lambda c: c.path, str(selection["shard"])))
    entries = []
    for candidate in files:
        if candidate.path in left_out:
            continue
        source, _ = read_source(candidate, chosen.max_file_bytes)
        if source.sha256:
            entries.append((source.path, source.sha256))
    return merkle_root(entries)


def combined_digest(digests: Iterable[str]) -> str:
    """A merged report's digest: a Merkle root over its shards' tree digests, order-free."""
    from hms_policy.targets.merkle import merkle_root

    hexes = sorted({d.removeprefix("sha256:") for d in digests})
    return merkle_root((f"target/{n:06d}", h) for n, h in enumerate(hexes))
