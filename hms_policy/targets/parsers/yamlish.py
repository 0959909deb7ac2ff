"""A line-aware YAML (and JSON) loader.

Values are built straight from libyaml's event stream with an explicit stack: no recursion,
so a 100,000-level `[[[[...` is refused with a clear error instead of overflowing the C
stack inside PyYAML's recursive composer (which crashed the interpreter). Every key path
gets its 1-based line. Multi-document streams are supported, CloudFormation's short
intrinsic tags (`!Ref`, `!Sub`, `!GetAtt`, ...) load as their long forms, and the node
budget (every alias expansion counts) stops alias bombs ("billion laughs") instead of
hanging.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from hms_policy.safe_messages import yaml_problem, yaml_where
from hms_policy.targets.document import ParseError, PathKey

MAX_NODES = 500_000  # values built per file, counting every alias expansion
MAX_DEPTH = 200  # nested collections per document

_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALAR_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}
_MERGE_TAG = "tag:yaml.org,2002:merge"
# CloudFormation short forms whose long form is not "Fn::<Name>".
_LONG_FORM = {"!Ref": "Ref", "!Condition": "Condition"}


@dataclass(frozen=True, slots=True)
class YamlDocument:
    value: Any
    start_line: int
    end_line: int
    positions: dict[PathKey, int]


def load_documents(text: str) -> list[YamlDocument]:
    """Every document of a YAML stream, with key-path line positions."""
    if len(text) > LARGE_JSON and text.lstrip()[:1] in ("{", "["):
        # A large JSON file is data (a FHIR bundle export, a fixture dump): read it at C speed,
        # without per-key lines (a finding in it points at line 1). PyYAML's event stream with
        # positions costs about a CPU-second per MB.
        try:
            return _load_json(text, None)
        except ParseError:
            pass  # not plain JSON: YAML's reading (and its error) decides
    try:
        return _Builder().run(yaml.parse(text, Loader=_LOADER))
    except yaml.YAMLError as exc:
        if _is_depth_refusal(exc):
            # libyaml >= 0.2.6 (PyYAML 6.0.3+) refuses deep nesting in its scanner, which reads
            # ahead of our builder's own bound: one reason whichever of the two trips first.
            raise ParseError(_TOO_DEEP) from None
        if text.lstrip()[:1] in ("{", "["):
            return _load_json(text, exc)
        raise ParseError(_describe(exc)) from None


_TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels: not parsed"
LARGE_JSON = 1 << 20


def _is_depth_refusal(exc: yaml.YAMLError) -> bool:
    problem = getattr(exc, "problem", None) or str(exc)
    return "maximum nesting depth" in problem


def _load_json(text: str, yaml_error: yaml.YAMLError | None) -> list[YamlDocument]:
    """JSON that YAML rejects (tabs, some escapes): values without per-key lines."""
    import json

    try:
        value = json.loads(text)
    except RecursionError:
        raise ParseError(_TOO_DEEP) from None
    except ValueError as exc:
        raise ParseError(f"invalid JSON: {exc}") from None
    return [YamlDocument(value, 1, max(1, text.count("\n")), {(): 1})]


def _describe(exc: yaml.YAMLError) -> str:
    return f"invalid YAML{yaml_where(exc)}: {yaml_problem(exc)}"  # a report's errors[] never quote the file


@dataclass(slots=True)
class _Anchor:
    value: Any
    size: int  # values it stands for: what each alias expansion costs
    positions: list[tuple[PathKey, int]]  # relative to the anchored node


@dataclass(slots=True)
class _Frame:
    """A collection being built."""

    container: dict[Any, Any] | list[Any]
    path: PathKey
    record: bool  # False inside complex keys, whose lines nobody asks for
    intrinsic: str | None  # "Fn::GetAtt" when the collection carried a `!GetAtt` tag
    anchor: str | None
    log_start: int
    spent_start: int
    line: int
    key: Any = None
    has_key: bool = False
    merge: bool = False
    merges: list[Any] = field(default_factory=list)


class _Builder:
    def __init__(self) -> None:
        self.left = MAX_NODES
        self.spent = 0
        self.anchors: dict[str, _Anchor] = {}
        self.positions: dict[PathKey, int] = {}
        self.log: list[tuple[PathKey, int]] = []  # positions in the order they were set
        self.stack: list[_Frame] = []
        self.docs: list[YamlDocument] = []
        self.root: Any = None
        self.root_line = 0
        self.root_end = 0

    # -- budget and positions

    def spend(self, count: int) -> None:
        self.left -= count
        self.spent += count
        if self.left < 0:
            raise ParseError(f"more than {MAX_NODES} values (an alias expansion bomb?): not parsed")

    def place(self, path: PathKey, line: int, *, force: bool = False) -> None:
        if force or path not in self.positions:
            self.positions[path] = line
            self.log.append((path, line))

    # -- the event loop

    def run(self, events: Any) -> list[YamlDocument]:
        for event in events:
            if isinstance(event, yaml.ScalarEvent):
                self.scalar(event)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self.start(event)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                self.end(event)
            elif isinstance(event, yaml.AliasEvent):
                self.alias(event)
            elif isinstance(event, yaml.DocumentStartEvent):
                self.positions, self.log, self.anchors, self.root = {}, [], {}, None
            elif isinstance(event, yaml.DocumentEndEvent):
                start = self.root_line
                self.docs.append(YamlDocument(self.root, start, max(self.root_end, start), self.positions))
        return self.docs

    def target(self) -> tuple[PathKey, bool, bool]:
        """(path, record positions, is a mapping key) of the value about to be built."""
        if not self.stack:
            return (), True, False
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            prefix = (*frame.path, frame.intrinsic) if frame.intrinsic else frame.path
            return (*prefix, len(frame.container)), frame.record, False
        if not frame.has_key:
            return frame.path, False, True
        prefix = (*frame.path, frame.intrinsic) if frame.intrinsic else frame.path
        return (*prefix, frame.key), frame.record, False

    def deliver(self, value: Any, line: int, end_line: int) -> None:
        if not self.stack:
            self.root, self.root_line, self.root_end = value, line, end_line
            return
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            frame.container.append(value)
            return
        if not frame.has_key:
            key = value
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = str(key)
            frame.key, frame.has_key = key, True
            if not frame.merge and frame.record:
                prefix = (*frame.path, frame.intrinsic) if frame.intrinsic else frame.path
                self.place((*prefix, key), line, force=True)
            return
        if frame.merge:
            frame.merges.extend(value if isinstance(value, list) else [value])
        else:
            frame.container[frame.key] = value
        frame.key, frame.has_key, frame.merge = None, False, False

    def scalar(self, event: yaml.ScalarEvent) -> None:
        self.spend(1)
        line = event.start_mark.line + 1
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and not frame.has_key and event.value == "<<":
            tag = event.tag if event.tag not in (None, "!") else _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag == _MERGE_TAG:
                frame.merge, frame.has_key, frame.key = True, True, "<<"
                return
        path, record, _ = self.target()
        if record:
            self.place(path, line)
        value = _scalar_value(event)
        if event.anchor:
            self.anchors[event.anchor] = _Anchor(value, 1, [((), line)])
        self.deliver(value, line, event.end_mark.line)

    def start(self, event: yaml.CollectionStartEvent) -> None:
        before = self.spent
        self.spend(1)
        if len(self.stack) >= MAX_DEPTH:
            raise ParseError(_TOO_DEEP)
        line = event.start_mark.line + 1
        mapping = isinstance(event, yaml.MappingStartEvent)
        path, record, is_key = self.target()
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.merge:
            # `<<: {a: 1}` puts its keys beside the merging mapping's own keys.
            path = (*parent.path, parent.intrinsic) if parent.intrinsic else parent.path
            record = record and mapping
        elif record:
            self.place(path, line)
        tag = event.tag or ""
        intrinsic = _LONG_FORM.get(tag, "Fn::" + tag[1:]) if tag.startswith("!") and tag != "!" else None
        container: dict[Any, Any] | list[Any] = {} if mapping else []
        self.stack.append(_Frame(container, path, record and not is_key, intrinsic, event.anchor, len(self.log), before, line))

    def end(self, event: yaml.CollectionEndEvent) -> None:
        frame = self.stack.pop()
        value: Any = frame.container
        if isinstance(value, dict) and frame.merges:
            for part in frame.merges:
                if isinstance(part, dict):
                    for k, v in part.items():
                        value.setdefault(k, v)
        if frame.intrinsic:
            value = {frame.intrinsic: value}
        if frame.anchor:
            depth = len(frame.path)
            relative = [((), frame.line)]
            relative += [(p[depth:], n) for p, n in self.log[frame.log_start:] if p[:depth] == frame.path]
            self.anchors[frame.anchor] = _Anchor(value, self.spent - frame.spent_start, relative)
        self.deliver(value, frame.line, event.end_mark.line)

    def alias(self, event: yaml.AliasEvent) -> None:
        anchor = self.anchors.get(event.anchor)
        line = event.start_mark.line + 1
        if anchor is None:
            raise ParseError(f"invalid YAML at line {line}: an alias names no finished anchor")
        self.spend(anchor.size)
        path, record, _ = self.target()
        merging = bool(self.stack) and self.stack[-1].merge
        if merging and record:
            # `<<: *base` puts base's keys beside the merging mapping's own keys.
            parent = self.stack[-1]
            prefix = (*parent.path, parent.intrinsic) if parent.intrinsic else parent.path
            for rel, n in anchor.positions:
                if rel:
                    self.place((*prefix, *rel), n)
        elif record:
            for rel, n in anchor.positions:
                self.place((*path, *rel), n)
        self.deliver(anchor.value, line, event.end_mark.line)


def _scalar_value(event: yaml.ScalarEvent) -> Any:
    tag = event.tag
    if tag is not None and tag.startswith("!") and tag != "!":
        name = _LONG_FORM.get(tag, "Fn::" + tag[1:])
        value: Any = event.value
        if name == "Fn::GetAtt":
            value = value.split(".", 1)
        return {name: value}
    if tag in (None, "!"):
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag in _SCALAR_TAGS:
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
        except (ValueError, yaml.YAMLError):
            return event.value
    return event.value
