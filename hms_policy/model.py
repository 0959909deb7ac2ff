"""The data hms-policy passes around: frozen dataclasses and enums, no I/O.

`Report.to_dict()` is the one place the JSON report's shape is defined; every
output format renders from a `Report`.
"""

from __future__ import annotations

import enum
import io
import json
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping, TextIO

SCHEMA_VERSION = "1"


class Severity(enum.IntEnum):
    """How bad a finding is, from INFO to CRITICAL. Ordered, so a gate is
    `finding.severity >= threshold`; `str()` gives the lower-case name used in reports."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: Severity | str) -> Severity:
        """A severity from itself or its name in any case ("high", "HIGH")."""
        if isinstance(text, cls):
            return text
        try:
            return cls[str(text).strip().upper()]
        except (KeyError, AttributeError):
            names = ", ".join(str(s) for s in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of: {names})") from None


def gate_threshold(value: Severity | str) -> Severity | None:
    """The lowest severity that fails the gate; None for "none" (no gate). Raises ValueError."""
    if isinstance(value, str) and not isinstance(value, Severity) and value.strip().lower() == "none":
        return None
    return Severity.parse(value)


class Category(str, enum.Enum):
    """What kind of problem a rule finds (secret, phi-exposure, ...): the closed category
    vocabulary of the report contract. A member equals its string value."""

    SECRET = "secret"
    UNENCRYPTED_STORAGE = "unencrypted-storage"
    INSECURE_TRANSPORT = "insecure-transport"
    PUBLIC_EXPOSURE = "public-exposure"
    PHI_EXPOSURE = "phi-exposure"
    AUDIT_LOGGING = "audit-logging"
    ACCESS_CONTROL = "access-control"
    DATA_RESIDENCY = "data-residency"
    BACKUP_RETENTION = "backup-retention"
    CONTAINER_HARDENING = "container-hardening"
    VULNERABLE_DEPENDENCY = "vulnerable-dependency"
    INSECURE_CODE = "insecure-code"

    def __str__(self) -> str:
        return self.value


class TargetKind(str, enum.Enum):
    """What a file is, decided once by `targets.kinds.classify`."""

    TERRAFORM = "terraform"
    CLOUDFORMATION = "cloudformation"
    KUBERNETES = "kubernetes"
    HELM_VALUES = "helm-values"
    COMPOSE = "compose"
    DOCKERFILE = "dockerfile"
    GITHUB_ACTIONS = "github-actions"  # .github/workflows/*.yml and composite action.yml
    GITLAB_CI = "gitlab-ci"
    JENKINS = "jenkins"  # declarative Jenkinsfile
    AZURE_PIPELINES = "azure-pipelines"
    BITBUCKET_PIPELINES = "bitbucket-pipelines"
    PYTHON = "python"
    JAVASCRIPT = "javascript"
    JAVA = "java"
    GO = "go"
    SOURCE = "source"  # other programming languages
    MANIFEST = "manifest"  # dependency manifests and lock files
    LOG = "log"
    CONFIG = "config"  # .env, ini, properties, generic yaml/json/toml
    DATA = "data"  # csv, ndjson, sql dumps, hl7
    IMAGE_CONFIG = "image-config"  # a container image's config JSON (OCI / docker image config)
    TEXT = "text"  # unknown text
    BINARY = "binary"

    def __str__(self) -> str:
        return self.value


class FileRole(str, enum.Enum):
    """What a file is for, decided once by `targets.roles.classify_role`."""

    PRODUCTION = "production"
    TEST = "test"  # test code and its fixtures
    SEED = "seed"  # seed, demo, dummy and sample data outside the tests
    DEVELOPMENT = "development"  # local-development and example configuration (.env.example, compose overrides)
    REFERENCE = "reference"  # code tables and catalogues (places, wards, terminologies)
    I18N = "i18n"  # message bundles and translations
    DOCS = "docs"
    VENDORED = "vendored"  # third-party copies and generated or minified files

    def __str__(self) -> str:
        return self.value


# Rules may target `any`: every readable (non-binary) file's text view.
ANY_TARGET = "any"

ControlStatus = Literal["pass", "fail", "not-evaluated", "not-applicable"]


@dataclass(frozen=True, slots=True)
class LineSpan:
    start: int  # 1-based
    end: int

    @classmethod
    def at(cls, line: int) -> LineSpan:
        return cls(line, line)


@dataclass(frozen=True, slots=True)
class Redaction:
    """A character range of one line that must never leave the detector in clear."""

    line: int
    start: int
    end: int
    label: str = "secret"
    keep_last: int = 0  # characters a type may show, e.g. the last 4 of an SSN


@dataclass(frozen=True, slots=True)
class Match:
    """What a detector yields: positions and safe context, never a raw value."""

    span: LineSpan
    entity: str | None = None  # "aws_db_instance.patients", "Deployment/default/api"
    redactions: tuple[Redaction, ...] = ()
    context: Mapping[str, str] = field(default_factory=dict)  # safe values for the message
    key: str | None = None  # a stable identity for the fingerprint when there is no entity
    confidence: float | None = None
    unresolved: bool = False  # the decision rests on a value the scanner could not resolve
    extra: Mapping[str, Any] = field(default_factory=dict)  # safe, JSON-able extras
    # Another file the match is in: one the judged file pulled in (`-r other.txt`), registered
    # in the document's `included`. None: the judged file itself.
    path: str | None = None
    # A ceiling for this one match's severity, below the rule's (and the role's): the detector
    # judged that this occurrence is less exposed (a command-line tool's own arguments, not
    # remote input). None: the rule's severity. Never raises a severity; the fingerprint ignores it.
    max_severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as declared in YAML: what is wrong, where to look, how to fix it."""

    id: str  # "TF101": stable, never reused
    name: str  # "rds-storage-unencrypted": names the flaw
    title: str
    category: Category
    severity: Severity
    kinds: frozenset[str]  # TargetKind values, or ANY_TARGET
    match: Mapping[str, Any]  # validated by the rule schema; interpreted by engine.matchers
    message: str  # may use {placeholders} filled from Match.context
    description: str
    remediation: str
    types: frozenset[str] = frozenset()  # node kinds: resource types, Kubernetes kinds, ...
    paths: tuple[str, ...] = ()  # gitwildmatch patterns a file's path must match
    rationale: str = ""
    references: tuple[str, ...] = ()
    example: str = ""
    redaction: str | None = None  # "spans" | "line" (required for secret and PHI rules)
    status: str = "stable"
    since: str = ""
    tags: tuple[str, ...] = ()
    enabled_by: str = ""  # a boolean pack parameter that must be true for a pack to run the rule
    test_paths_severity: Severity | None = None  # severity for findings in test fixtures
    source: str = ""  # the file the rule came from, for error messages

    def applies_to(self, kind: str) -> bool:
        return ANY_TARGET in self.kinds or kind in self.kinds


@dataclass(frozen=True, slots=True)
class Control:
    id: str
    title: str
    rules: tuple[str, ...]
    citation: str = ""
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class PolicyPack:
    id: str
    version: str
    title: str
    controls: tuple[Control, ...]
    digest: str  # "sha256:" + hex of the pack file's bytes
    parameters: Mapping[str, Any] = field(default_factory=dict)
    severity_overrides: Mapping[str, Severity] = field(default_factory=dict)
    source: str = ""

    def control_refs(self, rule_id: str) -> tuple[str, ...]:
        return tuple(f"{self.id}:{c.id}" for c in self.controls if rule_id in c.rules)


@dataclass(frozen=True, slots=True)
class Suppression:
    """Why a finding does not count against the gate; the finding stays in the report.

    kind: "inline" (a directive in the file), "baseline" (listed in the baseline file),
        "config" (an `ignore` entry in the settings) or "nosec" (bandit's marker)
    reason: the justification given with it
    expires: the ISO date the suppression expires, or None
    """

    kind: Literal["inline", "baseline", "config", "nosec"]
    reason: str
    expires: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem one rule found at one place. It never holds a raw secret or PHI value.

    fingerprint: stable identity across unrelated edits (rule, file, entity or redacted
        content; never the line number); baselines key on it
    rule_id, rule_name: the rule, e.g. "TF101" and "rds-storage-unencrypted"
    category, severity: the rule's category; the severity after pack overrides
    path: POSIX path relative to the scanned root
    line, end_line: 1-based line span
    message: what is wrong here, in one sentence
    snippet: the source line(s), already redacted
    controls: the compliance controls it breaks, as "pack:control" ("hipaa:164.312(b)")
    entity: the resource or object, e.g. "aws_db_instance.patients", when there is one
    confidence: 0..1 for heuristic detectors (PHI, entropy), else None
    unresolved: True when the verdict rests on a value the scanner could not resolve
    suppressed, suppression: whether it is suppressed, and how and why
    extra: further safe, JSON-able details from the detector
    role: what the file is for (production, test, seed, ...); None in reports from before roles
    """

    fingerprint: str
    rule_id: str
    rule_name: str
    category: Category
    severity: Severity
    path: str  # POSIX, relative to the scanned root
    line: int
    end_line: int
    message: str
    snippet: str  # already redacted
    controls: tuple[str, ...]
    entity: str | None = None
    confidence: float | None = None
    unresolved: bool = False
    suppressed: bool = False
    suppression: Suppression | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    role: FileRole | None = None  # what the file is for; None in reports from before roles

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "fingerprint": self.fingerprint,
            "rule_id": self.rule_id,
            "rule_name": self.rule_name,
            "category": self.category.value,
            "severity": str(self.severity),
            "path": self.path,
            "line": self.line,
            "end_line": self.end_line,
            "message": self.message,
            "snippet": self.snippet,
            "controls": list(self.controls),
            "suppressed": self.suppressed,
        }
        if self.entity is not None:
            out["entity"] = self.entity
        if self.role is not None:
            out["role"] = self.role.value
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 2)
        if self.unresolved:
            out["unresolved"] = True
        if self.suppression is not None:
            sup: dict[str, Any] = {"kind": self.suppression.kind, "reason": self.suppression.reason}
            if self.suppression.expires:
                sup["expires"] = self.suppression.expires
            out["suppression"] = sup
        if self.extra:
            out["extra"] = dict(self.extra)
        return out


@dataclass(frozen=True, slots=True)
class ScanError:
    """A file (or part of one) that was not fully scanned; the rest of the scan went on.

    path: POSIX path relative to the scanned root
    message: one line saying what went wrong
    reason: a short tag such as binary, too-large, decode, parse, template, unreadable or detector
    """

    path: str
    message: str
    reason: str = "error"  # binary | too-large | decode | parse | unreadable | symlink | detector | ...

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "message": self.message, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class ControlResult:
    """How one control of a policy pack fared in the scan.

    policy, id, title: the pack ("hipaa"), the control's id ("164.312(b)") and title
    status: "fail" when an unsuppressed finding maps to it; "pass" when every one of its
        rules that had a relevant file ran on it and found nothing (and at least one did);
        "not-applicable" when none of its rules had a relevant file in a full scan;
        otherwise "not-evaluated" (see `reason`)
    findings, suppressed: unsuppressed and suppressed findings mapped to it
    citation: where the control is written down (regulation section)
    rules: ids of the active rules that check it
    reason: one sentence saying why the status is what it is ("" in reports from before it)
    rule_results: what each mapped rule did: `ran` (ids that judged a relevant file),
        `fired` (id -> unsuppressed findings), `not_run` (id -> why it could not run) and
        `no_files` (ids with no relevant file); None in reports from before it
    """

    policy: str
    id: str
    title: str
    status: ControlStatus
    findings: int
    citation: str = ""
    rules: tuple[str, ...] = ()
    suppressed: int = 0
    reason: str = ""
    rule_results: Mapping[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "policy": self.policy,
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "findings": self.findings,
            "suppressed": self.suppressed,
            "citation": self.citation,
            "rules": list(self.rules),
        }
        if self.reason:
            out["reason"] = self.reason
        if self.rule_results is not None:
            out["rule_results"] = dict(self.rule_results)
        return out


@dataclass(frozen=True, slots=True)
class PolicyRef:
    """A policy pack the scan checked: id ("hipaa"), version, "sha256:" digest of the pack
    file (so a report names exactly the rules it was judged by) and title."""

    id: str
    version: str
    digest: str
    title: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "digest": self.digest, "title": self.title}


@dataclass(frozen=True, slots=True)
class TargetInfo:
    """What was scanned.

    root: the common root directory of the scanned paths (POSIX); name: its base name
    git_commit: HEAD's commit at scan time when the root is in a git checkout, else None
    files_scanned, bytes_scanned: how much was read
    digest: "sha256:" Merkle root over every discovered file's path and content digest;
        `verify --root` recomputes it
    selection: how the files were chosen (paths, excludes, .gitignore, size cap)
    roles: files scanned per role, and the rules or categories each role's policy leaves unjudged
    vulnerability_database: the OSV data the dependency rules used (kind, location, and per
        ecosystem its advisories, sources, last update and age); absent when none ran
    git_root: the git top-level holding `root` (POSIX), when there is one: SARIF paths are
        relative to it, as code scanning expects, whichever subdirectory was scanned
    image: for a container image, its name, manifest and config digests, platform, layers and
        base OS (`digest` is then the manifest digest); None for a tree
    """

    root: str
    git_commit: str | None
    files_scanned: int
    bytes_scanned: int
    digest: str  # "sha256:" + Merkle root over sorted (path, sha256)
    name: str = ""
    # How the files were chosen (paths relative to root, excludes, gitignore, size cap), so
    # `verify --root` can repeat the same discovery and recompute the digest.
    selection: Mapping[str, Any] | None = None
    # Files scanned per role, and the rules or categories each role's policy does not judge.
    roles: Mapping[str, Any] | None = None
    # The OSV data behind the dependency rules, its age and coverage per ecosystem (deps/vulndb.py).
    vulnerability_database: Mapping[str, Any] | None = None
    git_root: str | None = None
    # A scanned container image: name, manifest digest (= `digest`), config digest, platform,
    # layers (index, digest) and base OS. None for a tree.
    image: Mapping[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "root": self.root,
            "name": self.name,
            "git_commit": self.git_commit,
            "files_scanned": self.files_scanned,
            "bytes_scanned": self.bytes_scanned,
            "digest": self.digest,
        }
        if self.selection is not None:
            out["selection"] = dict(self.selection)
        if self.roles is not None:
            out["roles"] = dict(self.roles)
        if self.vulnerability_database is not None:
            out["vulnerability_database"] = dict(self.vulnerability_database)
        if self.git_root is not None:
            out["git_root"] = self.git_root
        if self.image is not None:
            out["image"] = dict(self.image)
        return out


@dataclass(frozen=True, slots=True)
class Summary:
    """Totals and the gate's verdict, all derived from the findings.

    findings, suppressed: counts of unsuppressed and suppressed findings
    by_severity, by_category: unsuppressed findings per severity / category name
    result: "fail" when an unsuppressed finding is at or above `fail_on`, else "pass"
    fail_on: the gate's lowest failing severity name, or "none"
    """

    findings: int  # unsuppressed
    suppressed: int
    by_severity: Mapping[str, int]
    by_category: Mapping[str, int]
    result: Literal["pass", "fail"]
    fail_on: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": self.findings,
            "suppressed": self.suppressed,
            "by_severity": dict(self.by_severity),
            "by_category": dict(self.by_category),
            "result": self.result,
            "fail_on": self.fail_on,
        }


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What a report says about a rule that produced findings, so every format (SARIF rule
    help, HTML remediation) can render from the report alone.

    id, name, title: "TF101", "rds-storage-unencrypted" and a one-line title
    category: the rule's category; severity: its default (findings may carry a pack override)
    description, remediation: what it checks and how to fix what it finds
    references: links to the standards and documentation behind it
    """

    id: str
    name: str
    title: str
    category: Category
    severity: Severity
    description: str = ""
    remediation: str = ""
    references: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "category": self.category.value,
            "severity": str(self.severity),
            "description": self.description,
            "remediation": self.remediation,
            "references": list(self.references),
        }


@dataclass(frozen=True, slots=True)
class Component:
    """A dependency a manifest or lock file names, for the SBOM (`--format cyclonedx`).

    ecosystem: the OSV ecosystem ("PyPI", "npm", "Maven", "Go", ...); version: the pinned
    version, None for a range; path, line: where it is declared (POSIX, relative to the root)
    """

    ecosystem: str
    name: str
    version: str | None
    path: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {"ecosystem": self.ecosystem, "name": self.name, "version": self.version, "path": self.path, "line": self.line}


@dataclass(frozen=True, slots=True)
class Report:
    """The result of a scan (or a merge of scans): immutable, deterministically ordered,
    and rendered by every output format. `to_dict()` is the JSON report (schema v1).

    schema_version: "1"
    tool: {"name": "hms-policy", "version": ...}
    target: what was scanned; targets: every shard's target in a merged report
    policies: the packs checked, with their digests
    findings: every finding, suppressed ones included, sorted by path, line and rule
    controls: each pack control's status
    errors: files not fully scanned
    summary: totals and the gate result; `passed` is True when the gate passed
    generated_at: UTC timestamp (SOURCE_DATE_EPOCH when set)
    rules: the rules behind the findings, with their descriptions and remediation
    components: the dependencies the manifests and lock files name, when the scan was asked
        for them (`--format cyclonedx`, `scan(sbom=True)`)
    """

    schema_version: str
    tool: Mapping[str, str]
    target: TargetInfo
    policies: tuple[PolicyRef, ...]
    findings: tuple[Finding, ...]
    controls: tuple[ControlResult, ...]
    errors: tuple[ScanError, ...]
    summary: Summary
    generated_at: str = ""
    targets: tuple[TargetInfo, ...] = ()  # merged reports keep every shard's target
    rules: tuple[RuleInfo, ...] = ()  # the rules behind the findings, sorted by id
    components: tuple[Component, ...] = ()  # the dependency inventory, when asked for

    @property
    def passed(self) -> bool:
        """True when the gate passed (`summary.result == "pass"`)."""
        return self.summary.result == "pass"

    def to(self, fmt: str, **options: Any) -> str:
        """The report rendered in one output format ("json", "sarif", "junit", "markdown",
        "html", "text"): the same text the CLI writes. See `hms_policy.render`."""
        from hms_policy import render

        return render(self, fmt, **options)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (schema v1) as plain dicts and lists."""
        return self._document([f.to_dict() for f in self.findings])

    def _document(self, findings: Any) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema_version": self.schema_version,
            "tool": dict(self.tool),
            "generated_at": self.generated_at,
            "target": self.target.to_dict(),
            "policies": [p.to_dict() for p in self.policies],
            "findings": findings,
            "controls": [c.to_dict() for c in self.controls],
            "errors": [e.to_dict() for e in self.errors],
            "summary": self.summary.to_dict(),
        }
        if self.targets:
            out["targets"] = [t.to_dict() for t in self.targets]
        if self.rules:
            out["rules"] = [r.to_dict() for r in self.rules]
        if self.components:
            out["components"] = [c.to_dict() for c in self.components]
        return out

    def findings_document(self) -> dict[str, Any]:
        """`to_dict()` with the findings as a `jsonstream.Lazy`: each finding's dict is made
        while it is written, then dropped."""
        from hms_policy.report.jsonstream import Lazy

        return self._document(Lazy(f.to_dict() for f in self.findings))

    def write_json(self, out: TextIO) -> None:
        """Write the JSON report (what `to_json()` returns) to `out` finding by finding, so
        memory does not grow with the report's text (report/jsonstream.py)."""
        from hms_policy.report.jsonstream import dump

        dump(self.findings_document(), out)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The JSON report as text, keys sorted (what `--format json` writes)."""
        if indent != 2:
            return json.dumps(self.to_dict(), indent=indent, sort_keys=True, ensure_ascii=False) + "\n"
        buffer = io.StringIO()
        self.write_json(buffer)
        return buffer.getvalue()
