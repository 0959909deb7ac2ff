"""Triage labels: one YAML file per repository, keyed so they survive line moves.

    labels/<name>.yaml
    labels:
      - {path: src/x.py, rule: SEC011, fingerprint: 9f1c..., line: 12, verdict: false,
         reason: "i18n label text, not a credential"}

A label's key is (path, rule, fingerprint); `line` is only a reading aid. verdicts:
  true       a real problem a health-care security reviewer would want fixed or accepted
  false      not a problem (wrong reading of the code or data)
  debatable  defensible either way (counts half in precision)
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from manifest import LABELS, OUT

SAMPLE = 40  # findings triaged per (repository, rule, severity) group
VERDICTS = {"true": 1.0, "debatable": 0.5, "false": 0.0}

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Label:
    path: str
    rule: str
    fingerprint: str
    line: int
    verdict: str
    reason: str

    @property
    def key(self) -> Key:
        return (self.path, self.rule, self.fingerprint)


def finding_key(finding: dict[str, Any]) -> Key:
    return (finding["path"], finding["rule_id"], finding["fingerprint"])


def load_label_list(name: str) -> list[Label]:
    """Every label of a repository, in file order (two labels may share a key: a fingerprint
    that moved to another line; `matched_labels` tells them apart by line)."""
    file = LABELS / f"{name}.yaml"
    if not file.exists():
        return []
    data = yaml.safe_load(file.read_text()) or {}
    out: list[Label] = []
    for item in data.get("labels") or []:
        verdict = str(item["verdict"]).lower()
        if verdict not in VERDICTS:
            raise SystemExit(f"{file}: {item.get('path')}: verdict must be true, false or debatable, not {verdict!r}")
        out.append(Label(item["path"], item["rule"], item["fingerprint"], int(item.get("line") or 0), verdict, item.get("reason", "")))
    return out


def load_labels(name: str) -> dict[Key, Label]:
    """The labels by key (the last of any that share one)."""
    return {label.key: label for label in load_label_list(name)}


def matched_labels(labels: list[Label], findings: list[dict[str, Any]]) -> dict[Key, Label]:
    """The labels keyed by the findings they judge. The trees are pinned, so the one finding of a
    rule at a path and line is the one its label there judged, whatever its fingerprint: a
    fingerprint counts identical snippets before it in its file (engine/fingerprint.py), so when
    a rule stops reporting earlier siblings (a certificate's lines above a private key's), later
    findings take over their fingerprints. Lines that hold several findings of one rule, and
    findings whose line moved, are matched by key (path, rule, fingerprint)."""
    labels_at: dict[tuple[str, str, int], list[Label]] = defaultdict(list)
    by_key: dict[Key, list[Label]] = defaultdict(list)
    for label in labels:
        labels_at[(label.path, label.rule, label.line)].append(label)
        by_key[label.key].append(label)
    findings_at: dict[tuple[str, str, int], list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        findings_at[(f["path"], f["rule_id"], int(f["line"]))].append(f)
    out: dict[Key, Label] = {}
    used: set[int] = set()
    for where, found in findings_at.items():
        here = labels_at.get(where, [])
        if len(found) == 1 and len(here) == 1:
            out[finding_key(found[0])] = here[0]
            used.add(id(here[0]))
    for f in findings:
        k = finding_key(f)
        if k in out:
            continue
        for label in by_key.get(k, []):
            if id(label) not in used:
                out[k] = label
                used.add(id(label))
                break
    return out


def load_report(name: str, reports: Path = OUT) -> dict[str, Any]:
    file = reports / f"{name}.json"
    if not file.exists():
        raise SystemExit(f"{name}: no report; run scan.py first")
    return json.loads(file.read_text())


def groups(findings: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Unsuppressed findings by (rule, severity), in a stable order."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for f in sorted(findings, key=lambda f: (f["path"], f["line"], f["fingerprint"])):
        if not f.get("suppressed"):
            out[(f["rule_id"], f["severity"])].append(f)
    return out


def sample(name: str, rule: str, severity: str, members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings of one group that triage reads: all of them, or a seeded sample of SAMPLE."""
    if len(members) <= SAMPLE:
        return members
    return random.Random(f"{name}|{rule}|{severity}").sample(members, SAMPLE)
