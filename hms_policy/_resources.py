"""Where the built-in `rules/` and `policies/` directories are.

They live at the repository root (the source of truth) and are mapped into the wheel under
`hms_policy/_builtin/` at build time; a source checkout falls back to the root copies.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _builtin_dir(name: str) -> Path:
    installed = _PACKAGE_DIR / "_builtin" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def builtin_rules_dir() -> Path:
    return _builtin_dir("rules")


def builtin_policies_dir() -> Path:
    return _builtin_dir("policies")


def builtin_pack_files() -> dict[str, Path]:
    """Pack id -> pack file, for `--policy hipaa` style selection."""
    return {p.stem: p for p in sorted(builtin_policies_dir().glob("*.yaml"))}
