"""The tree digest: a sha256 Merkle root over the sorted (path, file sha256) pairs.

    leaf   = sha256(b"hms-leaf\\0" + path (UTF-8) + b"\\0" + bytes.fromhex(file_sha256))
    parent = sha256(b"hms-node\\0" + left + right)
    an odd node at the end of a level is promoted unchanged
    empty  = sha256(b"hms-empty")

Leaves are sorted by path. The domain-separation prefixes keep a leaf from being mistaken
for an inner node. The root is written `sha256:<hex>`.
"""

from __future__ import annotations

import hashlib
from typing import Iterable


def merkle_root(entries: Iterable[tuple[str, str]]) -> str:
    """`entries` are (POSIX path, hex sha256 of the file's bytes)."""
    level = [
        hashlib.sha256(b"hms-leaf\0" + path.encode("utf-8") + b"\0" + bytes.fromhex(sha)).digest()
        for path, sha in sorted(entries)
    ]
    if not level:
        return "sha256:" + hashlib.sha256(b"hms-empty").hexdigest()
    while len(level) > 1:
        paired = [
            hashlib.sha256(b"hms-node\0" + level[i] + level[i + 1]).digest()
            for i in range(0, len(level) - 1, 2)
        ]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return "sha256:" + level[0].hex()
