from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
sys.path.insert(0, str(TESTS))


@pytest.fixture
def demo() -> Path:
    return REPO / "examples" / "hms-demo"


@pytest.fixture(autouse=True, scope="session")
def _no_managed_vulnerability_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A developer's `hms-policy db update` must not change what the suite sees: every scan
    in it starts with an empty managed-database directory unless a test points elsewhere."""
    previous = os.environ.get("HMS_POLICY_DB_DIR")
    os.environ["HMS_POLICY_DB_DIR"] = str(tmp_path_factory.mktemp("empty-vulndb"))
    yield
    if previous is None:
        os.environ.pop("HMS_POLICY_DB_DIR", None)
    else:
        os.environ["HMS_POLICY_DB_DIR"] = previous
