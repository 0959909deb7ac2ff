"""A streamed log keeps a bounded number of secret candidates per type, whatever its size."""

from __future__ import annotations

from pathlib import Path

import pytest

from hms_policy.adapters import detect_secrets as adapter
from hms_policy.targets.discover import Candidate, read_source
from hms_policy.targets.document import Document


def test_streamed_hits_are_capped_per_type(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hms_policy.targets.discover as discover

    monkeypatch.setattr(discover, "STREAM_ABOVE_BYTES", 1000)
    monkeypatch.setattr(adapter, "STREAMED_HITS_PER_TYPE", 25)
    monkeypatch.setattr(adapter, "BLOCK_LINES", 100)
    log = tmp_path / "access.log"
    log.write_text("".join(f'104.7.{i % 250}.{i % 200 + 1} - - [02/Nov/2026:10:12:22 +0000] "GET /a HTTP/1.1" 200 5\n' for i in range(2000)))
    source, error = read_source(Candidate("access.log", log))
    assert error is None and source.data is None  # streamed from disk
    hits = adapter.scan_document(Document(source))
    by_type: dict[str, int] = {}
    for hit in hits:
        by_type[hit.secret_type] = by_type.get(hit.secret_type, 0) + 1
    assert by_type and max(by_type.values()) <= 25
