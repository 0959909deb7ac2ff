"""Version order per ecosystem, for matching versions against OSV ranges.

Each ecosystem has its own rules and OSV says ranges use them:
  PyPI   PEP 440, through `packaging.version.Version`;
  npm    Semantic Versioning 2.0.0 precedence (build metadata ignored);
  Maven  Maven's ComparableVersion: tokens split at '.', '-' and digit/letter transitions,
         well-known qualifiers ordered alpha < beta < milestone < rc < snapshot < "" < sp,
         trailing zero/empty items dropped ("1.0" == "1" == "1-ga").
  Go, crates.io
         Semantic Versioning 2.0.0 as for npm (Go's leading "v", pseudo-versions and
         "+incompatible" included: the first is a pre-release, the second build metadata).
  RubyGems   Gem::Version, through `univers` (aboutcode's version library, imported lazily).
  NuGet      NuGet's SemVer (four numeric parts, case-insensitive pre-release), through `univers`.
  Packagist  PHP's version_compare after Composer's canonical form, as OSV specifies; written
         here because univers's Composer order disagrees with PHP (it puts 1.0.0-beta after
         1.0.0-RC1 and 1.0-dev after 1.0-alpha).

`sort_key(ecosystem, text)` returns a key usable with < and ==, or raises `InvalidVersion`.
"""

from __future__ import annotations

import re
from functools import lru_cache, total_ordering
from typing import Any, Callable

__all__ = ["InvalidVersion", "SUPPORTED_ECOSYSTEMS", "advisory_key", "exact_semver", "sort_key"]


class InvalidVersion(ValueError):
    """A version string the ecosystem's rules cannot order."""


# --- PyPI -------------------------------------------------------------------------------


def _pypi_key(text: str) -> Any:
    from packaging.version import InvalidVersion as _Invalid
    from packaging.version import Version

    try:
        return Version(text)
    except _Invalid:
        raise InvalidVersion(f"not a PEP 440 version: {text!r}") from None


# --- npm (SemVer 2.0.0) ------------------------------------------------------------------

_SEMVER = re.compile(
    r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
    r"(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)


@total_ordering
class SemVer:
    """SemVer 2.0.0 §11 precedence: numeric core, then a release sorts after its
    pre-releases, then pre-release identifiers one by one (numeric < alphanumeric,
    numbers compared as numbers, a shorter set of identifiers first)."""

    __slots__ = ("core", "pre")

    def __init__(self, text: str) -> None:
        found = _SEMVER.match(text.strip())
        if not found:
            raise InvalidVersion(f"not a semantic version: {text!r}")
        self.core = (int(found.group(1)), int(found.group(2)), int(found.group(3)))
        pre = found.group(4)
        self.pre: tuple[tuple[int, int | str], ...] = (
            tuple((0, int(p)) if p.isdigit() else (1, p) for p in pre.split(".")) if pre else ()
        )

    def _key(self) -> tuple[Any, ...]:
        # (1,) after any pre-release tuple: a release outranks its pre-releases.
        return (self.core, (0, self.pre) if self.pre else (1, ()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SemVer) and self._key() == other._key()

    def __lt__(self, other: SemVer) -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"SemVer({self.core}, {self.pre})"


# --- Maven (ComparableVersion) -----------------------------------------------------------

_QUALIFIERS = ("alpha", "beta", "milestone", "rc", "snapshot", "", "sp")
_ALIASES = {"ga": "", "final": "", "release": "", "cr": "rc"}
_RELEASE_RANK = _QUALIFIERS.index("")
_SHORT = {"a": "alpha", "b": "beta", "m": "milestone"}

# Item kinds, in the order they rank against each other at one position:
# a string qualifier < a sub-list ("-1") < a number (".1").
_STRING, _LIST, _INT = 0, 1, 2


def _qualifier_key(value: str) -> tuple[int, str]:
    """Known qualifiers by rank, unknown ones after all of them in lexical order."""
    if value in _QUALIFIERS:
        return (_QUALIFIERS.index(value), "")
    return (len(_QUALIFIERS), value)


class _Item:
    __slots__ = ("kind", "value")

    def __init__(self, kind: int, value: Any) -> None:
        self.kind = kind
        self.value = value  # int, qualifier str, or list of _Item

    def is_null(self) -> bool:
        if self.kind == _INT:
            return bool(self.value == 0)
        if self.kind == _STRING:
            return _qualifier_key(self.value) == (_RELEASE_RANK, "")
        return not self.value

    def compare(self, other: _Item | None) -> int:
        """-1, 0 or 1, with None standing for "nothing at this position"."""
        if self.kind == _INT:
            if other is None:
                return 0 if self.value == 0 else 1
            if other.kind == _INT:
                return (self.value > other.value) - (self.value < other.value)
            return 1  # 1.1 > 1-1 and 1.1 > 1-sp
        if self.kind == _STRING:
            if other is None:  # 1-rc < 1 < 1-sp
                return _cmp(_qualifier_key(self.value), (_RELEASE_RANK, ""))
            if other.kind == _STRING:
                return _cmp(_qualifier_key(self.value), _qualifier_key(other.value))
            return -1  # 1-sp < 1-1 and 1-sp < 1.1
        # a list
        if other is None:  # every item against nothing, not just the first (MNG-6964)
            for item in self.value:
                result = item.compare(None)
                if result:
                    return result
            return 0
        if other.kind == _INT:
            return -1
        if other.kind == _STRING:
            return 1
        left, right = self.value, other.value
        for i in range(max(len(left), len(right))):
            l = left[i] if i < len(left) else None
            r = right[i] if i < len(right) else None
            result = (0 if r is None else -r.compare(None)) if l is None else l.compare(r)
            if result:
                return result
        return 0


def _cmp(a: Any, b: Any) -> int:
    return (a > b) - (a < b)


def _number(text: str) -> _Item:
    return _Item(_INT, int(text))


def _string(text: str, followed_by_digit: bool) -> _Item:
    if followed_by_digit and text in _SHORT:
        text = _SHORT[text]
    return _Item(_STRING, _ALIASES.get(text, text))


def _normalize(items: list[_Item]) -> None:
    """Drop trailing null items (0, "", empty lists), stopping at a non-null non-list."""
    for i in range(len(items) - 1, -1, -1):
        if items[i].is_null():
            del items[i]
        elif items[i].kind != _LIST:
            break


def _parse_maven(text: str) -> _Item:
    version = text.strip().lower()
    if not version:
        raise InvalidVersion("empty Maven version")
    root = _Item(_LIST, [])
    current = root
    stack = [root]
    is_digit = False
    start = 0

    def push_list() -> None:
        nonlocal current
        sub = _Item(_LIST, [])
        current.value.append(sub)
        current = sub
        stack.append(sub)

    for i, ch in enumerate(version):
        if ch in ".-":
            piece = version[start:i]
            current.value.append(_Item(_INT, 0) if not piece else _number(piece) if is_digit else _string(piece, False))
            start = i + 1
            if ch == "-":
                push_list()
        elif ch.isdigit():
            if not is_digit and i > start:
                # A qualifier after a dot counts as after a hyphen: 1.0.0.X1 < 1.0.0-X2.
                if current.value:
                    push_list()
                current.value.append(_string(version[start:i], True))
                start = i
                push_list()
            is_digit = True
        else:
            if is_digit and i > start:
                current.value.append(_number(version[start:i]))
                start = i
                push_list()
            is_digit = False
    if len(version) > start:
        if not is_digit and current.value:
            push_list()
        piece = version[start:]
        current.value.append(_number(piece) if is_digit else _string(piece, False))
    for item in reversed(stack):
        _normalize(item.value)
    return root


@total_ordering
class MavenVersion:
    __slots__ = ("text", "_items")

    def __init__(self, text: str) -> None:
        if not text or any(c.isspace() for c in text.strip()) or not text.strip().isascii():
            raise InvalidVersion(f"not a Maven version: {text!r}")
        self.text = text
        self._items = _parse_maven(text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MavenVersion) and self._items.compare(other._items) == 0

    def __lt__(self, other: MavenVersion) -> bool:
        return self._items.compare(other._items) < 0

    def __hash__(self) -> int:
        return 0  # equal versions may differ in text ("1.0" == "1"); ordering is what matters

    def __repr__(self) -> str:
        return f"MavenVersion({self.text!r})"


# -----------------------------------------------------------------------------------------

# --- Packagist (PHP version_compare) -----------------------------------------------------

# PHP's special forms, matched by prefix in this order: any other word sorts before "dev",
# a number counts as "#".
_PHP_FORMS = (("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4), ("pl", 5), ("p", 5))
_PHP_VERSION = re.compile(r"^[vV]?[0-9A-Za-z._+\-]+$")


def _php_form(word: str) -> int:
    for name, rank in _PHP_FORMS:
        if word.startswith(name):
            return rank
    return -6


def _php_parts(text: str) -> tuple[tuple[int, int], ...]:
    """PHP's canonical form: '-', '_', '+' become '.', a '.' between a digit and a letter;
    each part as (0, number) or (1, special-form rank) for comparison."""
    canonical = re.sub(r"[-_+]", ".", text)
    canonical = re.sub(r"(?<=\d)(?=[^\d.])|(?<=[^\d.])(?=\d)", ".", canonical)
    return tuple((0, int(p)) if p.isdigit() else (1, _php_form(p)) for p in canonical.split(".") if p)


_PHP_NUMBER = (1, 4)  # a number compared with a word counts as the form "#"


@total_ordering
class PackagistVersion:
    """PHP's version_compare, as OSV orders Packagist versions."""

    __slots__ = ("parts",)

    def __init__(self, text: str) -> None:
        text = text.strip()
        if not _PHP_VERSION.match(text) or not any(c.isdigit() for c in text):
            raise InvalidVersion(f"not a Composer version: {text!r}")
        self.parts = _php_parts(text[1:] if text[:1] in "vV" else text)

    def _compare(self, other: PackagistVersion) -> int:
        for mine, theirs in zip(self.parts, other.parts):
            if mine[0] != theirs[0]:  # a number against a word
                mine, theirs = (mine if mine[0] else _PHP_NUMBER), (theirs if theirs[0] else _PHP_NUMBER)
            if mine != theirs:
                return -1 if mine < theirs else 1
        rest_mine, rest_theirs = self.parts[len(other.parts) :], other.parts[len(self.parts) :]
        if rest_mine:  # the longer one: a further number is newer, a further word is compared with "#"
            return 1 if rest_mine[0][0] == 0 else (-1 if rest_mine[0] < _PHP_NUMBER else 1)
        if rest_theirs:
            return -1 if rest_theirs[0][0] == 0 else (1 if rest_theirs[0] < _PHP_NUMBER else -1)
        return 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PackagistVersion) and self._compare(other) == 0

    def __lt__(self, other: PackagistVersion) -> bool:
        return self._compare(other) < 0

    def __hash__(self) -> int:
        return hash(self.parts)

    def __repr__(self) -> str:
        return f"PackagistVersion({self.parts})"


# --- RubyGems, NuGet (univers) -----------------------------------------------------------


def _univers(kind: str) -> Callable[[str], Any]:
    def key(text: str) -> Any:
        import univers.versions as versions  # imported on first use: a hook never pays for it

        if not text.strip():
            raise InvalidVersion(f"empty {kind} version")
        try:
            return getattr(versions, f"{kind}Version")(text.strip())
        except Exception:  # univers raises ValueError subclasses and InvalidNuGetVersion
            raise InvalidVersion(f"not a {kind} version: {text!r}") from None

    return key


def _os_key(family: str) -> Callable[[str], Any]:
    def key(text: str) -> Any:
        from hms_policy.deps import os_versions  # dpkg / apk ordering, for container images

        try:
            return os_versions.DpkgVersion(text) if family != "Alpine" else os_versions.apk_key(text)
        except os_versions.InvalidVersion as exc:
            raise InvalidVersion(str(exc)) from None

    return key


def exact_semver(spec: str) -> str | None:
    """The version an npm-style spec pins exactly ("4.17.15", "=4.17.15", "v4.17.15")."""
    text = spec.strip().lstrip("=").strip()
    try:
        SemVer(text)
    except InvalidVersion:
        return None
    return text.lstrip("v")


_KEYS: dict[str, Callable[[str], Any]] = {
    "PyPI": _pypi_key,
    "npm": SemVer,
    "Maven": MavenVersion,
    "Go": SemVer,
    "crates.io": SemVer,
    "RubyGems": _univers("Rubygems"),
    "NuGet": _univers("Nuget"),
    "Packagist": PackagistVersion,
    "Debian": _os_key("Debian"),
    "Ubuntu": _os_key("Ubuntu"),
    "Alpine": _os_key("Alpine"),
}
SUPPORTED_ECOSYSTEMS = frozenset(_KEYS)


_PARTIAL_SEMVER = re.compile(r"^v?(\d+)(?:\.(\d+))?$")
SEMVER_ECOSYSTEMS = frozenset({"npm", "Go", "crates.io"})


def advisory_key(ecosystem: str, text: str) -> Any:
    """`sort_key` for versions an advisory names. Advisory data sometimes writes a SemVer
    bound short ("1.0" for 1.0.0, as in GHSA-r683-j2x4-v87g); osv-scanner reads it as the
    padded version and so does this. A pin in a lock file is never padded: in npm "4.17"
    is a range."""
    try:
        return sort_key(ecosystem, text)
    except InvalidVersion:
        short = _PARTIAL_SEMVER.match(text.strip()) if ecosystem in SEMVER_ECOSYSTEMS else None
        if short is None:
            raise
        return sort_key(ecosystem, f"{short.group(1)}.{short.group(2) or 0}.0")


@lru_cache(maxsize=262_144)
def sort_key(ecosystem: str, text: str) -> Any:
    """An orderable key for `text` under `ecosystem`'s rules; raises InvalidVersion.

    Cached: an advisory database repeats the same few thousand version strings in every
    range and `versions` list it holds, and keys are immutable."""
    try:
        key = _KEYS[ecosystem.split(":", 1)[0]]  # "Debian:12" orders as Debian
    except KeyError:
        raise InvalidVersion(f"no version rules for ecosystem {ecosystem!r}") from None
    return key(text)
