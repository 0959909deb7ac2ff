"""Resolve a Terraform directory the way a reviewer reads it, before rules look at it.

The unit is one directory (the engine groups its `.tf` and `.tfvars` files; `doc.group`).
Resolved, in Terraform's own order:

- `var.x`: the variable's default, then `terraform.tfvars`, then `*.auto.tfvars` in lexical
  order (later wins). Other `*.tfvars` files are the ones a run passes with `-var-file`: a
  value every one of them sets alike is used unless terraform.tfvars or an auto file (read
  by every run) sets it; if they disagree the variable stays unresolved; a value only some
  of them set is used only for a variable without a default. Files named for a test, CI,
  emulator or local run (`terraform-testing.tfvars`, `ci.tfvars`) are not read.
- `local.x`, string interpolation, operators, conditionals, `for` expressions and the pure
  built-in functions (functions.py); `module.m.output`; a configured argument of another
  resource (`azurerm_resource_group.rg.location`).
- `count` and `for_each`: a resource with `count = 0` or an empty `for_each` is not evaluated
  at all; known instances are evaluated each (identical ones reported once); an unknown count
  gives one instance whose `count.index` / `each.*` are unresolved. `dynamic` blocks expand.
- Local modules (`source = "./modules/x"`): their `.tf` files are read once (bounded, see
  modules.py) and resolved with the call's inputs; their resources are reported at the
  `module` block, named `module.<name>.<type>.<name>` (engine/module_findings.py then folds
  them into the module's own finding at the resource when the scan holds the module).

Anything else stays unresolved and shows as written (`${aws_kms_key.phi.arn}`): a rule's
condition on it is *unknown*, which the engine records as not evaluated, never as compliant.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hms_policy.model import LineSpan, ScanError
from hms_policy.targets.document import Document, Node, PathKey
from hms_policy.targets.parsers.hcl import hcl_file, node_for
from hms_policy.targets.terraform.expressions import evaluator as terraform_evaluator
from hms_policy.targets.terraform.evaluate import (
    Evaluator,
    Unknown,
    is_known,
    missing,
    no_references,
    to_number,
    to_plain,
)
from hms_policy.targets.terraform.hclast import Block, HclFile, Lit, Name, ObjectExpr, Traverse
from hms_policy.targets.terraform.modules import ModuleLoader, allowed_roots, is_local_source
from hms_policy.targets.terraform.render import render_body

UNIT_MEMO = "terraform:unit"
MAX_INSTANCES = 32  # count / for_each instances evaluated per resource
_NOT_INPUTS = frozenset({"source", "version", "providers", "count", "for_each", "depends_on"})
_UNKNOWN_ROOTS = frozenset({"count", "each", "self", "path", "terraform", "data"})


def resolve_terraform(doc: Document) -> list[Node]:
    """The RESOLVERS entry for TargetKind.TERRAFORM: this document's resolved nodes."""
    if hcl_file(doc) is None:
        return doc.nodes  # plan / state JSON (already resolved), *.tf.json, or a parse failure
    unit = unit_of(doc)
    return unit.nodes_by_path.get(doc.path, [])


def unit_of(doc: Document) -> Unit:
    """The resolution of `doc`'s directory, computed once and shared by its documents."""
    owner = doc.group[0] if doc.group else doc
    unit: Unit = owner.memo(UNIT_MEMO, lambda: _guarded_build(doc.group or (doc,), doc))
    return unit


def _guarded_build(group: Iterable[Document], trigger: Document) -> Unit:
    """A directory that defeats resolution is evaluated as written, with one error entry,
    rather than failing every rule on every file."""
    try:
        return _build_unit(group, trigger)
    except RecursionError:
        problem = "nested too deeply"
    except Exception as exc:  # noqa: BLE001 - reported, never raised into the scan
        problem = type(exc).__name__
    trigger.errors.append(ScanError(trigger.path, f"Terraform values of this directory could not be resolved ({problem}); rules judged them as written", "resolve"))
    unit = Unit()
    for doc in group:
        unit.nodes_by_path[doc.path] = doc.nodes
        unit.nodes.extend((doc, n) for n in doc.nodes)
    return unit


@dataclass(slots=True)
class Unit:
    nodes_by_path: dict[str, list[Node]] = field(default_factory=dict)
    # Every resolved node of the directory (its files and followed modules), for detectors.
    nodes: list[tuple[Document, Node]] = field(default_factory=list)
    # "module.m.out" -> (the output's expression as written, the module's scope prefix), so a
    # reference through a module output can be followed to the resource behind it.
    outputs: dict[str, tuple[str, str]] = field(default_factory=dict)


def _build_unit(group: Iterable[Document], trigger: Document) -> Unit:
    documents = list(group)
    hcl_docs = [(d, f) for d in documents if not d.path.endswith(".tfvars") for f in [hcl_file(d)] if f is not None]
    tfvars_docs = [(d, f) for d in documents if d.path.endswith(".tfvars") for f in [hcl_file(d)] if f is not None]
    unit = Unit()
    if not hcl_docs:
        return unit
    first = hcl_docs[0][0]
    scan_root = _scan_root(first)
    caller_dir = first.file.abspath.parent if first.file.abspath is not None else None
    loader = ModuleLoader(allowed_roots(scan_root, caller_dir), scan_root)
    root = Scope(
        files=[f for _, f in hcl_docs],
        inputs=_tfvars_values([f for _, f in tfvars_docs]),
        prefix="",
        loader=loader,
        base_dir=caller_dir,
        providers=None,
        depth=0,
        ancestry=(caller_dir.resolve(),) if caller_dir is not None else (),
    )
    for doc, hcl in hcl_docs:
        nodes = root.nodes_of_file(hcl)
        unit.nodes_by_path[doc.path] = nodes
        unit.nodes.extend((doc, n) for n in nodes)
    # Module problems go to the file that makes the call (it is scanned after this point).
    by_file = {d.file.path: d for d, _ in hcl_docs}
    for file_path, message in dict.fromkeys(loader.problems):
        owner = by_file.get(file_path, trigger)
        owner.errors.append(ScanError(owner.path, message, "module"))
    unit.outputs = root.output_texts()
    trigger.external_inputs.extend(dict.fromkeys(loader.inputs))
    return unit


def _scan_root(doc: Document) -> Path | None:
    if doc.file.abspath is None:
        return None
    depth = len(Path(doc.path).parts)
    parents = doc.file.abspath.parents
    return parents[depth - 1] if 0 < depth <= len(parents) else None


def _tfvars_values(files: list[HclFile]) -> dict[str, Any]:
    """Variable values from tfvars files, with Terraform's precedence (see the module doc)."""
    def values(hcl: HclFile) -> dict[str, Any]:
        ev = terraform_evaluator(hcl.text, no_references)
        return {a.name: ev(a.expr) for a in hcl.body.attributes}

    def name(hcl: HclFile) -> str:
        return hcl.path.rsplit("/", 1)[-1]

    auto = [f for f in files if name(f) == "terraform.tfvars"]
    auto += sorted((f for f in files if name(f).endswith(".auto.tfvars")), key=name)
    merged: dict[str, Any] = {}
    for hcl in auto:
        merged.update(values(hcl))
    others = [values(f) for f in files if f not in auto and not _throwaway(name(f))]
    for key in {k for other in others for k in other}:
        candidates = [other[key] for other in others if key in other]
        first = _canonical(candidates[0])
        value = candidates[0] if all(_canonical(c) == first for c in candidates) else missing("${var." + key + "}")
        if key in merged:
            continue  # terraform.tfvars or *.auto.tfvars, read by every run, already set it
        # Only some environments set it: a run without them keeps the variable's default.
        merged[key] = value if len(candidates) == len(others) else _UnlessDefault(value)
    return merged


@dataclass(frozen=True, slots=True)
class _UnlessDefault:
    """A -var-file value that only some environments set: used when there is no default."""

    value: Any


_THROWAWAY_WORDS = frozenset("test tests testing ci e2e emulator emulators localstack local mock mocks fake example examples sample samples".split())


def _throwaway(file_name: str) -> bool:
    """`ci-emulator.tfvars`, `terraform-testing.tfvars`, `local.tfvars`: values for a test
    or emulator run, not for an environment that holds data."""
    stem = file_name.rsplit(".tfvars", 1)[0].lower()
    return bool(_THROWAWAY_WORDS.intersection(re.split(r"[^a-z0-9]+", stem)))


def _canonical(value: Any) -> str:
    return json.dumps(to_plain(value), sort_keys=True, default=str)


class Scope:
    """One module instance: the root directory or a followed module call."""

    def __init__(
        self,
        *,
        files: list[HclFile],
        inputs: dict[str, Any],
        prefix: str,
        loader: ModuleLoader,
        base_dir: Path | None,
        providers: dict[str, dict[str, Any]] | None,
        depth: int,
        ancestry: tuple[Path, ...] = (),
    ) -> None:
        self.files = files
        self.prefix = prefix
        self.loader = loader
        self.base_dir = base_dir
        self.depth = depth
        self.ancestry = ancestry
        self.variables: dict[str, tuple[Block, HclFile]] = {}
        self.locals: dict[str, tuple[Any, HclFile]] = {}
        self.resources: dict[str, tuple[Block, HclFile]] = {}
        self.modules: dict[str, tuple[Block, HclFile]] = {}
        self.outputs: dict[str, tuple[Any, HclFile]] = {}
        self.provider_blocks: dict[str, tuple[Block, HclFile]] = {}
        for hcl in files:
            for block in hcl.body.blocks:
                self._collect(block, hcl)
        self._inputs = inputs
        self._values: dict[str, Any] = {}
        self._local_values: dict[str, Any] = {}
        self._in_progress: set[str] = set()
        self._children: dict[str, list[Scope]] = {}
        self._inherited = providers
        self._providers: dict[str, dict[str, Any]] | None = None

    def _collect(self, block: Block, hcl: HclFile) -> None:
        labels = block.labels
        if block.type == "variable" and labels:
            self.variables[labels[0]] = (block, hcl)
        elif block.type == "locals":
            for attribute in block.body.attributes:
                self.locals[attribute.name] = (attribute.expr, hcl)
        elif block.type == "resource" and len(labels) >= 2:
            self.resources[f"{labels[0]}.{labels[1]}"] = (block, hcl)
        elif block.type == "module" and labels:
            self.modules[labels[0]] = (block, hcl)
        elif block.type == "output" and labels:
            value = block.body.attribute("value")
            if value is not None:
                self.outputs[labels[0]] = (value.expr, hcl)
        elif block.type == "provider" and labels:
            self.provider_blocks[_provider_key(block)] = (block, hcl)

    # -- names ----------------------------------------------------------------------------------

    def evaluator(self, hcl: HclFile, bindings: dict[str, Any] | None = None) -> Evaluator:
        return terraform_evaluator(hcl.text, self.resolve_ref, bindings)

    def resolve_ref(self, name: str, steps: tuple[tuple[str, Any], ...], ev: Evaluator) -> tuple[Any, int]:
        first = steps[0][1] if steps and steps[0][0] == "attr" else None
        if name == "var" and first is not None:
            return self.variable(first), 1
        if name == "local" and first is not None:
            return self.local(first), 1
        if name == "module" and first is not None and len(steps) >= 2 and steps[1][0] == "attr":
            return self.module_output(first, steps[1][1]), 2
        if name in _UNKNOWN_ROOTS or first is None:
            return missing("${" + name + "}"), len(steps)
        key = f"{name}.{first}"
        if key in self.resources and len(steps) >= 2 and steps[1][0] == "attr":
            return self.resource_argument(key, steps[1][1]), 2
        return missing("${" + name + "}"), len(steps)

    def variable(self, name: str) -> Any:
        if name in self._values:
            return self._values[name]
        given = self._inputs.get(name)
        if isinstance(given, _UnlessDefault):
            has_default = name in self.variables and self.variables[name][0].body.attribute("default") is not None
            given = None if has_default else given.value
        if given is not None or (name in self._inputs and not isinstance(self._inputs[name], _UnlessDefault)):
            value = given
        elif name in self.variables:
            block, hcl = self.variables[name]
            default = block.body.attribute("default")
            value = terraform_evaluator(hcl.text, no_references)(default.expr) if default is not None else missing("${var." + name + "}")
        else:
            value = missing("${var." + name + "}")
        self._values[name] = value
        return value

    def local(self, name: str) -> Any:
        key = "local." + name
        if name in self._local_values:
            return self._local_values[name]
        if name not in self.locals or key in self._in_progress:
            return missing("${" + key + "}")
        expr, hcl = self.locals[name]
        self._in_progress.add(key)
        try:
            value = self.evaluator(hcl)(expr)
        finally:
            self._in_progress.discard(key)
        self._local_values[name] = value
        return value

    def resource_argument(self, key: str, argument: str) -> Any:
        """A configured argument of another resource (its input equals its output: `name`,
        `location`, `bucket`); computed attributes (`id`, `arn`) are unknown."""
        block, hcl = self.resources[key]
        guard = f"{key}.{argument}"
        attribute = block.body.attribute(argument)
        if attribute is None or guard in self._in_progress or block.body.attribute("count") or block.body.attribute("for_each"):
            return missing("${" + guard + "}")
        self._in_progress.add(guard)
        try:
            value = self.evaluator(hcl)(attribute.expr)
            # Keep the reference itself (`aws_db_parameter_group.pg.name`) when the argument is
            # unknown: cross-resource checks follow references, not the other resource's text.
            # An argument configured as null is computed by the provider (a bucket named by AWS),
            # so reading it back is no null either.
            return missing("${" + guard + "}") if value is None or isinstance(value, Unknown) else value
        finally:
            self._in_progress.discard(guard)

    def module_output(self, module: str, output: str) -> Any:
        children = self.children(module)
        if len(children) != 1 or output not in children[0].outputs:
            return missing("${module." + module + "." + output + "}")
        child = children[0]
        guard = f"module.{module}.{output}"
        if guard in self._in_progress:
            return missing("${" + guard + "}")
        self._in_progress.add(guard)
        try:
            expr, hcl = child.outputs[output]
            value = child.evaluator(hcl)(expr)
            # The output's text belongs to the module's scope: refer to it as the caller wrote it.
            return missing("${" + guard + "}") if isinstance(value, Unknown) else value
        finally:
            self._in_progress.discard(guard)

    # -- providers ---------------------------------------------------------------------------------

    def providers(self) -> dict[str, dict[str, Any]]:
        """Provider configurations by key ("aws", "aws.west"), evaluated; inherited by modules."""
        if self._providers is None:
            own: dict[str, dict[str, Any]] = dict(self._inherited or {})
            for key, (block, hcl) in self.provider_blocks.items():
                own[key] = render_body(block.body, self.evaluator(hcl), expand_dynamic=True, positions={})
            self._providers = own
        return self._providers

    # -- modules -----------------------------------------------------------------------------------

    def children(self, name: str) -> list[Scope]:
        if name in self._children:
            return self._children[name]
        self._children[name] = []  # guards against a module reading its own outputs
        found = self._module_scopes(name)
        self._children[name] = found
        return found

    def _module_scopes(self, name: str) -> list[Scope]:
        block, hcl = self.modules.get(name, (None, None))
        if block is None or hcl is None or self.base_dir is None:
            return []
        source_attr = block.body.attribute("source")
        source = source_attr.expr.value if source_attr is not None and isinstance(source_attr.expr, Lit) else None
        if not isinstance(source, str) or not is_local_source(source):
            return []
        call = f"{self.prefix}module.{name}"
        if self.depth >= 4:
            self.loader.problems.append((hcl.path, f"{call}: modules nested deeper than 4 levels are not followed"))
            return []
        module = self.loader.load(self.base_dir, source, call, hcl.path)
        if module is None or module.directory in self.ancestry:
            return []
        scopes: list[Scope] = []
        for suffix, bindings in self._instances(block, hcl):
            ev = self.evaluator(hcl, bindings)
            inputs = {a.name: ev(a.expr) for a in block.body.attributes if a.name not in _NOT_INPUTS}
            scopes.append(
                Scope(
                    files=list(module.files),
                    inputs=inputs,
                    prefix=f"{self.prefix}module.{name}{suffix}.",
                    loader=self.loader,
                    base_dir=module.directory,
                    providers=self._providers_for_module(block, hcl),
                    depth=self.depth + 1,
                    ancestry=(*self.ancestry, module.directory),
                )
            )
        return scopes

    def _providers_for_module(self, block: Block, hcl: HclFile) -> dict[str, dict[str, Any]]:
        mine = self.providers()
        inherited = {k: v for k, v in mine.items() if "." not in k}
        mapping = block.body.attribute("providers")
        if mapping is not None and isinstance(mapping.expr, ObjectExpr):
            for key_expr, value_expr, _ in mapping.expr.items:
                child_key = _expr_name(key_expr, hcl)
                parent_key = _expr_name(value_expr, hcl)
                if child_key and parent_key and parent_key in mine:
                    inherited[child_key] = mine[parent_key]
        return inherited

    # -- instances and nodes ---------------------------------------------------------------------

    def _instances(self, block: Block, hcl: HclFile) -> list[tuple[str, dict[str, Any]]]:
        """(ref suffix, bindings) per instance of a resource or module block."""
        count_attr = block.body.attribute("count")
        for_each_attr = block.body.attribute("for_each")
        ev = self.evaluator(hcl)
        if count_attr is not None:
            count = ev(count_attr.expr)
            if not is_known(count):
                return [("", {"count": {"index": missing("${count.index}")}})]
            try:
                n = int(to_number(count))
            except (TypeError, ValueError):
                return [("", {"count": {"index": missing("${count.index}")}})]
            return [(f"[{i}]", {"count": {"index": i}}) for i in range(min(max(n, 0), MAX_INSTANCES))]
        if for_each_attr is not None:
            each = ev(for_each_attr.expr)
            unknown_each = {"each": {"key": missing("${each.key}"), "value": missing("${each.value}")}}
            if isinstance(each, dict):
                items = list(each.items())
            elif isinstance(each, list):
                items = [(v, v) for v in each]
            else:
                return [("", unknown_each)]
            if any(not isinstance(k, str) for k, _ in items):
                return [("", unknown_each)]
            return [(f'["{k}"]', {"each": {"key": k, "value": v}}) for k, v in items[:MAX_INSTANCES]]
        return [("", {})]

    def nodes_of_file(self, hcl: HclFile) -> list[Node]:
        nodes: list[Node] = []
        for block in hcl.body.blocks:
            if block.type in ("resource", "data"):
                nodes.extend(self._resource_nodes(block, hcl))
            elif block.type == "provider":
                positions: dict[PathKey, int] = {}
                value = render_body(block.body, self.evaluator(hcl), expand_dynamic=True, positions=positions)
                nodes.append(node_for(block, value, positions, prefix=self.prefix, meta={"scope": self.prefix}))
            elif block.type == "module" and block.labels:
                nodes.extend(self._module_nodes(block, hcl))
        return nodes

    def output_texts(self) -> dict[str, tuple[str, str]]:
        """Scope-qualified module outputs of every followed module call below this scope."""
        out: dict[str, tuple[str, str]] = {}
        for name in list(self._children):
            for child in self._children[name]:
                for output, (expr, hcl) in child.outputs.items():
                    out[f"{child.prefix}{output}"] = (hcl.text[expr.start : expr.end], child.prefix)
                out.update(child.output_texts())
        return out

    def all_nodes(self) -> list[Node]:
        return [n for hcl in self.files for n in self.nodes_of_file(hcl)]

    def _resource_nodes(self, block: Block, hcl: HclFile) -> list[Node]:
        out: list[Node] = []
        seen: dict[str, int] = {}
        instances = self._instances(block, hcl)
        provider_key = self._provider_of(block, hcl)
        region = self._region_of(provider_key)
        for suffix, bindings in instances:
            positions: dict[PathKey, int] = {}
            value = render_body(block.body, self.evaluator(hcl, bindings), expand_dynamic=True, positions=positions)
            fingerprint = _canonical(value)
            if fingerprint in seen:
                continue
            seen[fingerprint] = len(out)
            meta = {"scope": self.prefix, "provider": provider_key, "region": region, "instance": suffix, "file": hcl.path}
            out.append(node_for(block, value, positions, prefix=self.prefix, meta=meta))
        if len(out) == 1 and len(instances) > 1:
            return out  # identical instances: one node, named like the block
        if len(out) > 1:
            return [_renamed(n, n.ref + n.meta["instance"]) for n in out]
        return out

    def _module_nodes(self, block: Block, hcl: HclFile) -> list[Node]:
        """A module call's resources, reported at the call."""
        out: list[Node] = []
        for child in self.children(block.labels[0]):
            for node in child.all_nodes():
                if node.meta.get("block") not in ("resource", "data", "provider"):
                    continue
                meta = {**node.meta, "module_call": child.prefix.rstrip("."), "module_file": _origin(node), "module_line": node.span.start}
                out.append(Node(node.ref, node.kind, node.value, LineSpan(block.line, block.line), {}, meta))
        return out

    def _provider_of(self, block: Block, hcl: HclFile) -> str:
        explicit = block.body.attribute("provider")
        if explicit is not None:
            name = _expr_name(explicit.expr, hcl)
            if name:
                return name
        resource_type = block.labels[0] if block.labels else ""
        return resource_type.split("_", 1)[0]

    def _region_of(self, provider_key: str) -> Any:
        config = self.providers().get(provider_key)
        if config is None:
            return None
        for attribute in ("region", "location"):
            if attribute in config:
                return config[attribute]
        zone = config.get("zone")
        return zone if zone is not None else None


def _renamed(node: Node, ref: str) -> Node:
    return Node(ref, node.kind, node.value, node.span, node.positions, node.meta)


def _origin(node: Node) -> str:
    return str(node.meta.get("file", ""))


def _provider_key(block: Block) -> str:
    alias = block.body.attribute("alias")
    name = block.labels[0]
    if alias is not None and isinstance(alias.expr, Lit) and isinstance(alias.expr.value, str):
        return f"{name}.{alias.expr.value}"
    return name


def _expr_name(expr: Any, hcl: HclFile) -> str | None:
    """`aws.west` / `aws` / "aws.west" as a provider key."""
    if isinstance(expr, Name):
        return expr.name
    if isinstance(expr, Traverse) and isinstance(expr.base, Name) and all(kind == "attr" for kind, _ in expr.steps):
        return ".".join([expr.base.name, *(str(arg) for _, arg in expr.steps)])
    if isinstance(expr, Lit) and isinstance(expr.value, str):
        return expr.value
    return None
