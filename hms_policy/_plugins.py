"""Third-party entry points of the `hms_policy.*` groups, without paying for
`importlib.metadata` when there are none.

`importlib.metadata.entry_points()` parses every installed distribution's metadata (and
importing the module pulls in email, zipfile and csv): tens of milliseconds on every start,
which a pre-commit hook pays per commit. Most installs have no hms-policy plugin, so a plain
look at each distribution's `entry_points.txt` decides first; only when some distribution
other than hms-policy declares one of our groups does the real lookup run.
"""

from __future__ import annotations

import os
import sys
from typing import Any

_OWN = ("hms_policy-", "hms-policy-")  # this distribution's metadata directory names


def plugin_entry_points(group: str) -> list[Any]:
    """`importlib.metadata` EntryPoints of `group` from distributions other than hms-policy."""
    if not _declared_elsewhere(group):
        return []
    from importlib.metadata import entry_points

    return [ep for ep in entry_points(group=group) if ep.dist is None or ep.dist.name != "hms-policy"]


def _declared_elsewhere(group: str) -> bool:
    marker = f"[{group}]"
    for entry in sys.path:
        directory = entry or "."
        try:
            names = os.listdir(directory)
        except OSError:
            if os.path.isfile(directory):
                return True  # a zipped egg or wheel: let importlib.metadata look inside
            continue  # a missing directory
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")) or name.startswith(_OWN):
                continue
            try:
                with open(os.path.join(directory, name, "entry_points.txt"), encoding="utf-8", errors="replace") as handle:
                    if marker in handle.read():
                        return True
            except OSError:
                continue
    return False
