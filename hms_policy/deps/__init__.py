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
    sources.py     which vulnerability source a scan uses (`vuln_db`: a path, a managed
                   database or "online")
    vulndb.py      the managed database as a scan sees it: where it lives (platformdirs,
                   HMS_POLICY_DB_DIR), the lookup source over its index, the report summary
    osv_index.py   the managed database's SQLite index: records by (ecosystem, name)
    osv_feeds.py   OSV's published per-ecosystem archives: names and URLs
    osv_fetch.py   `hms-policy db update` / `import`: download, verify, move into place, index

Nothing here imports a heavy library at module level, and nothing reaches the network
unless the scan's settings ask for the online source or the user runs `hms-policy db update`.
"""
