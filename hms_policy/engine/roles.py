"""The role policy: how much a finding weighs given what its file is for.

A policy maps a file role to rules (by id), categories, or "*" (in that order of precedence),
each to a severity cap or to "skip" (the rule does not judge files of that role). Defaults
below; a project overrides them in settings:

    roles:
      paths:  {reference: ["data/catalog/**"], vendored: ["web/lib/**"]}
      policy: {test: {phi-exposure: medium}, docs: {secret: skip}}

Findings are never silently dropped by role: a skipped (role, rule) pair is recorded in the
report's target (`roles`), with how many files of each role were scanned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Mapping

from hms_policy.model import FileRole, Rule, Severity, TargetKind
from hms_policy.targets.roles import classify_role

SKIP = "skip"  # the rule does not judge files of the role
KEEP = "keep"  # the rule's own severity (overrides a broader entry such as "*")
Decision = Severity | str | None  # a cap, SKIP, or None (no change)

# Why each default: test code and fixtures are not deployed, so configuration weaknesses and
# generic secrets there weigh little (PHI keeps its weight: real-looking patient data in a
# fixture is how production data leaks; its detectors judge the evidence). i18n bundles hold
# labels, never values; vendored and generated files are someone else's code (their
# dependencies are judged from the manifests). Local-development and example configuration
# (.env.example, compose overrides, dev Dockerfiles and settings) is judged but never fails the
# default gate: a committed default there is worth fixing, not worth blocking a merge. Docs keep provider-shaped keys (a real AWS key
# in a README is real) but not keyword or entropy guesses; so do tests, whose `password: ...`
# values are fixtures (deliberately wrong passwords, mock ARNs, emulator keys).
# Framework settings rules judge how an application is deployed; a test's own app setup
# (a session middleware in a test server, CSRF off in a test security config) is not deployed.
_FRAMEWORK_SETTINGS_RULES = "PY030 PY031 PY032 PY033 PY034 PY035 PY036 PY037 JAVA010 JAVA011 CFG010 CFG011 CFG012 JS010 JS011".split()

_INJECTION_RULES = "JAVA020 JS020 PY015 PY016".split()
# eval and exec in a test run the test's own strings: a round-trip of `eval(repr(x))`, a snippet
# the test wrote (0 of 12 such findings real on the benchmark, all in round seventeen)
_DYNAMIC_CODE_RULES = ("PY017",)
# Code that writes patient data to logs, responses or trackers: in a test it writes the test's
# own fixture people to a test run's output (the fixtures themselves are judged as data).
_PHI_FLOW_RULES = "JAVA002 JS002 PY001 PY002 PY003".split()
# Data rules for what describes a person but identifies no record by itself: a name, a birth
# date, an address, a phone number, an e-mail address, a clinical detail.
_QUASI_IDENTIFIER_RULES = "PHI007 PHI008 PHI009 PHI010 PHI011 PHI016".split()

DEFAULT_POLICY: Mapping[FileRole, Mapping[str, str]] = {
    FileRole.TEST: {
        # a JWT in a test is signed by the test's own key or is a recorded, expired token; the
        # key that signs real ones is judged where it is configured (SEC107)
        "SEC011": SKIP, "SEC012": SKIP, "PY010": SKIP, "SEC010": SKIP,
        # a private key, an OAuth client or a database URL in a test belongs to the test's own
        # servers and clients (mutual-TLS fixtures, a test realm, the test database); on the
        # real-world benchmark none of 43 such findings was a deployed credential; so does a URL
        # with a login (the test's own server, judged as SEC101 where it is a database)
        "SEC100": SKIP, "SEC101": SKIP, "SEC105": SKIP, "SEC004": SKIP,
        # a test harness's image, compose file or infrastructure is never deployed: who it runs
        # as and what it publishes (root, ports, public buckets) exposes nothing of the system
        # under test; what it is built from still counts (a runner may hold CI credentials)
        "DKR001": SKIP, "public-exposure": SKIP,
        **{rule: SKIP for rule in _FRAMEWORK_SETTINGS_RULES},
        # a plain-HTTP URL in a test is a fixture value or a local test server, not a client call
        # of the deployed application
        "insecure-transport": SKIP,
        # a test that seeds the test browser's localStorage with a dummy token to skip the login
        # (Cypress and Playwright helpers, jsdom set-ups): 0 of 9 such findings were real
        "JS030": SKIP,
        # SQL and shell built from strings: a test's helpers build them from the test's own
        # arguments; nothing there reaches an attacker (request-input rules keep judging at low)
        **{rule: SKIP for rule in _INJECTION_RULES},
        **{rule: SKIP for rule in _DYNAMIC_CODE_RULES},
        **{rule: "low" for rule in _PHI_FLOW_RULES},
        "secret": "low", "container-hardening": "low", "unencrypted-storage": "low", "access-control": "low", "audit-logging": "low", "backup-retention": "low",
        "data-residency": "low", "insecure-code": "low", "vulnerable-dependency": "low",
    },
    # Seed and demo data are people made up to fill a demo: a name, a birth date, an address, a
    # phone or an e-mail there is what the file is for (on the real-world benchmark 0 of 32
    # such findings was real); identifiers that pass their checks (SSN, NHS number, MRN,
    # Aadhaar) are still reported, below the gate, in case production rows were copied in.
    FileRole.SEED: {
        **{rule: SKIP for rule in _QUASI_IDENTIFIER_RULES},
        "phi-exposure": "medium", "secret": "low", "insecure-transport": "low",
    },
    FileRole.DEVELOPMENT: {
        # a keyword guess in a developer's local settings finds the local stack's documented
        # defaults (postgres/postgres); formats (.env values, provider tokens) are still judged
        "SEC011": SKIP,
        "secret": "medium", "container-hardening": "low", "public-exposure": "low", "unencrypted-storage": "low",
        "insecure-transport": "low", "access-control": "low", "audit-logging": "low", "backup-retention": "low",
        "data-residency": "low", "insecure-code": "medium",
    },
    FileRole.REFERENCE: {"phi-exposure": "low", "secret": "low"},
    FileRole.I18N: {"*": SKIP},
    # Documentation's example people (a REST guide's sample Patient, a tutorial's HL7 message)
    # are what the page is for, as in seed data: 0 of 41 such findings real on the benchmark.
    # Identifiers that pass their checks are still reported, at low.
    FileRole.DOCS: {
        "SEC011": SKIP, "SEC012": SKIP, **{rule: SKIP for rule in _QUASI_IDENTIFIER_RULES},
        "phi-exposure": "low", "insecure-transport": SKIP, "insecure-code": SKIP,
    },
    FileRole.VENDORED: {"*": SKIP, "vulnerable-dependency": KEEP},
}


@dataclass(frozen=True)
class RolePolicy:
    policy: Mapping[FileRole, Mapping[str, str]] = field(default_factory=lambda: DEFAULT_POLICY)
    paths: tuple[tuple[FileRole, tuple[str, ...]], ...] = ()  # user-declared roles, first match wins

    def role_of(self, path: str, kind: TargetKind) -> FileRole:
        for role, spec in self._specs:
            if spec.match_file(path):
                return role
        return classify_role(path, kind)

    @cached_property
    def _specs(self) -> list[tuple[FileRole, Any]]:
        if not self.paths:
            return []
        from pathspec import GitIgnoreSpec  # gitignore syntax, as `exclude` uses

        return [(role, GitIgnoreSpec.from_lines(patterns)) for role, patterns in self.paths]

    def decide(self, rule: Rule, role: FileRole) -> Decision:
        entries = self.policy.get(role)
        if not entries:
            return None
        raw = entries.get(rule.id) or entries.get(rule.category.value) or entries.get("*")
        if raw is None:
            return None
        if raw == KEEP:
            return None
        return SKIP if raw == SKIP else Severity.parse(raw)

    def skipped(self) -> dict[str, list[str]]:
        """role -> the rules or categories it does not judge (for the report)."""
        return {role.value: sorted(k for k, v in entries.items() if v == SKIP) for role, entries in self.policy.items() if any(v == SKIP for v in entries.values())}


def policy_from_settings(settings: Mapping[str, Any]) -> RolePolicy:
    """The defaults with the project's `roles` settings laid over them (validated by config.v1)."""
    roles = settings.get("roles") or {}
    merged = {role: dict(entries) for role, entries in DEFAULT_POLICY.items()}
    for name, entries in (roles.get("policy") or {}).items():
        merged.setdefault(FileRole(name), {}).update({str(k): str(v) for k, v in entries.items()})
    paths = tuple((FileRole(name), tuple(patterns)) for name, patterns in (roles.get("paths") or {}).items())
    return RolePolicy(merged, paths)


def capped(severity: Severity, decision: Decision) -> Severity:
    return min(severity, decision) if isinstance(decision, Severity) else severity
