"""Write docs/API.md, the library reference, from the docstrings of what `hms_policy` exports.

    python docs/gen_api.py          # rewrite docs/API.md
    python docs/gen_api.py --check  # exit 1 when docs/API.md is out of date (the test suite runs this check)
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
import sys
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).resolve().parent / "API.md"
HEADER = """# hms-policy library reference

Generated from the docstrings by `python docs/gen_api.py`; do not edit by hand.
Everything here is importable from `hms_policy` directly (`import hms_policy`); importing the
package loads no scanner library until a function needs it.
"""


CONSTANTS = {"FORMATS": "The names of the output formats `render` and `Report.to` accept, sorted (a tuple of str)."}


def _doc(obj: Any) -> str:
    return inspect.getdoc(obj) or ""


def _described(obj: Any) -> list[str]:
    """The first paragraph as prose; the rest (field lists laid out by hand) as it is written."""
    first, _, rest = _doc(obj).partition("\n\n")
    return [first, ""] + (["```text", rest.rstrip(), "```", ""] if rest.strip() else [])


def _function(name: str, obj: Any) -> list[str]:
    return [f"### `{name}{inspect.signature(obj)}`", "", *_described(obj)]


def _fields(cls: type) -> list[str]:
    rows = ["| field | type |", "| --- | --- |"]
    rows += [f"| `{f.name}` | `{f.type}` |" for f in dataclasses.fields(cls)]
    return rows


def _methods(cls: type) -> list[str]:
    out = []
    for attr, value in sorted(vars(cls).items()):
        if attr.startswith("_"):
            continue
        if isinstance(value, property):
            out.append(f"- `{attr}` (property): {_doc(value).splitlines()[0] if _doc(value) else ''}".rstrip(": "))
        elif inspect.isfunction(value) and _doc(value):
            out.append(f"- `{attr}{inspect.signature(value)}`: {' '.join(_doc(value).split())}")
        elif inspect.isfunction(value):
            out.append(f"- `{attr}{inspect.signature(value)}`")
    return out


def _class(name: str, cls: type) -> list[str]:
    out = [f"### `{name}`", "", *_described(cls)]
    if issubclass(cls, enum.Enum):
        out += ["Members: " + ", ".join(f"`{m.name}` ({m.value!r})" for m in cls), ""]
    elif dataclasses.is_dataclass(cls):
        out += [*_fields(cls), ""]
    methods = _methods(cls) if not issubclass(cls, (enum.Enum, BaseException)) else []
    if methods:
        out += ["Methods:", "", *methods, ""]
    return out


def generate() -> str:
    import hms_policy

    sections: dict[str, list[str]] = {"Functions": [], "Report types": [], "Errors": [], "Constants": []}
    for name in hms_policy.__all__:
        if name == "__version__":
            continue
        obj = getattr(hms_policy, name)
        if inspect.isfunction(obj):
            sections["Functions"] += _function(name, obj)
        elif inspect.isclass(obj) and issubclass(obj, BaseException):
            sections["Errors"] += _class(name, obj)
        elif inspect.isclass(obj):
            sections["Report types"] += _class(name, obj)
        else:
            kind = type(obj).__name__
            sections["Constants"] += [f"### `{name}`", "", CONSTANTS.get(name, f"A {kind}."), ""]
    lines = [HEADER]
    for title, body in sections.items():
        if body:
            lines += [f"## {title}", "", *body]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    text = generate()
    if "--check" in argv:
        if not OUTPUT.is_file() or OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is out of date: run python docs/gen_api.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
