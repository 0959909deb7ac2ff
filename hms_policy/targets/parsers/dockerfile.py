"""Dockerfile -> one node per instruction, continuation- and stage-aware.

A node's value is `{"args": str, "flags": {...}, "stage": int, "stage_name": str | None,
"base_image": str}`; `kind` is the upper-case instruction. Heredoc bodies (`<<EOF`) belong
to the instruction that opens them.
"""

from __future__ import annotations

import re

from hms_policy.model import LineSpan
from hms_policy.targets.document import Document, Node

_DIRECTIVE = re.compile(r"^#\s*escape\s*=\s*(\S)", re.I)
_INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)(?:\s+(.*))?$")
_FLAG = re.compile(r"^--([a-z-]+)(?:=(\S*))?\s*")
_HEREDOC = re.compile(r"<<-?\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?")


def dockerfile_nodes(doc: Document) -> list[Node]:
    lines = doc.lines
    escape = "\\"
    for line in lines[:5]:
        found = _DIRECTIVE.match(line)
        if found:
            escape = found.group(1)
    nodes: list[Node] = []
    stage, stage_name, base_image = -1, None, ""
    seen: dict[tuple[int, str], int] = {}
    i = 0
    while i < len(lines):
        start = i
        raw = lines[i]
        if not raw.strip() or raw.lstrip().startswith("#"):
            i += 1
            continue
        parts = [raw.rstrip()]
        while parts[-1].endswith(escape) and i + 1 < len(lines):
            parts[-1] = parts[-1][: -len(escape)]
            i += 1
            nxt = lines[i]
            if nxt.lstrip().startswith("#"):
                parts.append("")
                continue
            parts.append(nxt.rstrip())
        text = " ".join(p.strip() for p in parts if p.strip())
        heredoc = _HEREDOC.search(text)
        if heredoc:
            terminator = heredoc.group(1)
            body: list[str] = []
            while i + 1 < len(lines):
                i += 1
                if lines[i].strip() == terminator:
                    break
                body.append(lines[i])
            text = text + "\n" + "\n".join(body)
        i += 1
        found = _INSTRUCTION.match(text.split("\n", 1)[0])
        if not found:
            continue
        instruction = found.group(1).upper()
        args = (found.group(2) or "") + ("\n" + text.split("\n", 1)[1] if "\n" in text else "")
        flags: dict[str, str] = {}
        while (flag := _FLAG.match(args)) is not None:
            flags[flag.group(1)] = flag.group(2) or ""
            args = args[flag.end():]
        if instruction == "FROM":
            stage += 1
            words = args.split()
            base_image = words[0] if words else ""
            stage_name = words[2] if len(words) >= 3 and words[1].lower() == "as" else None
        value = {
            "args": args.strip(),
            "flags": flags,
            "stage": max(stage, 0),
            "stage_name": stage_name,
            "base_image": base_image,
        }
        span = LineSpan(start + 1, i)
        # The ref names the instruction by its order within the stage, never by line number.
        occurrence = seen.get((stage, instruction), 0)
        seen[(stage, instruction)] = occurrence + 1
        ref = f"stage[{max(stage, 0)}]:{instruction}[{occurrence}]"
        nodes.append(Node(ref, instruction, value, span, {}, {"stage": max(stage, 0)}))
    stages = max(stage, 0)
    return [
        Node(n.ref, n.kind, {**n.value, "final_stage": n.value["stage"] == stages}, n.span, n.positions, n.meta)
        for n in nodes
    ]
