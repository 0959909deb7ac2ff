"""`hms-policy explain RULE_ID [RULE_ID ...]`"""

from __future__ import annotations

import argparse
import textwrap
from typing import Sequence

from hms_policy.model import PolicyPack, Rule

HELP = "show what a rule checks, why it matters and how to fix it"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule_ids", nargs="+", metavar="RULE_ID", help="a rule id such as TF101, or its name; several are explained in turn")


def run(args: argparse.Namespace) -> int:
    from hms_policy.api import available_packs, rule_directories
    from hms_policy.catalog.packs import load_pack_file
    from hms_policy.catalog.rules import load_rules
    from hms_policy.errors import UsageError

    catalog = load_rules(rule_directories())  # once for all the ids: loading dominates the cost
    chosen = []
    for wanted in args.rule_ids:
        rule = catalog.get(wanted.strip().upper()) or next((r for r in catalog if r.name == wanted.strip()), None)
        if rule is None:
            raise UsageError(f"unknown rule {wanted!r} (see `hms-policy rules`)")
        chosen.append(rule)
    packs = [load_pack_file(path) for path in available_packs().values()]
    print("\n\n".join(explanation(rule, packs) for rule in chosen))
    return 0


def explanation(rule: Rule, packs: Sequence[PolicyPack]) -> str:
    """The text `explain` prints for one rule."""
    controls = [f"{pack.id}:{c.id}  {c.title}" for pack in packs for c in pack.controls if rule.id in c.rules]
    parts = [
        f"{rule.id} {rule.name}: {rule.title}",
        f"category: {rule.category.value}   severity: {rule.severity}   targets: {', '.join(sorted(rule.kinds))}   status: {rule.status}",
        "\n## What it does\n" + _wrap(rule.description),
    ]
    if rule.rationale:
        parts.append("\n## Why it matters\n" + _wrap(rule.rationale))
    parts.append("\n## How to fix it\n" + _wrap(rule.remediation))
    if rule.example:
        parts.append("\n## Example\n" + rule.example.rstrip())
    if controls:
        parts.append("\n## Controls\n" + "\n".join(controls))
    if rule.references:
        parts.append("\n## References\n" + "\n".join(rule.references))
    return "\n".join(parts)


def _wrap(text: str) -> str:
    return textwrap.fill(" ".join(text.split()), 88)
