"""Deterministic shards of a file list, for spreading one tree over parallel CI jobs.

`--shard I/N` keeps the files whose unit falls in shard I (1-based) of N. A unit is what the
engine analyses together (a Terraform directory, a directory of YAML manifests, otherwise a
file), so no shard judges half a module. Membership is a hash of the unit's key: the same
tree always splits the same way, whatever machine or order the files come in. Shard reports
combine with `hms-policy merge`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath
from typing import Sequence, TypeVar

from hms_policy.errors import UsageError

TERRAFORM_SUFFIXES = (".tf", ".tfvars", ".tf.json")
YAML_SUFFIXES = (".yaml", ".yml")
_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")

T = TypeVar("T")


def unit_key(path: str) -> str:
    """The key of the unit a POSIX path belongs to."""
    name = path.rsplit("/", 1)[-1]
    if name.endswith(TERRAFORM_SUFFIXES):
        return "terraform:" + str(PurePosixPath(path).parent)
    if name.endswith(YAML_SUFFIXES):
        return "yaml:" + str(PurePosixPath(path).parent)
    return "file:" + path


def parse_shard(spec: str) -> tuple[int, int]:
    found = _SPEC.match(str(spec))
    if not found:
        raise UsageError(f"--shard {spec!r}: expected I/N, e.g. 2/4")
    index, count = int(found.group(1)), int(found.group(2))
    if count < 1 or not 1 <= index <= count:
        raise UsageError(f"--shard {spec!r}: I must be between 1 and N")
    return index, count


def in_shard(path: str, index: int, count: int) -> bool:
    digest = hashlib.sha256(unit_key(path).encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % count == index - 1


def select_shard(items: Sequence[T], path_of: "callable[[T], str]", spec: str) -> list[T]:  # type: ignore[valid-type]
    index, count = parse_shard(spec)
    return [item for item in items if in_shard(path_of(item), index, count)]
