"""The library reference: every public type and function has a docstring naming its fields,
and docs/API.md is what docs/gen_api.py generates from them."""

from __future__ import annotations

import dataclasses
import inspect
import runpy
from pathlib import Path

import hms_policy

GENERATOR = Path(__file__).resolve().parents[1] / "docs" / "gen_api.py"


def test_every_public_name_has_a_docstring_that_names_its_fields() -> None:
    for name in hms_policy.__all__:
        obj = getattr(hms_policy, name)
        if name in ("__version__", "FORMATS"):
            continue
        doc = inspect.getdoc(obj) or ""
        assert len(doc) > 20, name
        if dataclasses.is_dataclass(obj):
            missing = [f.name for f in dataclasses.fields(obj) if f.name not in doc]
            assert missing == [], f"{name}'s docstring does not mention {missing}"


def test_the_reference_is_up_to_date() -> None:
    generator = runpy.run_path(str(GENERATOR))
    expected = generator["generate"]()
    assert (GENERATOR.parent / "API.md").read_text(encoding="utf-8") == expected, "run: python docs/gen_api.py"
