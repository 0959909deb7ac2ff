"""Dependency manifests and offline vulnerability data.

    records.py     Dependency / Manifest records and the parsers' shared text helpers
    manifests.py   requirements*.txt, pyproject.toml, Python lock files, package.json,
                   package-lock.json and pom.xml -> pinned `Dependency` records with lines;
                   the one table of parsers by file name
    lockfiles/     one module per further format: yarn.lock, pnpm-lock.yaml, Gradle lock
                   files, go.mod / go.sum, Gemfile.lock, composer.lock, Cargo.lock, NuGet
    versions.py    each ecosystem's own version order: PEP 440 (`packaging`), SemVer 2.0
                   (npm, Go, crates.io), Maven's ComparableVersion, RubyGems and NuGet
                   (`univers`), Packagist (PHP's version_compare)
    advice.py      aliases merged into one vulnerability; the remedy in words
    inventory.py   every manifest of a tree -> `Component` records, for the SBOM
    osv.py         a local OSV database (a directory of OSV JSON records or the zip OSV
                   publishes per ecosystem) and the OSV range-matching rules
    sources.py     which vulnerability source a scan uses (`vuln_db`: a path or "online")

Nothing here imports a heavy library at module level, and nothing reaches the network
unless the scan's settings ask for the online source.
"""
