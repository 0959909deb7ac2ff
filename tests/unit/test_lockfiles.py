"""Lock-file and manifest parsers of hms_policy/deps/lockfiles (and pom.xml's resolution):
real-shaped synthetic files, the entries that are not registry releases, and bad input."""

from __future__ import annotations

import json

import pytest

from hms_policy.deps.manifests import ManifestError, read_manifest


def _pins(path: str, text: str) -> list[tuple[str, str | None, int]]:
    manifest = read_manifest(path, text)
    assert manifest is not None
    return [(d.name, d.version, d.line) for d in manifest.dependencies]


YARN_BERRY = """\
__metadata:
  version: 6
  cacheKey: 8

"@babel/code-frame@npm:^7.0.0, @babel/code-frame@npm:^7.10.4":
  version: 7.12.13
  resolution: "@babel/code-frame@npm:7.12.13"
  dependencies:
    "@babel/highlight": ^7.12.13
  checksum: 471532bb7c
  languageName: node
  linkType: hard

"emr-web@workspace:.":
  version: 0.0.0-use.local
  resolution: "emr-web@workspace:."
  languageName: unknown
  linkType: soft

"resolve@patch:resolve@^1.20.0#~builtin<compat/resolve>":
  version: 1.22.1
  resolution: "resolve@patch:resolve@npm%3A1.22.1#~builtin<compat/resolve>::version=1.22.1&hash=07638b"
"""


def test_yarn_berry_keeps_npm_resolutions_only() -> None:
    assert _pins("yarn.lock", YARN_BERRY) == [("@babel/code-frame", "7.12.13", 5)]


def test_yarn_v1_scoped_names_and_local_sources() -> None:
    text = (
        '# yarn lockfile v1\n\n\n"@types/node@*", "@types/node@^18.0.0":\n  version "18.11.9"\n  dependencies:\n    version "9.9.9"\n\n'
        'local@file:../local:\n  version "1.0.0"\n  resolved "file:../local"\n'
    )
    assert _pins("yarn.lock", text) == [("@types/node", "18.11.9", 4)]


def test_yarn_v1_alias_names_the_real_package() -> None:
    text = '# yarn lockfile v1\n\n\n"strip-ansi-cjs@npm:strip-ansi@^6.0.1":\n  version "6.0.1"\n'
    assert _pins("yarn.lock", text) == [("strip-ansi", "6.0.1", 4)]


def test_yarn_garbage_is_an_error() -> None:
    with pytest.raises(ManifestError):
        read_manifest("yarn.lock", "{\"this\": \"is json\"}")


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("/lodash/4.17.21", ("lodash", "4.17.21")),  # v5
        ("/@babel/core/7.12.3_peer@1.0.0", ("@babel/core", "7.12.3")),  # v5 with peers
        ("/@babel/core@7.12.3(peer@1.0.0)", ("@babel/core", "7.12.3")),  # v6
        ("@babel/core@7.12.3", ("@babel/core", "7.12.3")),  # v9, scoped
        ("lodash@4.17.21", ("lodash", "4.17.21")),  # v9
    ],
)
def test_pnpm_keys(key: str, expected: tuple[str, str]) -> None:
    from hms_policy.deps.lockfiles.pnpm import split_key

    assert split_key(key) == expected


def test_pnpm_v5_and_tarballs() -> None:
    text = "lockfileVersion: 5.4\n\npackages:\n\n  /lodash/4.17.15:\n    resolution: {integrity: sha512-x}\n\n  github.com/x/y/0123abc:\n    resolution: {tarball: https://codeload.github.com/x/y/tar.gz/0123abc}\n"
    assert _pins("pnpm-lock.yaml", text) == [("lodash", "4.17.15", 5)]
    with pytest.raises(ManifestError):
        read_manifest("pnpm-lock.yaml", "packages:\n  /a@1.0.0:\n")


def test_gradle_lockfile_problems_are_reported_not_raised() -> None:
    manifest = read_manifest("gradle/dependency-locks/compileClasspath.lockfile", "a:b:1.0=x\nbroken line\nempty=\n")
    assert manifest is not None and [(d.name, d.version) for d in manifest.dependencies] == [("a:b", "1.0")]
    assert manifest.problems == ["line 2: not group:artifact:version (skipped)"]
    assert read_manifest("buildscript-gradle.lockfile", "a:b:2.0=classpath\n") is not None


def test_go_mod_replace_and_blocks() -> None:
    text = (
        "module example.org/m\n\ngo 1.21\n\nrequire golang.org/x/net v0.7.0\n"
        "require (\n\tgithub.com/a/b v1.2.3 // indirect\n\tgithub.com/c/d v0.0.0-20210101000000-abcdef123456\n\tgithub.com/e/f v2.0.0+incompatible\n)\n"
        "replace github.com/a/b => ../b\nreplace (\n\tgolang.org/x/net v0.7.0 => golang.org/x/net v0.17.0\n)\n"
    )
    assert _pins("go.mod", text) == [
        ("golang.org/x/net", "v0.17.0", 5),
        ("github.com/c/d", "v0.0.0-20210101000000-abcdef123456", 8),
        ("github.com/e/f", "v2.0.0+incompatible", 9),
    ]
    with pytest.raises(ManifestError):
        read_manifest("go.mod", "this is not go\n")


def test_go_sum_keeps_the_highest_downloaded_version() -> None:
    text = (
        "golang.org/x/text v0.3.6/go.mod h1:aaa=\ngolang.org/x/text v0.3.7 h1:bbb=\n"
        "golang.org/x/text v0.3.7/go.mod h1:ccc=\ngolang.org/x/text v0.3.10 h1:ddd=\nnot an entry\n"
    )
    manifest = read_manifest("go.sum", text)
    assert manifest is not None
    assert [(d.name, d.version, d.line) for d in manifest.dependencies] == [("golang.org/x/text", "v0.3.10", 4)]
    assert manifest.problems == ["line 5: not a go.sum entry (skipped)"]


def test_gemfile_lock_platforms_and_sections() -> None:
    text = (
        "GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.13.3-x86_64-linux)\n      racc (~> 1.4)\n"
        "    nokogiri (1.13.3-arm64-darwin)\n    rails (7.0.4.rc1)\n\nPATH\n  remote: .\n  specs:\n    emr (0.1.0)\n\nPLATFORMS\n  ruby\n"
    )
    assert _pins("Gemfile.lock", text) == [("nokogiri", "1.13.3", 4), ("rails", "7.0.4.rc1", 7)]
    with pytest.raises(ManifestError):
        read_manifest("Gemfile.lock", "nokogiri 1.0\n")


def test_composer_lock_branches_and_bad_shapes() -> None:
    text = json.dumps({"packages": [{"name": "a/b", "version": "v1.2.3", "authors": [{"name": "a/b"}]}, {"name": "c/d", "version": "dev-main"}], "packages-dev": "x"}, indent=4)
    manifest = read_manifest("composer.lock", text)
    assert manifest is not None
    assert [(d.name, d.version, d.line) for d in manifest.dependencies] == [("a/b", "v1.2.3", 4), ("c/d", None, 13)]
    assert manifest.problems == ["'packages-dev' is not an array (skipped)"]
    with pytest.raises(ManifestError, match="invalid JSON"):
        read_manifest("composer.lock", "{")


def test_cargo_lock_skips_workspace_and_git() -> None:
    text = (
        'version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n\n[[package]]\nname = "serde"\nversion = "1.0.150"\n'
        'source = "registry+https://github.com/rust-lang/crates.io-index"\n\n[[package]]\nname = "gitdep"\nversion = "0.1.0"\n'
        'source = "git+https://github.com/x/gitdep#0123"\n'
    )
    assert _pins("Cargo.lock", text) == [("serde", "1.0.150", 7)]
    with pytest.raises(ManifestError, match="invalid TOML"):
        read_manifest("Cargo.lock", "[[package]\n")


def test_nuget_lock_dedupes_frameworks_and_skips_projects() -> None:
    data = {
        "version": 1,
        "dependencies": {
            "net6.0": {"Serilog": {"type": "Direct", "resolved": "2.10.0"}, "Emr.Core": {"type": "Project"}},
            "net8.0": {"Serilog": {"type": "Direct", "resolved": "2.10.0"}, "Odd": {"type": "Direct", "resolved": "not-a-version!"}},
        },
    }
    manifest = read_manifest("packages.lock.json", json.dumps(data, indent=2))
    assert manifest is not None
    assert [(d.name, d.version, d.line) for d in manifest.dependencies] == [("Serilog", "2.10.0", 5)]
    assert len(manifest.problems) == 1 and "Odd" in manifest.problems[0]
    with pytest.raises(ManifestError):
        read_manifest("packages.lock.json", "[]")


POM = """\
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <parent><groupId>org.emr</groupId><artifactId>parent</artifactId><version>3.1.0</version></parent>
  <artifactId>api</artifactId>
  <properties><log4j.version>2.14.1</log4j.version></properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.apache.logging.log4j</groupId>
        <artifactId>log4j-core</artifactId>
        <version>${log4j.version}</version>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-core</artifactId>
    </dependency>
    <dependency>
      <groupId>org.emr</groupId>
      <artifactId>common</artifactId>
      <version>${project.parent.version}</version>
    </dependency>
    <dependency>
      <groupId>org.springframework</groupId>
      <artifactId>spring-core</artifactId>
      <version>${spring.version}</version>
    </dependency>
    <dependency>
      <groupId>com.google.guava</groupId>
      <artifactId>guava</artifactId>
    </dependency>
  </dependencies>
</project>
"""


def test_pom_resolves_what_the_file_holds_and_lists_the_rest() -> None:
    manifest = read_manifest("pom.xml", POM)
    assert manifest is not None
    assert [(d.name, d.version, d.line) for d in manifest.dependencies] == [
        ("org.apache.logging.log4j:log4j-core", "2.14.1", 9),  # pinned by dependencyManagement, judged there
        ("org.emr:common", "3.1.0", 21),
        ("org.springframework:spring-core", None, 26),
    ]
    assert manifest.problems == [
        "line 26: ${spring.version}: not set in this file (a parent POM, profile or -D flag sets it): those versions are not judged",
        "1 dependencies take their version from a parent POM or an imported BOM (not read): not judged",
    ]


@pytest.mark.parametrize(
    "path",
    ["yarn.lock", "web/pnpm-lock.yaml", "gradle.lockfile", "app/buildscript-gradle.lockfile", "gradle/dependency-locks/compileClasspath.lockfile",
     "go.mod", "go.sum", "Gemfile.lock", "gems.locked", "composer.lock", "Cargo.lock", "src/Api/packages.lock.json"],
)
def test_lock_files_are_manifests(path: str) -> None:
    from hms_policy.deps.manifests import manifest_kind
    from hms_policy.model import TargetKind
    from hms_policy.targets.kinds import classify

    assert classify(path, b"{}\n") is TargetKind.MANIFEST
    assert manifest_kind(path) is not None
