"""Read local modules (`source = "./modules/x"`) from disk: once per scan unit, bounded.

Only local paths are followed (registry and git sources are not fetched), only directories
inside the scanned root or the caller's git work tree, never more than a few levels deep or a
few megabytes, and never in a cycle. Problems become one-line messages for `report.errors`.
"""

from __future__ import annotations

import hashlib

import os
from dataclasses import dataclass, field
from pathlib import Path

from hms_policy.targets.document import ParseError
from hms_policy.targets.terraform.files import parse_hcl
from hms_policy.targets.terraform.hclast import HclFile

MAX_DEPTH = 4  # module calls nested inside module calls
MAX_FILES = 200  # .tf files read from one module directory
MAX_BYTES = 4 * 1024 * 1024  # bytes read from one module directory
MAX_DIRECTORIES = 64  # distinct module directories one unit may read


@dataclass(frozen=True, slots=True)
class LoadedModule:
    directory: Path
    label: str  # the directory as shown in messages, relative to the scanned root when possible
    files: tuple[HclFile, ...]


@dataclass(slots=True)
class ModuleLoader:
    """Per-unit reader of module directories; `problems` collects messages for report.errors."""

    allowed_roots: tuple[Path, ...]
    scan_root: Path | None
    loaded: dict[Path, LoadedModule | None] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (calling file, message)
    # What was read, for the result cache: ("tf-dir:<abs>", digest of the .tf names) and
    # ("file:<abs>", sha256 of the bytes). See hms_policy.engine.cache.external_digest.
    inputs: list[tuple[str, str]] = field(default_factory=list)

    def load(self, base_dir: Path, source: str, call: str, caller: str) -> LoadedModule | None:
        if not is_local_source(source):
            return None
        try:
            directory = (base_dir / source).resolve()
        except (OSError, RuntimeError):
            self.problems.append((caller, f"{call}: cannot resolve module source {source!r}"))
            return None
        if directory in self.loaded:
            return self.loaded[directory]
        if not any(_within(directory, root) for root in self.allowed_roots):
            self.problems.append((caller, f"{call}: module source {source!r} is outside the scanned tree: not followed"))
            self.loaded[directory] = None
            return None
        if len(self.loaded) >= MAX_DIRECTORIES:
            self.problems.append((caller, f"{call}: more than {MAX_DIRECTORIES} module directories: {source!r} not followed"))
            return None
        module = self._read(directory, source, call, caller)
        self.loaded[directory] = module
        return module

    def _read(self, directory: Path, source: str, call: str, caller: str) -> LoadedModule | None:
        label = self._label(directory)
        try:
            names = sorted(e.name for e in os.scandir(directory) if e.name.endswith(".tf") and e.is_file())
        except OSError as exc:
            self.inputs.append((f"tf-dir:{directory}", "missing"))
            self.problems.append((caller, f"{call}: cannot read module directory {source!r}: {exc.strerror or exc}"))
            return None
        self.inputs.append((f"tf-dir:{directory}", tf_listing_digest(names)))
        if len(names) > MAX_FILES:
            self.problems.append((caller, f"{call}: module {label} has {len(names)} .tf files; only the first {MAX_FILES} were read"))
            names = names[:MAX_FILES]
        files: list[HclFile] = []
        total = 0
        for name in names:
            path = directory / name
            try:
                data = path.read_bytes()
                self.inputs.append((f"file:{path}", hashlib.sha256(data).hexdigest()))
            except OSError as exc:
                self.problems.append((caller, f"{call}: cannot read {label}/{name}: {exc.strerror or exc}"))
                continue
            total += len(data)
            if total > MAX_BYTES:
                self.problems.append((caller, f"{call}: module {label} is over {MAX_BYTES} bytes; the rest was not read"))
                break
            try:
                files.append(parse_hcl(data.decode("utf-8", "replace"), name if label == "." else f"{label}/{name}"))
            except ParseError as exc:
                self.problems.append((caller, f"{call}: {name if label == '.' else f'{label}/{name}'}: {exc}"))
        return LoadedModule(directory, label, tuple(files))

    def _label(self, directory: Path) -> str:
        """The directory relative to the scanned root (`../modules/x` when it lies beside it)."""
        if self.scan_root is None:
            return directory.name
        base = self.scan_root
        try:
            resolved = base.resolve()
        except (OSError, RuntimeError):
            resolved = base
        if _within(directory, resolved):
            base = resolved  # `directory` is resolved: a root named through a symlink is compared as its target
        return Path(os.path.relpath(directory, base)).as_posix()


def tf_listing_digest(names: list[str]) -> str:
    return hashlib.sha256("\0".join(sorted(names)).encode()).hexdigest()


def is_local_source(source: str) -> bool:
    return source.startswith(("./", "../")) or source in (".", "..")


def _within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def allowed_roots(scan_root: Path | None, caller_dir: Path | None) -> tuple[Path, ...]:
    """The scanned root and, when the caller sits in a git work tree, that work tree: a scan of
    `envs/prod` may follow `../../modules/x` inside the same repository, nothing beyond it."""
    roots: list[Path] = []
    if scan_root is not None:
        roots.append(scan_root)
        try:
            # module directories are compared resolved: a root named through a symlink is the
            # same tree as its target
            roots.append(scan_root.resolve())
        except (OSError, RuntimeError):
            pass
    if caller_dir is not None:
        for parent in (caller_dir, *caller_dir.parents):
            if (parent / ".git").exists():
                roots.append(parent)
                break
    return tuple(roots)
