"""`hms-policy explain RULE_ID`"""

from __future__ import annotations

import argparse
import textwrap

HELP = "show what a rule checks, why it matters and how to fix it"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule_id", metavar="RULE_ID", help="a rule id such as TF101, or its name")


def run(args: argparse.Namespace) -> int:
    from hms_policy.api import available_packs, rule_directories
    from hms_policy.catalog.packs import load_pack_file
    from hms_policy.catalog.rules import load_rules
    from hms_policy.errors import UsageError

    catalog = load_rules(rule_directories())
    wanted = args.rule_id.strip()
    rule = catalog.get(wanted.upper()) or next((r for r in catalog if r.name == wanted), None)
    if rule is None:
        raise UsageError(f"unknown rule {args.rule_id!r} (see `hms-policy rules`)")
    controls = []
    for path in available_packs().values():
        pack = load_pack_file(path)
        controls.extend(f"{ref}  {c.title}" for c in pack.controls if rule.id in c.rules for ref in [f"{pack.id}:{c.id}"])
    wrap = lambda text: textwrap.fill(" ".join(text.split()), 88)  # noqa: E731
    print(f"{rule.id} {rule.name}: {rule.title}")
    print(f"category: {rule.category.value}   severity: {rule.severity}   targets: {', '.join(sorted(rule.kinds))}   status: {rule.status}")
    print("\n## What it does\n" + wrap(rule.description))
    if rule.rationale:
        print("\n## Why it matters\n" + wrap(rule.rationale))
    print("\n## How to fix it\n" + wrap(rule.remediation))
    if rule.example:
        print("\n## Example\n" + rule.example.rstrip())
    if controls:
        print("\n## Controls\n" + "\n".join(controls))
    if rule.references:
        print("\n## References\n" + "\n".join(rule.references))
    return 0
