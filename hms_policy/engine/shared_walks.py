"""Detectors that serve several rules from one pass over a document learn, once per scan,
what all the active rules sharing that pass ask of it.

bandit's walk (`hms.python.bandit`) runs once per module for every PY rule that maps bandit
tests, with the union of their tests. Without this step the union was every test the adapter
knows, so preview rules that are off (the injection tests) still kept statements in the walk
of every module that holds an SQL or shell word. Each rule's params gain `shared_tests`: the
tests of every active rule naming the same detector. A rule still reports only its own
`tests`, so findings do not depend on which other rules run.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from hms_policy.engine.active import ActiveRule

# detector id -> the param naming what each rule asks of the shared pass
SHARED_PARAMS = {"hms.python.bandit": "tests"}


def share_walks(active: Sequence[ActiveRule]) -> tuple[ActiveRule, ...]:
    wanted: dict[str, set[str]] = {}
    for rule in active:
        key = SHARED_PARAMS.get(str(rule.match.get("detector")))
        if key is not None:
            wanted.setdefault(rule.match["detector"], set()).update(str(v).upper() for v in rule.match.get("params", {}).get(key) or ())
    if not wanted:
        return tuple(active)
    out = []
    for rule in active:
        union = wanted.get(str(rule.match.get("detector")))
        if union is not None:
            params = {**(rule.match.get("params") or {}), f"shared_{SHARED_PARAMS[rule.match['detector']]}": sorted(union)}
            rule = replace(rule, match={**rule.match, "params": params})
        out.append(rule)
    return tuple(out)
