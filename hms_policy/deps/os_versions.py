"""Version ordering of OS package managers, as OSV's Debian, Ubuntu and Alpine ranges need.

    dpkg  [epoch:]upstream[-revision]; each part compared as alternating non-digit and digit
          runs, where `~` sorts before everything (even the end), letters before other
          characters (deb-version(7), dpkg's verrevcmp)
    apk   numbers.separated.by.dots, an optional letter, suffixes (_alpha _beta _pre _rc
          < none < _cvs _svn _git _hg _p, each with an optional number), then -rN
"""

from __future__ import annotations

import re
from functools import total_ordering


class InvalidVersion(ValueError):
    """Not a version of this package manager (`deps.versions` re-raises it as its own)."""


_DPKG_VALID = re.compile(r"^(?:\d+:)?[0-9A-Za-z.+~:-]+$")


def _dpkg_order(char: str) -> int:
    if char == "~":
        return -1
    if char.isalpha():
        return ord(char)
    return ord(char) + 256


def _verrevcmp(a: str, b: str) -> int:
    i = j = 0
    while i < len(a) or j < len(b):
        first_diff = 0
        while (i < len(a) and not a[i].isdigit()) or (j < len(b) and not b[j].isdigit()):
            ac = _dpkg_order(a[i]) if i < len(a) and not a[i].isdigit() else 0
            bc = _dpkg_order(b[j]) if j < len(b) and not b[j].isdigit() else 0
            if ac != bc:
                return ac - bc
            i += 1
            j += 1
        while i < len(a) and a[i] == "0":
            i += 1
        while j < len(b) and b[j] == "0":
            j += 1
        while i < len(a) and a[i].isdigit() and j < len(b) and b[j].isdigit():
            if not first_diff:
                first_diff = ord(a[i]) - ord(b[j])
            i += 1
            j += 1
        if i < len(a) and a[i].isdigit():
            return 1
        if j < len(b) and b[j].isdigit():
            return -1
        if first_diff:
            return first_diff
    return 0


@total_ordering
class DpkgVersion:
    __slots__ = ("text", "epoch", "upstream", "revision")

    def __init__(self, text: str) -> None:
        text = text.strip()
        if not text or not _DPKG_VALID.match(text):
            raise InvalidVersion(f"not a dpkg version: {text[:40]!r}")
        epoch, sep, rest = text.partition(":")
        if not sep:
            epoch, rest = "0", text
        if not epoch.isdigit():
            raise InvalidVersion(f"not a dpkg version: {text[:40]!r}")
        upstream, dash, revision = rest.rpartition("-")
        if not dash:
            upstream, revision = rest, ""
        if not upstream or not upstream[0].isdigit():
            raise InvalidVersion(f"not a dpkg version: {text[:40]!r}")
        self.text, self.epoch, self.upstream, self.revision = text, int(epoch), upstream, revision

    def _cmp(self, other: DpkgVersion) -> int:
        if self.epoch != other.epoch:
            return self.epoch - other.epoch
        return _verrevcmp(self.upstream, other.upstream) or _verrevcmp(self.revision, other.revision)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DpkgVersion) and self._cmp(other) == 0

    def __lt__(self, other: DpkgVersion) -> bool:
        return self._cmp(other) < 0

    def __hash__(self) -> int:
        return hash((self.epoch, self.upstream.lstrip("0"), self.revision))

    def __repr__(self) -> str:
        return f"DpkgVersion({self.text!r})"


_APK = re.compile(r"^(?P<nums>\d+(?:\.\d+)*)(?P<letter>[a-z])?(?P<suffixes>(?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:-r(?P<rev>\d+))?$")
_APK_SUFFIX = re.compile(r"_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)")
_SUFFIX_RANK = {"alpha": -4, "beta": -3, "pre": -2, "rc": -1, "cvs": 1, "svn": 2, "git": 3, "hg": 4, "p": 5}


def apk_key(text: str) -> tuple[object, ...]:
    match = _APK.match(text.strip())
    if match is None:
        raise InvalidVersion(f"not an apk version: {text[:40]!r}")
    numbers = tuple(int(n) for n in match["nums"].split("."))
    letter = ord(match["letter"]) if match["letter"] else 0
    suffixes = tuple((_SUFFIX_RANK[name], int(num or 0)) for name, num in _APK_SUFFIX.findall(match["suffixes"] or ""))
    # no suffix sorts between pre-release (negative) and post-release (positive) suffixes
    return (numbers, letter, suffixes + ((0, 0),), int(match["rev"] or 0))
