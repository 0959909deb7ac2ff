"""Who owns the scanned repository, as its own files say: the GitHub (or GitHub Enterprise)
owner an action or reusable workflow must belong to for CI006 and CI010 to count it first-party.

Evidence, strongest first, and only files inside the scan root (never a parent directory):
  - `.git/config`: the `origin` remote's owner (`git@github.com:owner/repo.git`);
  - CODEOWNERS: team handles (`@owner/team`) always name the owning organisation;
  - go.mod: `module github.com/owner/...`;
  - workflows that guard on their own identity (`github.repository == 'owner/repo'`,
    `github.repository_owner == 'owner'`).
Package metadata (package.json `repository`, pom.xml `<scm>`) is not used: templates and forks
copy it unchanged, so it often names someone else.
"""

from __future__ import annotations

import re
from pathlib import Path

_MAX_BYTES = 256 * 1024
_OWNER = r"([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))"
_ORIGIN = re.compile(r'^\s*\[remote\s+"origin"\]\s*$')
_SECTION = re.compile(r"^\s*\[")
_REMOTE_URL = re.compile(rf"^\s*url\s*=\s*(?:[a-z+]+://)?(?:[^@/\s]+@)?[A-Za-z0-9.-]+(?::\d+)?[:/]{_OWNER}/[A-Za-z0-9_.-]+?(?:\.git)?/?\s*$")
_TEAM = re.compile(rf"(?:^|\s)@{_OWNER}/[A-Za-z0-9_.-]+")
_GO_MODULE = re.compile(rf"^\s*module\s+github\.com/{_OWNER}/", re.M)
_OWN_REPOSITORY = re.compile(rf"github\.repository\s*[!=]=\s*['\"]{_OWNER}/[A-Za-z0-9_.-]+['\"]|github\.repository_owner\s*[!=]=\s*['\"]{_OWNER}['\"]")


def project_owners(root: Path) -> tuple[str, ...]:
    """Lower-cased owners, sorted; () when the tree says nothing (or is not a directory)."""
    if not root.is_dir():
        return ()
    owners: set[str] = set()
    owners.update(_origin_owner(root / ".git" / "config"))
    for name in ("CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS"):
        for line in _read(root / name).splitlines():
            if not line.lstrip().startswith("#"):
                owners.update(m.group(1) for m in _TEAM.finditer(line))
    owners.update(m.group(1) for m in _GO_MODULE.finditer(_read(root / "go.mod")))
    workflows = root / ".github" / "workflows"
    if workflows.is_dir() and not workflows.is_symlink():
        for path in sorted(workflows.iterdir())[:200]:
            if path.suffix in (".yml", ".yaml"):
                for found in _OWN_REPOSITORY.finditer(_read(path)):
                    owners.add(found.group(1) or found.group(2))
    return tuple(sorted(o.lower() for o in owners if o))


def _origin_owner(config: Path) -> list[str]:
    inside = False
    for line in _read(config).splitlines():
        if _SECTION.match(line):
            inside = bool(_ORIGIN.match(line))
        elif inside:
            found = _REMOTE_URL.match(line)
            if found:
                return [found.group(1)]
    return []


def _read(path: Path) -> str:
    """The file's text, or "" (missing, a symlink, too large, unreadable): evidence, never an error."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _MAX_BYTES:
            return ""
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
