"""Which functions and classes the walk can skip, read off the module's text.

A flow needs a tainted value. Inside a definition, a value is tainted only by a name,
attribute, key, call or annotation whose words name patient data or a record (`phi_names`:
`date_of_birth`, `patientRecord`, `"e-mail"`), by the parameters of a signal receiver, or by
a tainted name of the enclosing scope. Every such name spells one of the terms' word
sequences in the source, whatever the separators (`dateOfBirth`, `date_of_birth`, `"date of
birth"`), or the word "patient". So a definition whose lines spell none of them, in a scope
holding no tainted value, cannot produce a flow, and the walk skips it: one regular-expression
pass over the module instead of a walk of most of its functions. The test is a superset of
the walk's own (comments, qualifiers and words inside longer words count too), so skipping
never changes a finding.
"""

from __future__ import annotations

import ast
import bisect
import re
from functools import lru_cache
from typing import Any

from hms_policy.detectors.code.phi_names import TERMS

_SPELLINGS = sorted({r"[\W_]*".join(re.escape(word) for word in term) for term, _, _ in TERMS} | {"patient"}, key=len, reverse=True)


@lru_cache(maxsize=1)
def _source_pattern() -> Any:
    """The spellings as one pattern over lower-cased text: re2 where installed (linear time,
    about 20 times faster here), else Python's `re`."""
    pattern = "|".join(_SPELLINGS)
    try:
        import re2

        return re2.compile(pattern)
    except Exception:  # not installed, or a build that rejects the pattern
        return re.compile(pattern)


class Relevance:
    """The lines of one module where a source may be spelled, and the test for a definition."""

    def __init__(self, text: str, receivers: frozenset[str]) -> None:
        self._off = bool(receivers)  # a connected receiver may carry any name: walk everything
        self._starts: list[int] = []
        self._ends: list[int] = []
        low = text.lower()
        line, counted = 1, 0
        for match in _source_pattern().finditer(low):
            start, end = match.span()
            line += low.count("\n", counted, start)
            self._starts.append(line)
            line += low.count("\n", start, end)
            self._ends.append(line)
            counted = end

    def may_flow(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, env_tainted: bool) -> bool:
        """The walk of `node` can produce a flow."""
        if self._off or env_tainted:
            return True
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        last = node.end_lineno or node.lineno
        # the first spelling that ends on or after `first` (ends are sorted as starts are)
        i = bisect.bisect_left(self._ends, first)
        return i < len(self._starts) and self._starts[i] <= last
