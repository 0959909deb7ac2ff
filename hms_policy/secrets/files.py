"""What a file's name says about its secrets: suffix, `.env` files, registry credential files,
lock files. Light on purpose (no detect-secrets import): the prefilter picks a file's triggers
from these before any plugin is loaded, so a file with no candidate line never loads them."""

from __future__ import annotations

from hms_policy.secrets.filters import is_lock_file

__all__ = ["file_name", "file_suffix", "is_dotenv_file", "is_lock_file", "registry_file_kind"]

_REGISTRY_FILES: dict[str, tuple[str, ...]] = {
    ".npmrc": ("npm",),
    ".yarnrc": ("npm",),
    ".yarnrc.yml": ("npm",),
    ".pypirc": ("pypirc",),
    "pip.conf": ("url",),
    "pip.ini": ("url",),
    ".netrc": ("netrc",),
    "_netrc": ("netrc",),
    ".git-credentials": ("url",),
    ".dockercfg": ("docker",),
    "credentials": ("gem",),
    "gradle.properties": ("gradle",),
}


def file_name(filename: str) -> str:
    return filename.replace("\\", "/").rsplit("/", 1)[-1]


def file_suffix(filename: str) -> str:
    name = file_name(filename)
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def is_dotenv_file(filename: str) -> bool:
    name = file_name(filename).lower()
    return name in (".env", ".envrc") or name.startswith(".env.") or name.endswith(".env")


def registry_file_kind(filename: str) -> tuple[str, ...]:
    """Which credential syntaxes a package-registry or credential dotfile uses; () for others."""
    parts = filename.replace("\\", "/").split("/")
    name, parent = parts[-1], (parts[-2] if len(parts) > 1 else "")
    if name == "config.json" and parent == ".docker":
        return ("docker",)
    if name == "credentials" and parent != ".gem":
        return ()
    return _REGISTRY_FILES.get(name, ())
