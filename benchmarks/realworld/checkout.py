"""Export every manifest repository, at its pinned commit, into benchmarks/.corpus/realworld/.

    python benchmarks/realworld/checkout.py [--mirrors DIR] [NAME ...]

A repository comes from a bare mirror at MIRRORS/<owner>+<name>/repo (the layout the session's
fetch tool leaves; default /work/.mirror or $HMS_REALWORLD_MIRRORS) or, failing that, from a
clone of https://github.com/<owner>/<name>. The export is `git archive` of the pinned commit:
no history, no work-tree state, and a rerun gives the same bytes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from manifest import CORPUS, Repository, load_manifest


def mirror_for(repo: Repository, mirrors: Path) -> Path:
    bare = mirrors / repo.repo.replace("/", "+") / "repo"
    if (bare / "HEAD").exists():
        return bare
    if (bare / ".git" / "HEAD").exists():  # a mirror with a work tree layout: its git directory
        return bare / ".git"
    clone = CORPUS / ".mirrors" / repo.repo.replace("/", "+")
    if not clone.exists():
        clone.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "clone", "--bare", f"https://github.com/{repo.repo}", str(clone)], check=True)
    return clone


def export(repo: Repository, mirrors: Path) -> Path:
    target = CORPUS / repo.name
    stamp = target / ".hms-realworld-commit"
    if stamp.exists() and stamp.read_text().strip() == repo.commit:
        return target
    source = mirror_for(repo, mirrors)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    missing = write_tree(source, repo.commit, target)
    if missing:
        # Snapshots may lack very large blobs (4 MiB and more): say so rather than fail.
        print(f"{repo.name}: {len(missing)} blob(s) absent from the mirror, left out: {', '.join(missing[:5])}", file=sys.stderr)
    stamp.write_text(repo.commit + "\n")
    return target


def write_tree(git_dir: Path, commit: str, target: Path) -> list[str]:
    """Write the commit's files under target; return the paths whose blobs the mirror lacks."""
    listing = subprocess.run(["git", "--git-dir", str(git_dir), "ls-tree", "-r", "-z", commit], check=True, capture_output=True).stdout
    entries = []
    for raw in listing.split(b"\0"):
        if not raw:
            continue
        meta, _, name = raw.partition(b"\t")
        mode, kind, sha = meta.split()
        if kind == b"blob":
            entries.append((mode.decode(), sha.decode(), name.decode("utf-8", "surrogateescape")))
    missing: list[str] = []
    batch = subprocess.Popen(["git", "--git-dir", str(git_dir), "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert batch.stdin is not None and batch.stdout is not None
    for mode, sha, name in entries:
        batch.stdin.write(sha.encode() + b"\n")
        batch.stdin.flush()
        header = batch.stdout.readline().split()
        if header[1] == b"missing":
            missing.append(name)
            continue
        body = batch.stdout.read(int(header[2]))
        batch.stdout.read(1)  # the newline after each object
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":
            link = body.decode("utf-8", "surrogateescape")
            if not os.path.isabs(link) and (path.parent / link).resolve().is_relative_to(target.resolve()):
                path.symlink_to(link)
            continue
        path.write_bytes(body)
        if mode == "100755":
            path.chmod(0o755)
    batch.stdin.close()
    batch.wait()
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--mirrors", type=Path, default=Path(os.environ.get("HMS_REALWORLD_MIRRORS", "/work/.mirror")))
    args = parser.parse_args(argv)
    for repo in load_manifest(args.names):
        path = export(repo, args.mirrors)
        print(f"{repo.name}: {repo.repo}@{repo.commit[:12]} -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
