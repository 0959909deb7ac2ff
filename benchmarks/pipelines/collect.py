"""Export the CI files of the repositories in repos.yaml into benchmarks/.corpus/pipelines/.

    python benchmarks/pipelines/collect.py [NAME ...]

Only pipeline files are exported (what `targets/kinds.py` classifies as a pipeline kind),
plus the files a GitLab `include: local` names. Never commit the corpus.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
BENCHMARKS = HERE.parent
CORPUS = BENCHMARKS / ".corpus" / "pipelines"
REALWORLD = BENCHMARKS / ".corpus" / "realworld"
MIRRORS = Path(os.environ.get("HMS_MIRRORS", "/work/.mirror"))
sys.path.insert(0, str(BENCHMARKS.parent))

from hms_policy.model import TargetKind  # noqa: E402
from hms_policy.targets.kinds import classify  # noqa: E402

PIPELINE_KINDS = {TargetKind.GITHUB_ACTIONS, TargetKind.GITLAB_CI, TargetKind.JENKINS, TargetKind.AZURE_PIPELINES, TargetKind.BITBUCKET_PIPELINES}


def repositories(names: list[str]) -> list[dict[str, str]]:
    repos = yaml.safe_load((HERE / "repos.yaml").read_text())["repositories"]
    return [r for r in repos if not names or r["name"] in names]


def _pipeline(path: str, head: bytes) -> bool:
    return classify(path, head) in PIPELINE_KINDS


def export_realworld(name: str, target: Path) -> int:
    tree = REALWORLD / name
    count = 0
    for path in tree.rglob("*"):
        rel = path.relative_to(tree).as_posix()
        if "node_modules/" in rel or not path.is_file():
            continue
        if _pipeline(rel, path.read_bytes()[:8192]):
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / rel)
            count += 1
    return count


def export_mirror(repo: str, target: Path, only: str = "") -> int:
    git = MIRRORS / repo.replace("/", "+") / "repo"
    if not git.exists():
        raise SystemExit(f"{repo}: no mirror at {git}")
    names = subprocess.run(["git", "-C", str(git), "ls-tree", "-r", "--name-only", "HEAD"], capture_output=True, text=True, check=True).stdout.split("\n")
    count = 0
    for rel in names:
        if not rel or not rel.startswith(only) or "node_modules/" in rel or not rel.lower().endswith((".yml", ".yaml")) and "jenkinsfile" not in rel.lower():
            continue
        data = subprocess.run(["git", "-C", str(git), "show", f"HEAD:{rel}"], capture_output=True, check=False).stdout
        if _pipeline(rel, data[:8192]):
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).write_bytes(data)
            count += 1
    return count


def main(argv: list[str]) -> int:
    for repo in repositories(argv):
        target = CORPUS / repo["name"]
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        count = export_realworld(repo["name"], target) if repo["source"] == "realworld" else export_mirror(repo["repo"], target, repo.get("only", ""))
        print(f"{repo['name']}: {count} pipeline files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
