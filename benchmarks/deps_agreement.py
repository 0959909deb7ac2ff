"""Agreement of DEP002's lookup with pip-audit's logic and with a direct OSV evaluation, on
three real lock files from public health-care repositories (a benchmark, not a test).

    python benchmarks/deps_agreement.py [--osv ../shared/osv] [--mirrors /work/.mirror]

The files are read from git mirrors (`fetch` brings them: /work/.mirror/<owner>+<name>/repo)
at fixed commits, so the figures can be repeated:

    Python  ohcnetwork/care        Pipfile.lock        (CARE, India's open hospital system)
    npm     ohcnetwork/care_fe     package-lock.json   (its front end)
    Maven   openmrs/openmrs-core   pom.xml             (the OpenMRS EMR)

Three verdicts per pinned (package, version):

    ours      hms-policy: our parsers, our version orderings, deps/osv.py, the alias merge and
              the smallest upgrade, as DEP002 computes them;
    direct    a direct OSV evaluation written here from the OSV schema's pseudo-code, with the
              version orderings of another library (univers: PypiVersion, SemverVersion,
              MavenVersion): `affected[].versions` lists and ECOSYSTEM/SEMVER ranges. It stands in
              for osv-scanner, whose Go binary cannot be built here (no Go toolchain);
    pip-audit pip-audit's own code (PyPI only): its OsvService parses the records (withdrawn
              skipped, fix versions from the first ECOSYSTEM range), its Auditor merges aliases,
              its resolve_fix_versions finds the fix by re-querying. OSV's query API is answered
              from the local records by the direct evaluation (no network here).

Every difference is printed with the package, version and ids; the report explains each.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FILES = [
    ("PyPI", "ohcnetwork/care", "b5e482c746aa21ca1a4a5a4df076c21c2d4f8f9b", "Pipfile.lock"),
    ("npm", "ohcnetwork/care_fe", "d4f3b68b768576ba08d0f26c151db987bedb850f", "package-lock.json"),
    ("Maven", "openmrs/openmrs-core", "e4adbdc434a20ecf53094fe081d16038de3d0bd2", "pom.xml"),  # tag 2.4.0,
]


def read_from_mirror(mirrors: Path, repo: str, commit: str, path: str) -> str:
    git_dir = mirrors / repo.replace("/", "+") / "repo"
    return subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"], check=True, capture_output=True, text=True).stdout


# --- the direct OSV evaluation (independent of hms_policy.deps.osv) ----------------------


def _univers_key(ecosystem: str, text: str) -> Any:
    from univers.versions import MavenVersion, PypiVersion, SemverVersion

    cls = {"PyPI": PypiVersion, "npm": SemverVersion, "Maven": MavenVersion}[ecosystem]
    return cls(text.lstrip("v") if ecosystem == "npm" else text)


def _canonical(ecosystem: str, name: str) -> str:
    if ecosystem == "PyPI":
        import re

        return re.sub(r"[-_.]+", "-", name).lower()
    return name


class DirectOsv:
    def __init__(self, records: list[dict[str, Any]], ecosystem: str) -> None:
        self.ecosystem = ecosystem
        self.by_name: dict[str, list[dict[str, Any]]] = {}
        for record in records:
            for affected in record.get("affected") or ():
                package = affected.get("package") or {}
                if package.get("ecosystem") == ecosystem:
                    self.by_name.setdefault(_canonical(ecosystem, package.get("name", "")), []).append(record)

    def affecting(self, name: str, version: str, *, include_withdrawn: bool = True) -> list[dict[str, Any]]:
        try:
            current = _univers_key(self.ecosystem, version)
        except Exception:
            return []
        out = []
        for record in {id(r): r for r in self.by_name.get(_canonical(self.ecosystem, name), [])}.values():
            if record.get("withdrawn") and not include_withdrawn:
                continue
            if any(self._hit(affected, name, current) for affected in record.get("affected") or ()):
                out.append(record)
        return out

    def _hit(self, affected: dict[str, Any], name: str, current: Any) -> bool:
        package = affected.get("package") or {}
        if package.get("ecosystem") != self.ecosystem or _canonical(self.ecosystem, package.get("name", "")) != _canonical(self.ecosystem, name):
            return False
        for listed in affected.get("versions") or ():
            try:
                if _univers_key(self.ecosystem, listed) == current:
                    return True
            except Exception:
                continue
        for rng in affected.get("ranges") or ():
            if rng.get("type") not in ("ECOSYSTEM", "SEMVER"):
                continue
            try:
                events = [
                    (None if kind == "introduced" and value == "0" else _univers_key(self.ecosystem, value), kind)
                    for event in rng["events"]
                    for kind, value in event.items()
                    if kind in ("introduced", "fixed", "last_affected")
                ]
            except Exception:
                continue  # a range this library cannot order
            # the OSV schema's evaluation: walk the events in version order ("0" first)
            events = [e for e in events if e[0] is None] + sorted((e for e in events if e[0] is not None), key=lambda e: e[0])
            affected_now = False
            for key, kind in events:
                if kind == "introduced" and (key is None or current >= key):
                    affected_now = True
                elif kind == "fixed" and key is not None and current >= key:
                    affected_now = False
                elif kind == "last_affected" and key is not None and current > key:
                    affected_now = False
            if affected_now:
                return True
        return False


# --- pip-audit, its OSV service answered from local records -------------------------------


class _Response:
    def __init__(self, payload: dict[str, Any]) -> None:
        self.payload = payload

    def raise_for_status(self) -> None:
        return None

    def json(self) -> dict[str, Any]:
        return self.payload


class _LocalApi:
    """Stands in for api.osv.dev/v1/query: the records the direct evaluation says affect the version."""

    def __init__(self, direct: DirectOsv) -> None:
        self.direct = direct

    def post(self, url: str, data: str, timeout: Any = None) -> _Response:
        query = json.loads(data)
        vulns = self.direct.affecting(query["package"]["name"], query["version"])
        return _Response({"vulns": vulns} if vulns else {})


def pip_audit_verdicts(direct: DirectOsv, pins: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[list[set[str]], str | None]]:
    from packaging.version import Version
    from pip_audit._audit import Auditor
    from pip_audit._fix import resolve_fix_versions
    from pip_audit._service.interface import ResolvedDependency
    from pip_audit._service.osv import OsvService

    service = OsvService.__new__(OsvService)
    service.session = _LocalApi(direct)  # type: ignore[assignment]
    service.timeout = None
    service.osv_url = "local"

    deps = [ResolvedDependency(name, Version(version)) for name, version in pins]

    class Source:
        def collect(self) -> Iterable[ResolvedDependency]:
            return iter(deps)

        def fix(self, _: Any) -> None:  # pragma: no cover - not used
            return None

    results = dict(Auditor(service).audit(Source()))  # type: ignore[arg-type]
    fixes = {f.dep: f for f in resolve_fix_versions(service, {d: v for d, v in results.items() if v})}
    out: dict[tuple[str, str], tuple[list[set[str]], str | None]] = {}
    for dep, vulns in results.items():
        fix = fixes.get(dep)
        version = str(fix.version) if fix is not None and hasattr(fix, "version") else None  # ResolvedFixVersion
        out[(dep.name, str(dep.version))] = ([{v.id, *v.aliases} for v in vulns], version)
    return out


# --- ours ---------------------------------------------------------------------------------


def our_verdicts(ecosystem: str, osv_dir: Path, deps: list[Any]) -> tuple[dict[tuple[str, str], tuple[list[Any], str | None]], float]:
    from hms_policy.deps.advice import merge_aliases
    from hms_policy.deps.osv import load_database
    from hms_policy.deps.sources import LocalSource

    source = LocalSource(load_database(osv_dir))
    started = time.perf_counter()
    found = source.lookup(deps)
    out = {}
    for dep in deps:
        advisories = found.get((dep.ecosystem, dep.name, dep.version)) or []
        if advisories:
            upgrade, _ = source.upgrade(dep, advisories)
            out[(dep.name, dep.version)] = (merge_aliases(advisories, ecosystem), upgrade)
    return out, time.perf_counter() - started


def load_records(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--osv", type=Path, default=Path("/work/shared/osv"))
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args(argv)

    from hms_policy.deps.manifests import read_manifest

    print(f"OSV data: {args.osv}")
    for ecosystem, repo, commit, path in FILES:
        text = read_from_mirror(args.mirrors, repo, commit, path)
        parse_started = time.perf_counter()
        manifest = read_manifest(path, text)
        parse_ms = (time.perf_counter() - parse_started) * 1000
        assert manifest is not None
        pinned = list({(d.name, d.version): d for d in manifest.pinned}.values())
        records = load_records(args.osv / ecosystem)
        direct = DirectOsv(records, ecosystem)
        ours, seconds = our_verdicts(ecosystem, args.osv / ecosystem, pinned)
        direct_hits = {(d.name, d.version): [r["id"] for r in direct.affecting(d.name, str(d.version), include_withdrawn=False)] for d in pinned}
        direct_hits = {k: v for k, v in direct_hits.items() if v}
        print(f"\n== {ecosystem}: {repo}@{commit[:10]} {path}")
        print(f"   entries {len(manifest.dependencies)}, pinned (unique) {len(pinned)}, unpinned {len(manifest.dependencies) - len(manifest.pinned)}, problems {len(manifest.problems)}")
        print(f"   advisories in the local data: {len(records)}; parse {parse_ms:.1f} ms, lookup {seconds * 1000:.1f} ms")
        ours_ids = {k: sorted({a for v in vs for a in v.advisories}) for k, (vs, _) in ours.items()}
        keys = sorted(set(ours_ids) | set(direct_hits))
        agree = sum(1 for k in keys if ours_ids.get(k) == sorted(direct_hits.get(k, [])))
        print(f"   vulnerable pins: ours {len(ours_ids)}, direct {len(direct_hits)}; same advisory ids on {agree}/{len(keys)}")
        for k in keys:
            if ours_ids.get(k) != sorted(direct_hits.get(k, [])):
                print(f"   DIFF direct  {k[0]} {k[1]}: ours {ours_ids.get(k, [])} direct {sorted(direct_hits.get(k, []))}")
        if ecosystem != "PyPI":
            for k in keys:
                vs, upgrade = ours.get(k, ([], None))
                print(f"   hit {k[0]} {k[1]}: {[v.id for v in vs]} -> upgrade {upgrade}")
            continue
        audit = pip_audit_verdicts(direct, [(d.name, str(d.version)) for d in pinned])
        pa = {(n, v): r for (n, v), r in audit.items() if r[0]}
        ours_keyed = {(n.lower(), v): r for (n, v), r in ours.items()}
        pa_keyed = {(n.lower(), v): r for (n, v), r in pa.items()}
        keys = sorted(set(ours_keyed) | set(pa_keyed))
        same_vulnerable = sum(1 for k in keys if k in ours_keyed and k in pa_keyed)
        same_count = sum(1 for k in keys if k in ours_keyed and k in pa_keyed and len(ours_keyed[k][0]) == len(pa_keyed[k][0]))
        same_fix = sum(1 for k in keys if k in ours_keyed and k in pa_keyed and ours_keyed[k][1] == pa_keyed[k][1])
        print(f"   pip-audit: vulnerable pins ours {len(ours_keyed)}, pip-audit {len(pa_keyed)}; both {same_vulnerable}; "
              f"same vulnerability count (after alias merge) {same_count}; same fix version {same_fix}")
        for k in keys:
            mine, theirs = ours_keyed.get(k), pa_keyed.get(k)
            if mine is None or theirs is None:
                print(f"   DIFF pip-audit {k[0]} {k[1]}: ours {mine and [v.id for v in mine[0]]} pip-audit {theirs and theirs[0]}")
                continue
            if len(mine[0]) != len(theirs[0]) or mine[1] != theirs[1]:
                print(f"   DIFF pip-audit {k[0]} {k[1]}: ours {[v.id for v in mine[0]]} fix {mine[1]}; pip-audit {[sorted(s) for s in theirs[0]]} fix {theirs[1]}")
        for k in keys:
            if k in ours_keyed:
                print(f"   hit {k[0]} {k[1]}: {[v.id for v in ours_keyed[k][0]]} -> upgrade {ours_keyed[k][1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
