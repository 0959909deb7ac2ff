"""detect-secrets as hms-policy's secret engine: its plugins and filters, hms-policy's own
plugins beside them, and a prefilter in front so only candidate lines reach any of them.

The SEC rules all name the detector `hms.secrets.detect_secrets` with the secret types they
report (`params.secret_types`, detect-secrets' `secret_type` strings). A document is scanned
once, whichever rules ask (`Document.memo`); each rule takes its types from that one result.

Nothing raw leaves this module: a `PotentialSecret`'s value is read once to find where it
sits on its line and to run the filters, then dropped. Findings get spans (`Redaction`).

detect-secrets keeps its settings in a process-global singleton. The plugins and filters are
called directly, with explicit arguments, so a scan neither reads nor changes those settings;
the one setting a plugin consults on its own (network verification of found secrets) is
switched off for the duration of a scan when some embedding code turned it on.
"""

from __future__ import annotations

import contextlib
import inspect
import re
import string
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from hms_policy.engine.registry import DetectorUnavailable
from hms_policy.model import LineSpan, Match, Redaction, Severity, TargetKind
from hms_policy.secrets.data_values import is_data_not_key, is_migration_row, names_a_type, public_pem_lines
from hms_policy.secrets.values import BLOCK_COMMENT_SUFFIXES, for_local_service, impossible_port, is_well_known_default, in_block_comment, in_development_section, in_markup_comment, in_test_data_block, in_test_section, is_ci_pipeline, is_comment_line, is_inside_blob, is_loopback_host, is_not_credential, is_one_label_host, is_test_env_file, name_shaped, sets_up_tests, top_level_lines

# Lines longer than this reach the plugins as windows around their trigger hits.
LONG_LINE = 2_000
_WINDOW_BEFORE, _WINDOW_AFTER = 200, 400
# Streamed documents (large logs) are scanned in blocks of this many lines.
BLOCK_LINES = 20_000
# Hits kept per secret type in a streamed file (reporting of huge logs is bounded anyway).
STREAMED_HITS_PER_TYPE = 1000

_CONFIG_KINDS = frozenset((TargetKind.CONFIG, TargetKind.HELM_VALUES, TargetKind.KUBERNETES, TargetKind.COMPOSE, TargetKind.CLOUDFORMATION))
_CODE_KINDS = frozenset((TargetKind.PYTHON, TargetKind.JAVASCRIPT, TargetKind.JAVA, TargetKind.GO, TargetKind.SOURCE))
_CONFIG_SUFFIXES = frozenset(".yaml .yml .ini .cfg .conf .cnf .properties .toml .env".split())

# How specific each type's evidence is: where several types find one secret, the most specific
# one's finding stands for it (the others are merged into it by the engine).
_RANK: dict[str, float] = {
    "Google Service Account Key": 5,
    "Database Connection Password": 4,
    "Azure Connection String": 4,
    "Azure SAS Token": 4,
    "OAuth Client Secret": 4,
    "JWT Signing Secret": 4,
    "Data Encryption Key": 4,
    "Registry Credential File": 4,
    "Private Key Material": 4,
    "Integration Engine Credential": 3.5,
    "Basic Auth Credentials": 2.8,
    "Dotenv Secret": 2.5,
    "Secret Keyword": 1,
    "Base64 High Entropy String": 0,
    "Hex High Entropy String": 0,
    "Public IP (ipv4)": 0,
}
_DEFAULT_RANK = 3.0  # vendor token formats
_CONFIDENCE = {4: 0.9, 3: 0.9, 2: 0.8, 1: 0.6, 0: 0.4}
_SPAN_TO_EOL = frozenset(("Private Key", "Private Key Material"))
_TOKEN_TAIL = re.compile(r"[A-Za-z0-9_.+/=-]*")
_KV = re.compile(r"""^(?P<key>\s*(?:-\s+)?(?:export\s+)?["']?[\w.\-\[\]/@$]+["']?\s*)(?:=|:(?!//))\s*(?P<value>.*?)\s*$""")
# Guesses (and framework secrets) on a comment line are commented-out defaults or template text;
# a vendor-shaped token or a key in a comment is still reported.
_NOT_IN_EFFECT = frozenset(
    ("Secret Keyword", "Base64 High Entropy String", "Hex High Entropy String", "JWT Signing Secret", "Dotenv Secret", "Integration Engine Credential")
)
_VERIFY_FILTER = "detect_secrets.filters.common.is_ignored_due_to_verification_policies"


@dataclass(frozen=True, slots=True)
class SecretHit:
    """Where a secret sits: 1-based line, character span, detect-secrets type. No value."""

    line: int
    start: int
    end: int
    secret_type: str
    allowlisted: bool = False  # the line carries detect-secrets' `pragma: allowlist secret`
    overlapped_by: str | None = None  # a more specific type found the same secret
    development: bool = False  # under a `development:` section (Rails' secrets.yml): capped at medium
    loopback: bool = False  # a connection string to the reader's own machine: capped at medium
    default: bool = False  # a well-known default value (admin, postgres, Admin123): capped at medium
    stack_database: bool = False  # a compose stack's own database password: capped at medium
    mask_only: bool = False  # the value again inside a longer word (`rdb_pass=rdb`): masked, not a finding


def detect(doc: Any, params: Mapping[str, Any]) -> Iterator[Match]:
    """The detector behind every SEC rule: the document's hits of `params.secret_types`."""
    by_type: dict[str, list[Match]] = doc.memo("detect-secrets", lambda: matches_by_type(scan_document(doc)))
    for secret_type in params.get("secret_types") or ():
        yield from by_type.get(secret_type, ())


def matches_by_type(hits: list[SecretHit]) -> dict[str, list[Match]]:
    """One `Match` per hit, grouped by secret type, built once per document for all rules."""
    by_line: dict[int, list[SecretHit]] = {}
    for hit in hits:
        by_line.setdefault(hit.line, []).append(hit)
    out: dict[str, list[Match]] = {}
    for hit in hits:
        if hit.mask_only:
            continue
        # Every secret on the line is masked in every finding on it, whichever rule found it.
        redactions = tuple(Redaction(h.line, h.start, h.end, "secret") for h in by_line[hit.line])
        extra: dict[str, Any] = {"secret_type": hit.secret_type}
        if hit.overlapped_by:  # read (and dropped) by engine.merge
            extra["overlapped_by"] = hit.overlapped_by
        if hit.allowlisted:  # honoured, and visible: the engine records it as a `nosec` suppression
            extra["nosec"] = "detect-secrets `pragma: allowlist secret` on this line"
        if hit.development:
            extra["section"] = "development"
        if hit.loopback:
            extra["host"] = "loopback"
        if hit.default:
            extra["default_credential"] = True
        if hit.stack_database:
            extra["scope"] = "database of the compose stack"
        rank = int(_RANK.get(hit.secret_type, _DEFAULT_RANK))
        out.setdefault(hit.secret_type, []).append(
            Match(
                LineSpan.at(hit.line),
                redactions=redactions,
                context={"type": hit.secret_type},
                confidence=_CONFIDENCE.get(min(rank, 4), 0.9),
                extra=extra,
                max_severity=Severity.MEDIUM if hit.development or hit.loopback or hit.default or hit.stack_database else None,
            )
        )
    return out


def scan_document(doc: Any) -> list[SecretHit]:
    if doc.streamed or doc.file.is_gzip:
        scanner = _scanner()
        hits: list[SecretHit] = []
        kept: dict[str, int] = {}
        block: list[str] = []
        first = 1

        def keep(found: list[SecretHit]) -> None:
            # A streamed log can repeat one kind of hit on every line (an address in every
            # access-log line): keep the first few per type so memory stays flat.
            for hit in found:
                if kept.get(hit.secret_type, 0) < STREAMED_HITS_PER_TYPE:
                    kept[hit.secret_type] = kept.get(hit.secret_type, 0) + 1
                    hits.append(hit)

        for number, text in doc.iter_lines():
            if not block:
                first = number
            block.append(text)
            if len(block) >= BLOCK_LINES:
                keep(scanner.scan(doc.path, block, doc.kind, first_line=first))
                block = []
        if block:
            keep(scanner.scan(doc.path, block, doc.kind, first_line=first))
        return hits
    candidates = _candidates(doc.path, doc.lines, doc.kind)
    if not may_hit(doc.path, doc.lines, doc.kind, candidates):
        return []  # most files: detect-secrets is never loaded for them
    return _scanner().scan(doc.path, doc.lines, doc.kind, candidates=candidates)


def line_spans(line: str, path: str, kind: TargetKind) -> list[tuple[int, int]]:
    """Where any secret sits on one line, read alone: the snippet sanitiser's view of it."""
    lines = [line]
    candidates = _candidates(path, lines, kind)
    if not candidates:
        return []
    return [(h.start, h.end) for h in _scanner().scan(path, lines, kind, candidates=candidates)]


def may_hit(path: str, lines: Sequence[str], kind: TargetKind, candidates: Sequence[Any]) -> bool:
    """Whether some candidate line could yield a hit, by the scanner's own cheap checks that
    need no plugin: a generic type (keyword, entropy, IP) is never reported on an indirect
    reference (`secret = get_secret()`), an entropy type needs a quoted run with enough
    distinct characters, an address must be globally routable. Other types always count."""
    from hms_policy.secrets.filters import GENERIC_TYPES

    if not candidates:
        return False
    normalize = "config" in trigger_profile(path, kind)
    for candidate in candidates:
        line = lines[candidate.index]
        if len(line) > LONG_LINE or not candidate.types <= GENERIC_TYPES:
            return True
        if is_indirect_reference(line):
            continue
        variants = [line]
        if normalize:
            quoted = _quoted_assignment(line)
            if quoted is not None and quoted != line:
                variants.append(quoted)
        for secret_type in candidate.types:
            spec = _ENTROPY_SPECS.get(secret_type)
            if spec is not None:
                if any(_may_pass_entropy(spec, v) for v in variants):
                    return True
            elif secret_type == "Public IP (ipv4)":
                if any(_has_global_ipv4(v) for v in variants):
                    return True
            else:
                return True
    return False


def has_candidates(path: str, lines: Sequence[str], kind: TargetKind) -> bool:
    """Whether any line of the file could hold a secret at all (the prefilter's first pass)."""
    return bool(_candidates(path, lines, kind)) and _scanner().profile(path, kind) is not None


def trigger_profile(path: str, kind: TargetKind) -> frozenset[str]:
    """Which triggers a file gets, from its name and kind alone (no detect-secrets import)."""
    from hms_policy.secrets.files import file_suffix, is_dotenv_file, is_lock_file, registry_file_kind

    if kind is TargetKind.LOG and path.endswith(".gz"):
        path = path[: -len(".gz")]  # a rotated log is read decompressed
    if is_lock_file(path):
        return frozenset(("lockfile",))
    profile = {"base"}
    if kind in _CONFIG_KINDS or file_suffix(path) in _CONFIG_SUFFIXES:
        profile.add("config")
    if is_dotenv_file(path):
        profile.update(("config", "dotenv"))
    if registry_file_kind(path):
        profile.update(("config", "registry"))
    return frozenset(profile)


def _candidates(path: str, lines: Sequence[str], kind: TargetKind) -> list[Any]:
    """The prefilter's candidate lines; it runs on light code, before any plugin is built."""
    from hms_policy.secrets.prefilter import prefilter_for

    if not lines:
        return []
    return list(prefilter_for(trigger_profile(path, kind)).candidates(lines))


@lru_cache(maxsize=1)
def _scanner() -> SecretScanner:
    """One scanner per process: plugin instances and compiled prefilters are immutable."""
    try:
        return SecretScanner()
    except ImportError as exc:
        raise DetectorUnavailable(f"detect-secrets is not installed ({exc.name})") from None


def builtin_plugin_classes() -> dict[str, type]:
    """detect-secrets' own plugins by secret type (not its settings-driven registry, which
    would also load custom plugins named in some baseline)."""
    import detect_secrets.plugins as package
    from detect_secrets.plugins.base import BasePlugin
    from detect_secrets.util.importlib import import_types_from_package

    def is_plugin(candidate: Any) -> bool:
        return inspect.isclass(candidate) and issubclass(candidate, BasePlugin) and isinstance(getattr(candidate, "secret_type", None), str)

    classes = import_types_from_package(package, filter=lambda c: not is_plugin(c))
    return {c.secret_type: c for c in sorted(classes, key=lambda c: c.__name__)}


def hms_plugin_classes() -> dict[str, type]:
    from detect_secrets.core.plugins.util import get_plugins_from_module

    from hms_policy.secrets import plugins

    classes: list[Any] = list(get_plugins_from_module(plugins))
    return {c.secret_type: c for c in sorted(classes, key=lambda c: c.__name__)}


class SecretScanner:
    """Prefilter -> plugins -> filters -> spans, for the lines of one file."""

    def __init__(self) -> None:
        from detect_secrets.filters import allowlist, heuristic
        from detect_secrets.util.code_snippet import get_code_snippet

        from hms_policy.secrets import filters

        builtin = builtin_plugin_classes()
        classes = {**builtin, **hms_plugin_classes()}
        self._builtin_types = frozenset(builtin)
        self.plugins: dict[str, Any] = {secret_type: cls() for secret_type, cls in classes.items()}
        self._snippet = get_code_snippet
        self._allowlisted = allowlist.is_line_allowlisted
        self._non_text = heuristic.is_non_text_file
        self._swagger = heuristic.is_swagger_file
        self._likely_id = heuristic.is_likely_id_string
        # detect-secrets' default per-secret filters, then hms-policy's.
        self._secret_filters: tuple[Callable[[str], bool], ...] = (
            heuristic.is_templated_secret,
            heuristic.is_prefixed_with_dollar_sign,
            heuristic.is_not_alphanumeric_string,
            heuristic.is_sequential_string,
            heuristic.is_potential_uuid,
            filters.is_placeholder_secret,
            filters.is_reference_secret,
            filters.is_vendor_example_secret,
            filters.is_expired_token_secret,
        )
        self._line_filters: tuple[Callable[[str, str], bool], ...] = (
            filters.is_hash_secret,
            filters.is_image_data_secret,
            filters.is_key_echo,
        )
        self._metadata_name = filters.is_metadata_name
        self._names_a_test = filters.names_a_test
        self._names_a_database = filters.names_a_database
        self._lock_filter = filters.is_generic_secret_in_lock_file
        self._firebase_filter = filters.is_firebase_client_key
        self._key_filter = filters.is_key_header_without_body
        self._generic = filters.GENERIC_TYPES

    def profile(self, path: str, kind: TargetKind) -> frozenset[str] | None:
        """Which triggers a file gets; None for the file types detect-secrets never scans."""
        profile = trigger_profile(path, kind)
        if "lockfile" not in profile:
            if kind is TargetKind.LOG and path.endswith(".gz"):
                path = path[: -len(".gz")]
            if self._non_text(path) or self._swagger(path):
                return None
        return profile

    def scan(
        self, path: str, lines: Sequence[str], kind: TargetKind, first_line: int = 1, candidates: Sequence[Any] | None = None
    ) -> list[SecretHit]:
        """`candidates`: the prefilter's result for these lines when the caller already has it."""
        from hms_policy.secrets.prefilter import prefilter_for

        profile = self.profile(path, kind)
        if profile is None or not lines:
            return []
        prefilter = prefilter_for(profile)
        normalize = "config" in profile
        in_ci = is_ci_pipeline(path, lines)
        sectioned = path.lower().endswith((".yml", ".yaml", ".properties"))
        markup: bool | None = None  # does the file hold a `<!--` at all (else no line is inside one)
        blocks = path.lower().endswith(BLOCK_COMMENT_SUFFIXES)  # a language with `/* ... */` comments
        dev_key = _DEV_KEY_NAME.search(path.rsplit("/", 1)[-1]) is not None
        compose = kind is TargetKind.COMPOSE
        hits: list[SecretHit] = []
        code = kind in _CODE_KINDS
        openers: list[int] | None = None
        public_pem: frozenset[int] | None = None  # lines inside a certificate or public-key block
        with _no_verification():
            for candidate in prefilter.candidates(lines) if candidates is None else candidates:
                line = lines[candidate.index]
                number = candidate.index + 1
                context = _snippet(self._snippet, lines, number)
                # Every allowlist pattern of detect-secrets contains "pragma": skip the dozen
                # searches for the lines that cannot match.
                allowlisted = ("pragma" in line or "pragma" in context.previous_line) and bool(self._allowlisted(path, line, context))
                if markup is None:  # once per file, and only for files with a candidate line
                    markup = any("<!--" in text for text in lines)
                commented = (markup and in_markup_comment(lines, candidate.index)) or (blocks and in_block_comment(lines, candidate.index))
                development: bool | None = None if sectioned else False  # decided at the line's first hit
                types = candidate.types - _ENTROPY_TYPES if is_migration_row(line) else candidate.types
                if types & _ENTROPY_TYPES:
                    if public_pem is None:  # once per file, and only for files with an entropy candidate
                        public_pem = public_pem_lines(lines)
                    if candidate.index in public_pem:
                        types = types - _ENTROPY_TYPES  # a certificate's body is public by design
                test_input = False
                if code and line[:1].isspace():
                    if openers is None:
                        openers = top_level_lines(lines)  # once per file, for tables of test inputs
                    test_input = in_test_data_block(lines, candidate.index, openers)
                for offset, segment in _segments(line, prefilter, types):
                    variants = [segment]
                    if normalize:
                        quoted = _quoted_assignment(segment)
                        if quoted is not None and quoted != segment:
                            variants.append(quoted)
                    for start, end, secret_type, embedded in self._scan_segment(path, segment, variants, number, context, types, in_ci, commented, test_input):
                        if development is None:
                            development = in_development_section(lines, candidate.index) or for_local_service(lines, candidate.index)
                        local_key = dev_key and secret_type in _KEY_TYPES
                        # `postgresql://user:pw@localhost:5438/db` in a notebook or script: the
                        # password of a database on the machine running it, a developer's own
                        # container; judged, not gate-failing (any other host keeps its severity)
                        loopback = secret_type == _CONNECTION_PASSWORD and _opens_only_a_local_host(segment[start:end], segment)
                        if in_ci and secret_type in _URL_LOGIN_TYPES and _opens_a_job_container(segment[start:end], segment):
                            continue  # a CI job's URL for its own throwaway service container (`@postgres/db`)
                        # `POSTGRES_PASSWORD: postgres`, `admin.password=Admin123`: a well-known
                        # default, to change where the stack is deployed; no leaked secret
                        default = secret_type in _GUESSED_TYPES and is_well_known_default(
                            segment[start:end], _around(lines, candidate.index, segment, start, end), path
                        )
                        if default and development:
                            # `password=postgres` beside `url=jdbc:postgresql://localhost/...`: a
                            # product's documented default for a developer's own local service
                            # opens nothing deployed, and leaks nothing; a default anywhere else
                            # (a production .env, a Kubernetes Secret) is still reported
                            continue
                        # `POSTGRES_PASSWORD: ...` in a compose file sets the password of the
                        # database the stack itself creates, reached on the stack's own network;
                        # whether that database is exposed is judged where its ports are (DC002)
                        stack_database = compose and (
                            (secret_type in _GUESSED_TYPES and self._names_a_database(segment[start:end], segment))
                            # `DATABASE_URL=postgresql://app:pw@postgres:5432/app`: a service of the same stack
                            or (secret_type in _URL_LOGIN_TYPES and _opens_a_job_container(segment[start:end], segment))
                        )
                        hits.append(SecretHit(
                            number + first_line - 1, start + offset, end + offset, secret_type, allowlisted,
                            development=development or local_key, loopback=loopback, default=default, stack_database=stack_database,
                            mask_only=embedded,
                        ))
        return _resolve_overlaps(hits)

    def _scan_segment(
        self, path: str, segment: str, variants: list[str], number: int, context: Any, types: frozenset[str], in_ci: bool = False,
        commented: bool = False, test_input: bool = False,
    ) -> Iterator[tuple[int, int, str, bool]]:
        """(start, end, secret type, masked only) of each secret in the segment."""
        indirect: bool | None = None
        comment = commented or is_comment_line(segment)
        for_tests = test_input or is_test_env_file(path) or in_test_section(list(context.lines), context.target_index) or sets_up_tests(segment)
        for secret_type in sorted(types):
            plugin = self.plugins.get(secret_type)
            if plugin is None:
                continue
            if (comment or for_tests) and secret_type in _NOT_IN_EFFECT:
                # Commented-out generator defaults and template text are not in effect; values
                # for test runs (`.env.test`, a YAML `test:` section) open nothing deployed.
                continue
            if in_ci and secret_type == "Secret Keyword":
                continue  # a CI job's literal passwords belong to its throwaway service containers
            generic = secret_type in self._generic
            if generic:
                if indirect is None:
                    indirect = is_indirect_reference(segment)
                if indirect:
                    continue  # `secret = get_secret()`: detect-secrets' own line filter for guesses
            # detect-secrets' own plugins also see configuration lines as its transformers
            # present them; hms-policy's plugins read the lines as written.
            for variant in variants if secret_type in self._builtin_types else variants[:1]:
                if secret_type in _ENTROPY_TYPES and not _may_pass_entropy(plugin, variant):
                    continue
                found = plugin.analyze_line(filename=path, line=variant, line_number=number, context=context)
                for potential in found:
                    value = potential.secret_value
                    potential.secret_value = None  # the value lives on in this frame only
                    if value is not None:
                        # a value read up to a line's trailing blank (`-Dpass=x \` in a folded
                        # string) is the same value a quoted variant reads: one span, one finding
                        value = value.strip()
                    if not value or self._filtered(value, variant, path, plugin, context, generic):
                        continue
                    if secret_type in _NOT_IN_EFFECT and self._names_a_test(value, variant):
                        continue  # `TEST_CONTAINER_DB_PASSWORD = "..."`: the test suite's own service
                    yield from ((s, e, secret_type, embedded) for s, e, embedded in _locate(value, segment, secret_type))

    def _filtered(self, value: str, line: str, path: str, plugin: Any, context: Any, generic: bool) -> bool:
        if plugin.secret_type == "Public IP (ipv4)":
            # detect-secrets' defaults would always drop an address (it has no letter): an
            # address counts when it is globally routable and not a version number.
            return not _is_public_address(value, line)
        if any(f(value) for f in self._secret_filters):
            return True
        if generic and (self._likely_id(value, line, plugin) or self._metadata_name(value, line, plugin, path)):
            return True
        if plugin.secret_type == "Secret Keyword" and is_not_credential(value, line):
            return True
        if plugin.secret_type in _ENTROPY_TYPES and is_data_not_key(value, line, context.previous_line, _next_line(context)):
            return True
        if plugin.secret_type == "AWS Access Key" and is_inside_blob(value, line):
            return True
        if plugin.secret_type == "IBM Cloud IAM Key" and name_shaped(value):
            return True  # `<ref key="DIPHTHERIA_TETANUS_AND_PERTUSSIS_VACCINATION">`: a constant's name
        if plugin.secret_type == "Artifactory Credentials" and names_a_type(value):
            return True  # `APFPatientVisitModel`: a class named in words, not an `AP...` token
        if plugin.secret_type == "Basic Auth Credentials" and (_opens_only_a_local_host(value, line) or _made_up_address(value, line)):
            return True
        if any(f(value, line) for f in self._line_filters):
            return True
        if generic and _algolia_search_key(line, context):
            return True
        return bool(self._lock_filter(value, path, plugin) or self._firebase_filter(value, path, plugin) or self._key_filter(value, plugin, context))


_SEARCH_KEY_NAME = re.compile(r"(?i)\b(?:search[_-]?)?api[_-]?key\b")


def _algolia_search_key(line: str, context: Any) -> bool:
    """`algolia: {appId, apiKey, indexName}` (Docusaurus, DocSearch, InstantSearch): the
    search-only key every visitor's browser sends, public by design; Algolia's admin key is
    never configured beside an index name for the front end."""
    if not _SEARCH_KEY_NAME.search(line):
        return False
    around = " ".join(str(text) for text in getattr(context, "lines", ()) or ()).lower()
    return "algolia" in around and "indexname" in around.replace("_", "")


# A key file named for a developer's machine or a throwaway certificate (`self-signed.key`,
# `localhost-key.pem`, `snakeoil.key`, `dev.key`): judged as development material, not gate-failing.
_DEV_KEY_NAME = re.compile(r"(?i)(?:^|[-_.])(?:self-?signed|snakeoil|localhost|local(?:-ip)?|dev|development|test|testing|example|sample|dummy|fake|expired|insecure)(?:[-_.]|$)")
_KEY_TYPES = frozenset(("Private Key", "Private Key Material"))
_URL_HOST_AFTER = re.compile(r"@\[?([A-Za-z0-9.:_-]+?)\]?(?=[:/?#\s'\"`]|$)")


def _opens_only_a_local_host(value: str, line: str) -> bool:
    """`http://admin:pass@localhost:5984/db`: credentials for a service on the reader's own
    machine (loopback), the shape of README and help-text examples; they open nothing the
    repository's readers can reach. Credentials for any other host are kept, reserved
    example names included (a real password is often shown with a made-up host)."""
    at = line.find(value + "@")
    found = _URL_HOST_AFTER.match(line, at + len(value)) if at >= 0 else None
    if found is None:
        return False
    return is_loopback_host(found.group(1))


_URL_LOGIN_TYPES = frozenset(("Database Connection Password", "Basic Auth Credentials"))


def _opens_a_job_container(value: str, line: str) -> bool:
    """`postgresql://postgres:pw@postgres/db` in a CI pipeline: loopback or a one-label host is
    a service container of the job itself, started for the run and thrown away after it."""
    at = line.find(value + "@")
    found = _URL_HOST_AFTER.match(line, at + len(value)) if at >= 0 else None
    return found is not None and (is_loopback_host(found.group(1)) or is_one_label_host(found.group(1)))


def _around(lines: Sequence[str], index: int, segment: str, start: int, end: int) -> str:
    """The text beside a value: its segment without it, and two lines either side."""
    return " ".join((*lines[max(0, index - 2) : index], segment[:start], segment[end:], *lines[index + 1 : index + 3]))


def _made_up_address(value: str, line: str) -> bool:
    """`user:pass@ds099999.example.com:99999/db`: a port no server listens on, so a made-up login."""
    at = line.find(value + "@")
    return at >= 0 and impossible_port(line, at + len(value) + 1)


_VERSION_BEFORE = re.compile(r"(?i)(?<![a-z])(?:version|ver|release|v)[\s:=\"']*$")


def _is_public_address(value: str, line: str) -> bool:
    import ipaddress

    host = value.split(":", 1)[0]
    try:
        if not ipaddress.ip_address(host).is_global:
            return False
    except ValueError:
        return False
    at = line.find(value)
    return not (at > 0 and _VERSION_BEFORE.search(line[:at]))


# detect-secrets' `is_indirect_reference` regex starts with `([^\v=!:]*)`, which can match
# nothing, so a search for the rest finds the same lines, without the quadratic backtracking
# of the original on long lines (equivalence: tests/unit/test_secrets_engine.py).
_INDIRECT_REFERENCE = re.compile(r"(?::=?|[!=]{1,3})\s*[\w.-]+[\[\(][^\v]*[\]\)]")
_ENTROPY_TYPES = frozenset(("Base64 High Entropy String", "Hex High Entropy String"))
_CONNECTION_PASSWORD = "Database Connection Password"
# Types found by a keyword, not by a provider's key format: their value may be a default word.
_GUESSED_TYPES = frozenset(("Secret Keyword", "Dotenv Secret", "Integration Engine Credential", _CONNECTION_PASSWORD))
_QUOTED_RUNS: dict[str, re.Pattern[str]] = {}


def is_indirect_reference(line: str) -> bool:
    """detect-secrets' `heuristic.is_indirect_reference`: `secret = get_secret_key()`."""
    return len(line) <= 1000 and _INDIRECT_REFERENCE.search(line) is not None


@dataclass(frozen=True)
class _EntropySpec:
    """An entropy plugin's charset and limit as hms-policy builds it (detect-secrets'
    defaults; tests/unit/test_lazy_engines.py checks them against the plugins)."""

    charset: str
    entropy_limit: float


_ENTROPY_SPECS = {
    "Base64 High Entropy String": _EntropySpec(string.ascii_letters + string.digits + "+/" + "\\-_" + "=", 4.5),
    "Hex High Entropy String": _EntropySpec(string.hexdigits, 3.0),
}
# Every place a dotted quad can start: its first three octets (each fixed by the dot after it).
_QUAD_START = re.compile(r"(?=((?:[0-9]{1,3}\.){3})([0-9]{1,3}))")


def _has_global_ipv4(line: str) -> bool:
    """Whether any dotted quad in `line`, at any start and last-octet length, is a globally
    routable address (a superset of the addresses the IP plugin can report)."""
    import ipaddress

    for found in _QUAD_START.finditer(line):
        head, last = found.group(1), found.group(2)
        for length in range(1, len(last) + 1):
            try:
                if ipaddress.ip_address(head + last[:length]).is_global:
                    return True
            except ValueError:
                continue
    return False


def _may_pass_entropy(plugin: Any, line: str) -> bool:
    """Whether any quoted string the entropy plugin would judge has enough distinct characters
    to exceed its limit (Shannon entropy is at most log2 of the distinct characters)."""
    pattern = _QUOTED_RUNS.get(plugin.charset)
    if pattern is None:
        pattern = _QUOTED_RUNS.setdefault(plugin.charset, re.compile(r"([\'\"])([{}]+)(\1)".format(re.escape(plugin.charset))))
    needed = 2 ** plugin.entropy_limit
    return any(len(set(run)) > needed for _, run, _ in pattern.findall(line))


def _next_line(context: Any) -> str:
    lines, at = getattr(context, "lines", None) or [], getattr(context, "target_index", -1)
    return str(lines[at + 1]) if 0 <= at < len(lines) - 1 else ""


def _snippet(get_code_snippet: Callable[..., Any], lines: Sequence[str], number: int) -> Any:
    """detect-secrets' CodeSnippet of five lines either side, without copying the whole file."""
    low = max(0, number - 6)
    window = list(lines[low : number + 5])
    snippet = get_code_snippet(window, number - low)
    snippet.start_line += low
    return snippet


def _segments(line: str, prefilter: Any, types: frozenset[str]) -> Iterable[tuple[int, str]]:
    if len(line) <= LONG_LINE:
        return [(0, line)]
    windows: list[list[int]] = []
    for start, end in prefilter.trigger_spans(line, types):
        low, high = max(0, start - _WINDOW_BEFORE), min(len(line), end + _WINDOW_AFTER)
        if windows and low <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
    return [(low, line[low:high]) for low, high in windows]


def _quoted_assignment(line: str) -> str | None:
    """`key: value` as detect-secrets' config transformers present it: `key = "value"`."""
    found = _KV.match(line)
    if found is None:
        return None
    value = found.group("value")
    if " #" in value:
        value = value.split(" #", 1)[0].rstrip()
    value = value.rstrip(",")
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    if not value or value in ("|", ">", "|-", ">-", "{", "["):
        return None
    return f'{found.group("key").strip()} = "{value}"'


def _locate(value: str, segment: str, secret_type: str) -> Iterable[tuple[int, int, bool]]:
    """Every place `value` sits in `segment` (the whole segment when it cannot be found), each
    with whether it is only a part of a longer word (`rdb` in `rdb_pass=rdb`) while the value
    also stands on its own: such a place is masked but is not another finding."""
    spans = []
    start = segment.find(value)
    while start != -1:
        end = start + len(value)
        if secret_type in _SPAN_TO_EOL:
            end = len(segment)
        elif secret_type == "JSON Web Token":  # the plugin's match stops before the signature
            tail = _TOKEN_TAIL.match(segment, end)
            end = tail.end() if tail else end
        spans.append((start, end))
        start = segment.find(value, end)
    if not spans:
        return [(0, len(segment), False)]
    inside = [_inside_a_word(segment, a, a + len(value)) for a, _ in spans]
    alone = not all(inside)
    return [(a, b, alone and embedded) for (a, b), embedded in zip(spans, inside)]


def _inside_a_word(segment: str, start: int, end: int) -> bool:
    before = segment[start - 1] if start > 0 else ""
    after = segment[end] if end < len(segment) else ""
    return (before.isalnum() or before == "_") or (after.isalnum() or after == "_")


def _resolve_overlaps(hits: list[SecretHit]) -> list[SecretHit]:
    """One hit per (line, type, span). Where types overlap on one secret the most specific
    (`_RANK`) stands for it and the others are marked `overlapped_by` it: the engine folds
    their findings into its one (`engine.merge`), or reports them when its rule is off."""
    unique = sorted(set(hits), key=lambda h: (h.line, h.start, h.end, h.secret_type))
    by_line: dict[int, list[SecretHit]] = {}
    for hit in unique:
        by_line.setdefault(hit.line, []).append(hit)
    out: list[SecretHit] = []
    for line_hits in by_line.values():
        for hit in line_hits:
            rank = _RANK.get(hit.secret_type, _DEFAULT_RANK)
            over = [o for o in line_hits if not o.mask_only and o.start < hit.end and hit.start < o.end and _RANK.get(o.secret_type, _DEFAULT_RANK) > rank]
            if over:
                top = max(over, key=lambda o: _RANK.get(o.secret_type, _DEFAULT_RANK))
                hit = replace(hit, overlapped_by=top.secret_type)
            out.append(hit)
    return out


@contextlib.contextmanager
def _no_verification() -> Iterator[None]:
    """detect-secrets plugins verify a found secret over the network when the global settings
    name its verification filter; hms-policy never does. Off for the scan, if on."""
    from detect_secrets.settings import get_settings

    if _VERIFY_FILTER not in get_settings().filters:
        yield
        return
    from detect_secrets.settings import transient_settings

    with transient_settings({"filters_used": []}):
        yield
