"""The substitution engine: one value of one kind in, its replacement out, under the policy.

Substitutes are a function of the key and the value only (see `keyed`), cached in a bounded
LRU so repeated values cost nothing. Every substitute is fingerprinted (`Keyed.tag`) so the
verification can tell its own output from a value that was missed. Counts are kept per kind;
values never are.
"""

from __future__ import annotations

from collections import Counter, OrderedDict

from hms_policy.deidentify import dates, identifiers, people
from hms_policy.deidentify.keyed import Keyed
from hms_policy.deidentify.policy import Policy

CACHE_SIZE = 65536
REDACTED = "[REDACTED]"

# Kinds whose substitutes hold several words (a detector's span may join or split them).
_MULTI_WORD = frozenset({"person_name", "given_name", "family_name", "street_address", "city"})
# Kinds that are a person's name, in which part.
NAME_PARTS = {"person_name": "full", "given_name": "given", "family_name": "family"}


class Engine:
    def __init__(self, key: bytes, policy: Policy | None = None, locale: str = "en_US", track: bool = True) -> None:
        self.keyed = Keyed(key)
        self.policy = policy or Policy()
        self.locale = locale
        self.day_first = locale != "en_US"
        self.counts: Counter[str] = Counter()
        self.kept: Counter[str] = Counter()
        # fingerprints of substitutes, for the verification (off: constant memory)
        self.track = track
        self.produced: set[bytes] = set()
        self._cache: OrderedDict[tuple[str, str, str, str | None], str] = OrderedDict()  # FIFO eviction
        self._strategies: dict[str, str] = {}

    # -- bookkeeping -------------------------------------------------------------------------

    def reset_counts(self) -> tuple[Counter[str], Counter[str]]:
        counts, kept = self.counts, self.kept
        self.counts, self.kept = Counter(), Counter()
        return counts, kept

    def _mark(self, kind: str, value: str) -> None:
        self.produced.add(self.keyed.tag(value))
        if kind in _MULTI_WORD and " " in value:
            # a detector may see two substitutes as one span (`given family`): words count too
            for word in value.split():
                self.produced.add(self.keyed.tag(word))

    def is_produced(self, value: str) -> bool:
        text = value.strip()
        if self.keyed.tag(text) in self.produced:
            return True
        words = [w.strip(",.;:()\"'") for w in text.replace("^", " ").replace("&", " ").split()]
        # state codes, initials and punctuation stay as they were: they identify no one
        words = [w for w in words if len(w) > 2 or (w.isdigit() and len(w) > 1)]
        return bool(words) and all(self.keyed.tag(w) in self.produced for w in words)

    # -- the one entry point -----------------------------------------------------------------

    def replace(self, kind: str, value: str, patient: str | None = None) -> str:
        """The replacement of `value` (a `kind`: a PHI type id, a name part, date, age, city,
        zip); `patient` keys the date shift."""
        if not value.strip():
            return value
        strategy = self._strategies.get(kind)
        if strategy is None:
            strategy = self._strategies[kind] = self.policy.strategy(kind)
        if strategy == "keep":
            self.kept[kind] += 1
            return value
        cache_key = (kind, strategy, value, patient if kind in ("date", "dob") else self.locale)
        hit = self._cache.get(cache_key)
        if hit is None:
            hit = self._compute(kind, strategy, value, patient)
            if len(self._cache) >= CACHE_SIZE:
                self._cache.popitem(last=False)  # O(1); a plain dict's first key is not, after many deletions
            self._cache[cache_key] = hit
        if hit != value:
            self.counts[_category(kind)] += 1
            if self.track:
                self._mark(kind, hit)  # only substitutes: a fingerprint of an original could be guessed
        return hit

    def _compute(self, kind: str, strategy: str, value: str, patient: str | None) -> str:
        if strategy == "redact":
            return REDACTED
        if strategy == "hash":
            return "tok_" + self.keyed.digest(f"hash:{_category(kind)}", value.strip()).hex()[:16]
        if strategy == "generalize":
            return self._generalize(kind, value)
        return self._substitute(kind, value, patient)

    def _generalize(self, kind: str, value: str) -> str:
        if kind in ("date", "dob"):
            return dates.year_of(value) or REDACTED
        if kind in ("zip", "zip_plus4"):
            return dates.generalize_zip(value)
        if kind == "age":
            digits = identifiers.digits_of(value)
            if not digits:
                return REDACTED
            age = int(digits[:3])
            return "90+" if age > 89 else f"{age // 10 * 10}-{age // 10 * 10 + 9}"
        if kind in NAME_PARTS:
            return " ".join(w[0] + "." for w in value.split() if w[:1].isalpha()) or REDACTED
        return REDACTED

    def _substitute(self, kind: str, value: str, patient: str | None) -> str:
        part = NAME_PARTS.get(kind)
        if part is not None:
            return people.name_text(value, part, self.keyed, self.locale)
        if kind == "street_address":
            return people.street(value, self.keyed, self.locale)
        if kind == "city":
            return people.city(value, self.keyed, self.locale)
        if kind in ("zip", "zip_plus4"):
            return dates.generalize_zip(value)
        if kind == "age":
            return dates.cap_age(value)
        if kind in ("date", "dob"):
            shifted = dates.shift_date(value.strip(), dates.offset_days(self.keyed, patient), self.day_first)
            if shifted is None:
                return value if kind == "date" else REDACTED
            lead = value[: len(value) - len(value.lstrip())]
            return lead + shifted + value[len(value.rstrip()) :]
        if kind == "phone":
            return identifiers.phone(value, self.keyed, self.locale)
        generator = identifiers.GENERATORS.get(kind, identifiers.shape)
        return generator(value, self.keyed)


def _category(kind: str) -> str:
    if kind in NAME_PARTS:
        return "person_name"
    if kind == "zip_plus4":
        return "zip"
    return kind
