"""The prefilter only ever narrows what the plugins see, never what they would find.

Soundness: whenever a plugin (before any filter) finds something on a line, the prefilter has
picked that line *and* woken that plugin for it. Checked on every secret fixture and on
generated lines built from the fragments secrets are made of.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hms_policy.adapters.detect_secrets import _quoted_assignment, _scanner
from hms_policy.model import TargetKind
from hms_policy.secrets import prefilter
from hms_policy.secrets.prefilter import prefilter_for
from hms_policy.targets.kinds import classify

FIXTURES = Path(__file__).resolve().parents[1] / "rules"
FIXTURE_FILES = sorted(
    p for d in FIXTURES.glob("SEC*") for p in d.rglob("*") if p.is_file() and p.name != "expected.yaml"
)


def raw_findings(path: str, line: str, profile: frozenset[str]) -> set[str]:
    """Types whose plugin finds something on `line` (or its quoted form in configuration)."""
    found = set()
    variants = [line]
    quoted = _quoted_assignment(line) if "config" in profile else None
    if quoted:
        variants.append(quoted)
    scanner = _scanner()
    for secret_type, plugin in scanner.plugins.items():
        tried = variants if secret_type in scanner._builtin_types else variants[:1]
        if any(plugin.analyze_line(filename=path, line=v, line_number=1, context=None) for v in tried):
            found.add(secret_type)
    return found


def assert_sound(path: str, lines: list[str], kind: TargetKind) -> None:
    profile = _scanner().profile(path, kind)
    if profile is None:
        return
    picked = {c.index: c.types for c in prefilter_for(profile).candidates(lines)}
    for index, line in enumerate(lines):
        missed = raw_findings(path, line, profile) - picked.get(index, frozenset())
        if "lockfile" in profile:
            from hms_policy.secrets.filters import GENERIC_TYPES

            missed -= GENERIC_TYPES
        assert not missed, f"{path}:{index + 1}: prefilter missed {sorted(missed)} on {line!r}"


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_prefilter_is_sound_on_every_secret_fixture(path: Path) -> None:
    data = path.read_bytes()
    assert_sound(str(path), data.decode("utf-8").splitlines(), classify(str(path), data[:8192]))


FRAGMENTS = [
    "password", "PASSWORD", "api_key", "secret", "client_secret", "jwt_secret", "AccountKey=", "sig=", "sv=2022-11-02",
    "&se=2031-01-01", "postgres://", "mongodb+srv://", "jdbc:oracle:thin:", "user", ":", "@", "/", "=", " = ", ": ",
    '"', "'", ",", ";", " ", "host=db ", "password=", "AKIA", "ASIA", "ghp_", "glpat-", "xoxb-", "sk_live_", "SG.", "AIza",
    "eyJhbGciOiJIUzI1NiJ9", ".", "eyJzdWIiOiJ4In0", "-----BEGIN PRIVATE KEY-----", "-----BEGIN ENCRYPTED PRIVATE KEY-----",
    "MIIBqAIBAzCCAV4GCSqGSIb3DQEHA", "\"private_key\": \"", "keystore.storepass", "hl7.mllp.password", "<password>",
    "</password>", "52.14.88.231", "T3BlbkFJ", "pypi-AgE", "sq0csp-", "//registry.npmjs.org/:_authToken=", "aws_secret",
]
TOKENS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=_-", min_size=1, max_size=50)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(st.one_of(st.sampled_from(FRAGMENTS), TOKENS), min_size=1, max_size=10), name=st.sampled_from(["app.py", "settings.yaml", ".env", "conf.properties", "channel.xml", ".npmrc"]))
def test_prefilter_is_sound_on_generated_lines(parts: list[str], name: str) -> None:
    line = "".join(parts)
    assert_sound(name, [line], classify(name, line.encode()[:8192]))


def test_re_fallback_picks_the_same_lines_as_re2() -> None:
    if prefilter.ENGINE != "re2":
        pytest.skip("google-re2 is not installed here")
    profile = frozenset(("base", "config"))
    for path in FIXTURE_FILES:
        lines = path.read_text("utf-8").splitlines()
        with_re2 = list(prefilter_for(profile, True).candidates(lines))
        with_re = list(prefilter_for(profile, False).candidates(lines))
        assert with_re2 == with_re, path


def test_only_lines_with_triggers_reach_the_plugins() -> None:
    lines = ["def add(a, b):", "    return a + b", 'DB = "postgresql://ehr:Tq8w4Zr4Lm2x@db/ehr"', "# the end"]
    candidates = list(prefilter_for(frozenset(("base",))).candidates(lines))
    assert [c.index for c in candidates] == [2]
    assert "Database Connection Password" in candidates[0].types and "AWS Access Key" not in candidates[0].types


def test_a_secret_deep_inside_a_minified_line_is_found() -> None:
    filler = "var a=function(b){return b+1};" * 20_000  # 600 KB on one line
    line = filler + 'var c="postgresql://ehr:Tq8w4Zr4Lm2x@db/ehr";' + filler
    hits = _scanner().scan("bundle.min.js", [line], TargetKind.JAVASCRIPT)
    assert [(h.secret_type, line[h.start : h.end]) for h in hits if not h.overlapped_by] == [("Database Connection Password", "Tq8w4Zr4Lm2x")]
    assert {h.overlapped_by for h in hits if h.overlapped_by} == {"Database Connection Password"}
