"""The house's walls: no import circles between modules, and detectors grouped by family."""

from __future__ import annotations

import ast
from pathlib import Path

import hms_policy

PACKAGE = Path(hms_policy.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports() -> dict[str, set[str]]:
    """Every module's imports of project modules, wherever they are written (module level,
    inside functions, under TYPE_CHECKING): a lazy import is still a dependency."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            else:
                continue
            found.update(t for t in targets if t in modules and t != name)
        graph[name] = found
    return graph


def test_no_module_imports_a_module_that_imports_it_back() -> None:
    graph = _imports()
    circles = sorted({tuple(sorted((a, b))) for a, deps in graph.items() for b in deps if a in graph.get(b, set())})
    # A package's __init__ re-exporting its own submodules is not a circle of two modules.
    circles = [(a, b) for a, b in circles if not (b.startswith(a + ".") or a.startswith(b + "."))]
    assert circles == []


def test_detectors_live_in_their_family_packages() -> None:
    detectors = PACKAGE / "detectors"
    loose = sorted(p.name for p in detectors.glob("*.py") if p.name not in {"__init__.py", "meta.py"})
    assert loose == [], "a detector module belongs in a family package (iac/, code/, phi/, deps/, ...)"
    for family in (p for p in detectors.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        assert ast.get_docstring(ast.parse((family / "__init__.py").read_text())), f"{family.name}/__init__.py says what lives there"


def test_every_builtin_detector_resolves() -> None:
    import importlib

    from hms_policy.detectors import BUILTIN_DETECTORS

    for detector_id, target in BUILTIN_DETECTORS.items():
        module, _, function = target.partition(":")
        assert callable(getattr(importlib.import_module(module), function)), detector_id


def test_every_project_import_names_a_module_that_exists() -> None:
    # A lazy import of a moved module fails only when its branch runs: catch it here.
    modules = {_module_name(p) for p in PACKAGE.rglob("*.py")}
    missing = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            missing += [f"{_module_name(path)} -> {n}" for n in names if n.startswith("hms_policy") and n not in modules]
    assert missing == []
