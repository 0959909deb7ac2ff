"""`hms-policy rules [--policy P]`"""

from __future__ import annotations

import argparse

HELP = "list the rules the selected packs run, with their severities and controls"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--policy", "-p", action="append", metavar="P", help="packs (default: hipaa,gdpr,ndhm)")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    import json

    from hms_policy.api import active_rules, load_catalogue
    from hms_policy.catalog.packs import DEFAULT_POLICIES

    catalogue = load_catalogue(args.policy or list(DEFAULT_POLICIES))
    seen: dict[str, dict[str, object]] = {}
    for active in active_rules(catalogue, preview=True):
        entry = seen.setdefault(active.rule.id, {
            "id": active.rule.id,
            "name": active.rule.name,
            "severity": str(active.severity),
            "category": active.rule.category.value,
            "targets": sorted(active.rule.kinds),
            "status": active.rule.status,
            "controls": [],
        })
        entry["controls"] = sorted(set(entry["controls"]) | set(active.controls))  # type: ignore[arg-type]
    rows = list(seen.values())
    if args.format == "json":
        print(json.dumps(rows, indent=2, sort_keys=True))
        return 0
    for row in rows:
        controls = ", ".join(row["controls"])  # type: ignore[arg-type]
        print(f"{row['id']:<8} {row['severity']:<8} {row['category']:<22} {row['name']}")
        print(f"{'':<8} {controls}")
    print(f"{len(rows)} rules")
    return 0
