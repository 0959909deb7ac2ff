"""What scanning one unit produces: the files it read and what the rules found there.

Its own module because both the runner (engine/run.py) and the result cache (engine/cache.py)
build and read these, and neither should import the other for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hms_policy.model import FileRole, Finding, ScanError


@dataclass(slots=True)
class FileRecord:
    path: str
    sha256: str
    size: int
    kind: str
    scanned: bool
    role: str = FileRole.PRODUCTION.value


@dataclass(slots=True)
class UnitResult:
    files: list[FileRecord] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    evaluated: set[str] = field(default_factory=set)  # rule ids judged definitely somewhere
    unresolved: dict[str, int] = field(default_factory=dict)

    def merge(self, other: UnitResult) -> None:
        self.files.extend(other.files)
        self.findings.extend(other.findings)
        self.errors.extend(other.errors)
        self.evaluated |= other.evaluated
        for k, v in other.unresolved.items():
            self.unresolved[k] = self.unresolved.get(k, 0) + v
