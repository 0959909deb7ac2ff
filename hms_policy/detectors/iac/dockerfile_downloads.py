"""Software fetched over the network in a `RUN` and installed without checking it (DKR008).

`curl -fsSL https://.../confd-0.16.0-linux-amd64 -o /usr/local/bin/confd && chmod +x ...`
installs whatever the server (or anyone on the path to it) returns at build time, as root, in
an image that will hold patient data. A download counts when the same `RUN` then makes it
executable, unpacks, installs or runs it (`chmod +x`, `tar x`, `unzip`, `dpkg -i`, `rpm -i`,
`java -jar`, `install`, a move into a `bin` directory, `sh file`), and nothing in that `RUN`
verifies it (`sha256sum -c`, `sha512sum`, `shasum`, `gpg --verify`, `cosign verify`, ...).
Piping into a shell is DKR004's; `ADD <url>` is DKR003's; package managers verify their own
downloads and are not judged here.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_DOWNLOAD = re.compile(r"(?i)(?:^|[;&|(\s])(?:curl|wget)\b[^;&|\n]*?\bhttps?://[^\s'\"]+")
_INSTALL = re.compile(
    r"(?i)\bchmod\s+(?:-\S+\s+)*(?:[0-7]*[157]\b|[ugoa]*\+[rw]*x)|\btar\s+(?:-\S*x|x)\S*|\bunzip\b|\bgunzip\b|\bdpkg\s+-i\b|\brpm\s+-[iU]|"
    r"\bjava\s+-jar\b|\binstall\s+(?:-\S+\s+)*\S+\s+\S*/bin\b|\bmv\s+\S+\s+\S*/(?:s?bin|lib|opt)\b|(?:^|[;&]\s*)(?:ba)?sh\s+[./\w-]+\.sh\b|\bapk\s+add\s+--allow-untrusted\b"
)
_VERIFY = re.compile(
    r"(?i)\bsha(?:1|224|256|384|512)sum\b|\bshasum\b|\bmd5sum\b|\bb2sum\b|\bgpg2?\b[^;&|\n]*--verify|\bcosign\s+verify|\bminisign\b|"
    r"\bopenssl\s+dgst\b|--checksum\b|\bslsa-verifier\b"
)


def download_without_checksum(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    for node in doc.nodes:
        if node.kind != "RUN":
            continue
        script = str(node.value.get("args") or "")
        found = _DOWNLOAD.search(script)
        if found is None or _VERIFY.search(script) or not _INSTALL.search(script[found.start() :]):
            continue
        url = re.search(r"https?://[^\s'\"]+", found.group(0))
        host = url.group(0).split("/")[2].rsplit("@", 1)[-1] if url else "?"  # never `user:password@`
        yield Match(LineSpan.at(node.span.start), entity=f"stage[{node.value['stage']}]:RUN", key=host, context={"host": host})
