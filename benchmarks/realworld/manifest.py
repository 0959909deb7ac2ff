"""The benchmark manifest and the paths every script shares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
BENCHMARKS = HERE.parent
CORPUS = BENCHMARKS / ".corpus" / "realworld"  # exported trees (git-ignored)
OUT = BENCHMARKS / "out" / "realworld"  # scan reports (git-ignored)
LABELS = HERE / "labels"


@dataclass(frozen=True)
class Repository:
    name: str
    repo: str
    commit: str
    stack: str


def load_manifest(names: list[str] | None = None) -> list[Repository]:
    data = yaml.safe_load((HERE / "manifest.yaml").read_text())
    repos = [Repository(r["name"], r["repo"], r["commit"], r.get("stack", "")) for r in data["repositories"]]
    if names:
        unknown = set(names) - {r.name for r in repos}
        if unknown:
            raise SystemExit(f"not in the manifest: {', '.join(sorted(unknown))}")
        repos = [r for r in repos if r.name in names]
    return repos
