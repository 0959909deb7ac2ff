"""The base OS release (`/etc/os-release`) and whether it still gets security updates.

params:
  as_of   the date the end-of-life table was last checked (shown in the message)
  eol     {os id: {release: "YYYY-MM-DD"}}: the day security support ends; releases not in
          the table are not judged
"""

from __future__ import annotations

import datetime as _dt
import re
import shlex
from typing import Any, Iterator, Mapping

from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_LINE = re.compile(r"^([A-Z_][A-Z0-9_]*)=(.*)$")


def parse_os_release(data: bytes) -> dict[str, str]:
    """KEY=value pairs of an os-release file (shell-quoted values unquoted)."""
    out: dict[str, str] = {}
    for raw in data.decode("utf-8", "replace").splitlines()[:200]:
        match = _LINE.match(raw.strip())
        if match is None:
            continue
        try:
            parts = shlex.split(match[2])
        except ValueError:
            continue
        out[match[1]] = parts[0] if parts else ""
    return out


def release_key(info: Mapping[str, str]) -> tuple[str, str] | None:
    """(os id, release as the EOL table and OSV name it): debian 12, ubuntu 22.04, alpine 3.19."""
    os_id = info.get("ID", "").lower()
    version = info.get("VERSION_ID", "")
    if not os_id or not version:
        return None
    if os_id == "alpine":
        version = ".".join(version.split(".")[:2])
    return os_id, version


def osv_ecosystem(info: Mapping[str, str]) -> str | None:
    """The OSV ecosystem of the OS's packages: "Debian:12", "Ubuntu:22.04", "Alpine:v3.19"."""
    key = release_key(info)
    if key is None:
        return None
    os_id, version = key
    if os_id == "debian":
        return f"Debian:{version.split('.')[0]}"
    if os_id == "ubuntu":
        return f"Ubuntu:{version}"
    if os_id == "alpine":
        return f"Alpine:v{version}"
    return None


def end_of_life_os(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    info = parse_os_release(doc.text.encode("utf-8"))
    key = release_key(info)
    if key is None:
        return
    table = params.get("eol") or {}
    releases = table.get(key[0]) if isinstance(table, Mapping) else None
    ends = releases.get(key[1]) if isinstance(releases, Mapping) else None
    if not ends:
        return
    try:
        end = _dt.date.fromisoformat(str(ends))
    except ValueError:
        return
    if end > _dt.date.today():
        return
    line = next((n for n, text in enumerate(doc.lines, 1) if text.startswith("VERSION_ID=")), 1)
    name = info.get("PRETTY_NAME") or f"{key[0]} {key[1]}"
    yield Match(
        LineSpan.at(line),
        entity=f"os:{key[0]}:{key[1]}",
        context={"os": name[:80], "ended": end.isoformat(), "as_of": str(params.get("as_of", ""))},
        extra={"os": key[0], "release": key[1], "security_support_ended": end.isoformat()},
    )
