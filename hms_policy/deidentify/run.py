"""A de-identification run over files and directories: mirror them into an output tree (or
rewrite them in place), verify each output, and keep counts per file and type."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hms_policy.deidentify.engine import Engine
from hms_policy.deidentify.files import deidentify_file, format_of
from hms_policy.deidentify.people import guess_locale
from hms_policy.deidentify.verify import leftovers

MANIFEST = ".hms-deidentified"
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"})


@dataclass(slots=True)
class FileSummary:
    path: str
    format: str
    replaced: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)
    left: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


def iter_sources(sources: list[Path], skip: Path | None = None) -> Iterator[tuple[Path, Path]]:
    """(file, base) pairs: every regular file under each source, symlinks not followed."""
    for source in sources:
        if source.is_file():
            yield source, source.parent
            continue
        for root, dirs, files in os.walk(source):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not (skip and Path(root, d).resolve() == skip))
            for name in sorted(files):
                if name == MANIFEST:
                    continue  # fingerprints of an earlier run: not data
                path = Path(root, name)
                if path.is_file() and not path.is_symlink():
                    yield path, source


def _binary(path: Path) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(8192)
    if path.name.lower().endswith(".gz"):
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head


def _sample(path: Path) -> str:
    if path.name.lower().endswith(".gz"):
        import gzip

        try:
            with gzip.open(path, "rb") as handle:
                return handle.read(65536).decode("utf-8", "replace")
        except (OSError, EOFError):
            return ""
    with open(path, "rb") as handle:
        return handle.read(65536).decode("utf-8", "replace")


def deidentify_paths(sources: list[Path], engine: Engine, out_dir: Path | None, *, verify: bool = True,
                     locale: str = "auto") -> list[FileSummary]:
    summaries: list[FileSummary] = []
    skip = out_dir.resolve() if out_dir is not None else None
    multiple = len(sources) > 1
    written: set[Path] = set()
    for path, base in iter_sources(sources, skip):
        relative = path.relative_to(base)
        display = str(Path(base.name) / relative if multiple and base != path.parent else relative) if out_dir else str(path)
        summary = FileSummary(display, format_of(path.name))
        summaries.append(summary)
        if path.name == MANIFEST:
            summaries.pop()
            continue
        if _binary(path):
            summary.errors.append("binary file: not de-identified and not copied")
            continue
        target = (out_dir / (Path(base.name) / relative if multiple and base != path.parent else relative)) if out_dir else path
        if target.resolve() in written:
            summary.errors.append("another source has the same output path: not written (pass it in its own run)")
            continue
        written.add(target.resolve())
        engine.locale = guess_locale(_sample(path)) if locale == "auto" else locale
        engine.day_first = engine.locale != "en_US"
        result = deidentify_file(path, target, engine, display)
        summary.errors.extend(result.errors)
        summary.replaced, summary.kept = engine.reset_counts()
        if verify and target.exists():
            try:
                summary.left = leftovers(target, display, engine)
            except Exception as exc:  # the re-scan must never hide its own failure
                summary.errors.append(f"verification failed to run ({type(exc).__name__})")
                summary.left["unverified"] += 1
    if out_dir is not None or sources:
        write_manifest(out_dir if out_dir is not None else _common_base(sources), engine)
    return summaries



def _common_base(sources: list[Path]) -> Path:
    bases = [s.resolve() if s.is_dir() else s.resolve().parent for s in sources]
    return Path(os.path.commonpath([str(b) for b in bases]))


def write_manifest(root: Path, engine: Engine) -> None:
    """Fingerprints of the substitutes written under `root` (never of an original, never the
    key), so `--check` recognises de-identified data as such."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / MANIFEST
    known = load_manifest(path)
    known |= engine.produced
    path.write_text("# hms-policy deidentify: fingerprints of substitutes (not of any original value)\n"
                    + "".join(t.hex() + "\n" for t in sorted(known)), encoding="ascii")


def load_manifest(path: Path) -> set[bytes]:
    out: set[bytes] = set()
    try:
        for line in path.read_text(encoding="ascii").splitlines():
            if line and not line.startswith("#"):
                out.add(bytes.fromhex(line.strip()))
    except (OSError, ValueError):
        pass
    return out


def manifests_for(path: Path) -> set[bytes]:
    found: set[bytes] = set()
    here = path.resolve() if path.is_dir() else path.resolve().parent
    for folder in (here, *here.parents):
        found |= load_manifest(folder / MANIFEST)
    return found


def check_paths(sources: list[Path]) -> list[FileSummary]:
    """CI mode: which files hold identifiers the PHI detector reports (counts only)."""
    summaries = []
    for path, _base in iter_sources(sources):
        if _binary(path) or path.name == MANIFEST:
            continue
        summary = FileSummary(str(path), format_of(path.name))
        known = manifests_for(path)
        recogniser = None
        if known:
            recogniser = Engine(b"check-only-no-key")
            recogniser.produced = known
        try:
            summary.left = leftovers(path, str(path), recogniser)
        except Exception as exc:
            summary.errors.append(f"cannot scan ({type(exc).__name__})")
        if summary.left or summary.errors:
            summaries.append(summary)
    return summaries
