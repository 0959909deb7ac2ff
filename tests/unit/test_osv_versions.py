"""Each ecosystem's version order, as OSV ranges need it."""

from __future__ import annotations

import pytest

from hms_policy.deps.versions import InvalidVersion, sort_key

# Maven's own ComparableVersionTest orderings (maven-artifact), each list ascending.
MAVEN_QUALIFIERS = [
    "1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2", "1-m11", "1-rc",
    "1-cr2", "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def", "1-pom-1",
    "1-1-snapshot", "1-1", "1-2", "1-123",
]
MAVEN_NUMBERS = [
    "2.0", "2.0.a", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c", "2.1-1", "2.1.0.1",
    "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11", "11", "11.a", "11b",
    "11c", "11m",
]
MAVEN_DOCUMENTED = [
    "NotAVersionSting", "1.0a1-SNAPSHOT", "1.0-alpha1", "1.0beta1-SNAPSHOT", "1.0-b2",
    "1.0-beta3.SNAPSHOT", "1.0-beta3", "1.0-milestone1-SNAPSHOT", "1.0-m2", "1.0-rc1-SNAPSHOT",
    "1.0-cr1", "1.0-SNAPSHOT", "1.0", "1.0-sp", "1.0-a", "1.0-whatever", "1.0.z", "1.0.1",
    "1.0.1.0.0.0.0.0.0.0.0.0.0.0.1",
]


@pytest.mark.parametrize("ordered", [MAVEN_QUALIFIERS, MAVEN_NUMBERS, MAVEN_DOCUMENTED], ids=["qualifiers", "numbers", "documented"])
def test_maven_order(ordered: list[str]) -> None:
    keys = [sort_key("Maven", v) for v in ordered]
    for (a, ka), (b, kb) in zip(zip(ordered, keys), zip(ordered[1:], keys[1:])):
        assert ka < kb, f"{a} < {b}"
        assert not kb < ka


@pytest.mark.parametrize(
    "a, b",
    [("1", "1.0"), ("1", "1.0.0"), ("1.0", "1-ga"), ("1-final", "1"), ("1.0-RELEASE", "1"), ("1x", "1-x"),
     ("1.0-alpha1", "1.0-a1"), ("1.0ALPHA1", "1.0-a1"), ("1.0-rc1", "1.0-cr1"), ("2.14.01", "2.14.1")],
)
def test_maven_equal(a: str, b: str) -> None:
    assert sort_key("Maven", a) == sort_key("Maven", b)


def test_maven_real_world() -> None:
    key = lambda v: sort_key("Maven", v)  # noqa: E731
    assert key("2.14.1") < key("2.15.0") < key("2.16.0") < key("2.17.0")
    assert key("2.0-beta9") < key("2.0-rc1") < key("2.0")
    assert key("4.3.2.RELEASE") < key("4.3.15") < key("5.0.0.RC1") < key("5.0.5")
    assert key("2.9.10.1") > key("2.9.10")


SEMVER = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0"]


def test_semver_precedence() -> None:
    keys = [sort_key("npm", v) for v in SEMVER]
    assert all(a < b for a, b in zip(keys, keys[1:]))
    assert sort_key("npm", "1.0.0+build.5") == sort_key("npm", "1.0.0")
    assert sort_key("npm", "v4.17.21") == sort_key("npm", "4.17.21")


@pytest.mark.parametrize("ecosystem, text", [("npm", "^4.17.0"), ("npm", "4.17"), ("npm", "01.2.3"), ("PyPI", "not a version"), ("Maven", ""), ("Cargo", "1.0.0")])
def test_invalid(ecosystem: str, text: str) -> None:
    with pytest.raises(InvalidVersion):
        sort_key(ecosystem, text)


def test_pep440() -> None:
    assert sort_key("PyPI", "2.0rc1") < sort_key("PyPI", "2.0") < sort_key("PyPI", "2.0.post1") < sort_key("PyPI", "2.1.dev0")
    assert sort_key("PyPI", "1.0") == sort_key("PyPI", "1.0.0")


# Each list is in ascending order under the ecosystem's own rules (OSV: ranges use them).
ORDERED = {
    # Go: semver with a leading v; a pseudo-version is a pre-release of its base
    "Go": ["v0.0.0-20210101000000-abcdef123456", "v0.0.1", "v0.3.7", "v0.3.8", "v0.10.0", "v1.0.0-rc.1", "v1.0.0"],
    "crates.io": ["0.6.3", "0.6.14", "1.0.0-alpha.1", "1.0.0", "1.6.0", "1.6.1", "1.10.0"],
    # RubyGems: a letter makes a pre-release ("1.0.0.pre" < "1.0.0"); "1.0" == "1.0.0"
    "RubyGems": ["1.0.0.beta.1", "1.0.0.beta.2", "1.0.0.rc1", "1.0.0", "1.0.1", "1.9", "1.10", "2.0.0.pre", "2.0.0"],
    # NuGet: four numeric parts, pre-release before the release
    "NuGet": ["1.0.0-alpha", "1.0.0-beta", "1.0.0", "1.0.0.1", "1.0.1", "4.5.1", "4.5.10", "13.0.1"],
    # Packagist: PHP's version_compare (dev < alpha < beta < RC < release < patch)
    "Packagist": ["1.0.0-dev", "1.0.0-alpha1", "1.0.0-alpha10", "1.0.0-beta", "1.0.0-RC1", "1.0.0", "1.0.0-p1", "1.0.1", "5.4.1", "5.4.10", "v6.0.0"],
}


@pytest.mark.parametrize("ecosystem", sorted(ORDERED))
def test_new_ecosystems_order(ecosystem: str) -> None:
    keys = [sort_key(ecosystem, v) for v in ORDERED[ecosystem]]
    assert all(a < b for a, b in zip(keys, keys[1:])), ecosystem


@pytest.mark.parametrize(
    "ecosystem, a, b",
    [
        ("Go", "v2.0.0+incompatible", "2.0.0"),
        ("RubyGems", "1.0", "1.0.0"),
        ("NuGet", "1.0.0.0", "1.0.0"),
        ("NuGet", "1.0.0-BETA", "1.0.0-beta"),
        ("Packagist", "v1.2.3", "1.2.3"),
        ("Packagist", "1.0.0beta1", "1.0.0-beta.1"),
    ],
)
def test_new_ecosystems_equal(ecosystem: str, a: str, b: str) -> None:
    assert sort_key(ecosystem, a) == sort_key(ecosystem, b)
    assert hash(sort_key(ecosystem, a)) == hash(sort_key(ecosystem, b))  # listed versions are a set


@pytest.mark.parametrize("ecosystem, text", [("Go", "latest"), ("RubyGems", ""), ("RubyGems", "1..2"), ("NuGet", "not-a-version!"), ("Packagist", "dev-main"), ("crates.io", "1.0")])
def test_new_ecosystems_invalid(ecosystem: str, text: str) -> None:
    with pytest.raises(InvalidVersion):
        sort_key(ecosystem, text)


def test_advisory_bounds_written_short_are_padded_but_pins_are_not() -> None:
    from hms_policy.deps.versions import advisory_key

    assert advisory_key("npm", "1.0") == sort_key("npm", "1.0.0")  # GHSA-r683-j2x4-v87g writes "1.0"
    with pytest.raises(InvalidVersion):
        advisory_key("PyPI", "not a version")
    with pytest.raises(InvalidVersion):
        sort_key("npm", "1.0")  # a pin "1.0" is a range in npm
