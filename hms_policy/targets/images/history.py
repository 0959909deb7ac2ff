"""What became of each file after the layer that wrote it: overwritten, deleted, or shipped
in the final filesystem. Everything in any layer's blob reaches whoever pulls the image, so
a file deleted later is still reported, with the layer that deleted it.
"""

from __future__ import annotations

import bisect
import posixpath
from collections import defaultdict


class LayerHistory:
    """Writes and deletions per path, by layer; queried once all layers were read."""

    def __init__(self) -> None:
        self._writes: dict[str, list[int]] = defaultdict(list)
        self._deleted: dict[str, list[int]] = defaultdict(list)  # whiteouts (a path and what is below it)
        self._opaque: dict[str, list[int]] = defaultdict(list)  # opaque dirs: everything below, from lower layers

    def wrote(self, path: str, layer: int) -> None:
        self._writes[path].append(layer)

    def whiteout(self, path: str, layer: int) -> None:
        self._deleted[path].append(layer)

    def opaque(self, directory: str, layer: int) -> None:
        self._opaque[directory].append(layer)

    def fate(self, path: str, layer: int) -> tuple[str, int | None]:
        """("final", None) when the file written in `layer` is in the final filesystem, else
        ("overwritten" | "deleted", the layer that did it)."""
        best: tuple[int, str] | None = None

        def consider(layers: list[int], what: str) -> None:
            nonlocal best
            i = bisect.bisect_right(layers, layer)
            if i < len(layers) and (best is None or layers[i] < best[0]):
                best = (layers[i], what)

        consider(self._writes.get(path, []), "overwritten")
        for ancestor in _self_and_ancestors(path):
            consider(self._deleted.get(ancestor, []), "deleted")
        for ancestor in _ancestors(path):
            consider(self._opaque.get(ancestor, []), "deleted")
        if best is None:
            return "final", None
        return best[1], best[0]


def _ancestors(path: str) -> list[str]:
    out = []
    parent = posixpath.dirname(path)
    while parent:
        out.append(parent)
        parent = posixpath.dirname(parent)
    out.append("")
    return out


def _self_and_ancestors(path: str) -> list[str]:
    return [path, *_ancestors(path)[:-1]]
