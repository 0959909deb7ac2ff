"""Image inputs for `hms-policy scan`: an image archive or OCI layout given as PATH, or
`--image NAME` saved from a local docker / podman into a temporary archive."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from hms_policy.errors import UsageError

ENGINES = ("docker", "podman")
SAVE_TIMEOUT_SECONDS = 1800


@contextmanager
def saved_image(name: str) -> Iterator[Path]:
    """`docker save NAME` (or podman's) into a temporary tar, removed afterwards."""
    engine = next((e for e in ENGINES if shutil.which(e)), None)
    if engine is None:
        raise UsageError(f"--image {name}: neither docker nor podman is on PATH; save the image yourself (docker save -o image.tar {name}) and scan image.tar")
    with tempfile.TemporaryDirectory(prefix="hms-policy-image-") as tmp:
        archive = Path(tmp) / "image.tar"
        print(f"hms-policy: saving {name} with {engine} into a temporary archive", file=__import__("sys").stderr)
        try:
            done = subprocess.run([engine, "save", "-o", str(archive), name], capture_output=True, timeout=SAVE_TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise UsageError(f"--image {name}: {engine} save failed ({type(exc).__name__})") from None
        if done.returncode != 0 or not archive.is_file():
            first = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()[:1]
            raise UsageError(f"--image {name}: {engine} save failed" + (f": {first[0][:200]}" if first else ""))
        yield archive


def image_path(paths: list[Path]) -> Path | None:
    """The one PATH, when it is an image archive or an OCI layout directory."""
    if len(paths) != 1:
        return None  # a hook's list of files: no image, and no archive modules to import
    from hms_policy.targets.images.layout import is_image_input

    return paths[0] if is_image_input(paths[0]) else None
