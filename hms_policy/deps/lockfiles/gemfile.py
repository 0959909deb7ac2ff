"""Bundler's Gemfile.lock (and gems.locked): the `specs:` of each `GEM` section.

    GEM
      remote: https://rubygems.org/
      specs:
        nokogiri (1.12.5-x86_64-linux)
          racc (~> 1.4)

Gems from `GIT` and `PATH` sections are not registry releases and are skipped. A platform
suffix (`-x86_64-linux`, `-java`) is not part of the version.
"""

from __future__ import annotations

import re

from hms_policy.deps.records import Dependency, Manifest, ManifestError

_SPEC = re.compile(r"^    ([A-Za-z0-9_.\-]+) \(([^)\s]+)\)\s*$")
_SECTION = re.compile(r"^[A-Z][A-Z ]*$")
# The platforms Bundler writes after a version: ruby, java, jruby, mswin, mingw, x86_64-linux ...
_PLATFORM = re.compile(r"-(?:java|jruby|ruby|universal|x86|x64|i[3-6]86|arm|aarch64|mswin|mingw|darwin|linux|freebsd|solaris)[\w\-.]*$")


def parse(text: str) -> Manifest:
    manifest = Manifest("Gemfile.lock", "RubyGems")
    section = ""
    sections = 0
    seen: set[tuple[str, str]] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if _SECTION.match(line):
            section, sections = line.strip(), sections + 1
            continue
        if section != "GEM":
            continue
        spec = _SPEC.match(line)
        if not spec:
            continue
        name, version = spec.group(1), _PLATFORM.sub("", spec.group(2))
        if (name, version) in seen:
            continue  # the same gem for several platforms
        seen.add((name, version))
        manifest.dependencies.append(Dependency("RubyGems", name, version, number))
    if sections == 0 and text.strip():
        raise ManifestError("not a Gemfile.lock: no GEM, GIT, PATH or PLATFORMS section")
    return manifest
