"""A rule's `paths` patterns match as `PurePosixPath.match` does (engine/run.py parses each
pattern once instead of on every document)."""

from __future__ import annotations

import itertools
from pathlib import PurePosixPath

import pytest

from hms_policy.engine.run import _path_matches

PATTERNS = [
    "*requirements*.txt", "requirements/*.txt", "*.dist-info/METADATA", "node_modules/*/package.json",
    "pyproject.toml", "/etc/os-release", "//srv/x", "etc/os-release", "a/./b", "a//b", "*/", "b/",
    "**/x.tf", "[ab]*.in", "?.txt", "../a", "x/../y",
]
PATHS = [
    "requirements.txt", "dev-requirements.txt", "requirements/base.txt", "a/requirements/base.txt",
    "pkg-1.0.dist-info/METADATA", "site/pkg.dist-info/METADATA", "node_modules/x/package.json",
    "web/node_modules/x/package.json", "pyproject.toml", "sub/pyproject.toml", "etc/os-release",
    "/etc/os-release", "//srv/x", "a/b", "b", "x.tf", "m/x.tf", "a.in", "c.in", "z.txt", "../a", "x/../y", "", ".", "./a", "a/.", "a/./b", "a//b", "a/", "/", "//", "///a",
]


def test_same_answers_as_purepath_match() -> None:
    for pattern, path in itertools.product(PATTERNS, PATHS):
        assert _path_matches((pattern,), path) == PurePosixPath(path).match(pattern), (pattern, path)
    for patterns in itertools.combinations(PATTERNS[:6], 3):
        for path in PATHS:
            assert _path_matches(patterns, path) == any(PurePosixPath(path).match(p) for p in patterns)


def test_empty_pattern_is_an_error_as_before() -> None:
    with pytest.raises(ValueError):
        _path_matches(("",), "a")
