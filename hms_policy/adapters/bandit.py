"""bandit's checks, run in-process through its API: once per Python document, shared by
every PY rule that maps bandit test ids (`hms.python.bandit`).

* All of bandit's tests run in one AST walk (`BanditNodeVisitor` over the document's bytes,
  the way `BanditManager` drives it for a file); each rule then keeps the test ids it maps.
  The loaded test set is built once per process.
* `# nosec` keeps working with bandit's own semantics (bare, or naming test ids or names, on
  the issue's line or any line of its statement), but a nosec'd issue is not dropped: it is
  handed on with `extra["nosec"]` so the engine records it as a suppressed finding of kind
  "nosec" that an auditor can see.
* Nothing bandit writes about an issue is passed on (its text quotes the code, and for the
  hard-coded-password tests the password itself): only the test id, name, position,
  severity and confidence.
* bandit is imported only when a Python document meets a rule that needs it.
"""

from __future__ import annotations

import ast
import io
import logging
import re
import tokenize
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping

from hms_policy.adapters.bandit_passwords import may_hold_candidate
from hms_policy.engine.registry import DetectorUnavailable
from hms_policy.model import LineSpan, Match, Redaction, Severity
from hms_policy.secrets.filters import is_key_echo, is_metadata_name
from hms_policy.secrets.placeholders import is_placeholder
from hms_policy.secrets.values import in_test_data_block, is_not_credential, top_level_lines
from hms_policy.targets.document import Document

MEMO_KEY = "bandit:issues"
TRIGGERED_MEMO_KEY = "bandit:triggered"
CANDIDATE_MEMO_KEY = "bandit:password-candidates"
_RANKS = {"UNDEFINED": 0, "LOW": 1, "MEDIUM": 2, "HIGH": 3}


class BanditUnavailable(Exception):
    """bandit is not installed or its API changed."""


@dataclass(frozen=True, slots=True)
class BanditIssue:
    test_id: str  # "B602"
    test_name: str  # "subprocess_popen_with_shell_equals_true"
    line: int
    end_line: int
    severity: str  # LOW | MEDIUM | HIGH
    confidence: str
    nosec: str | None  # why `# nosec` silences it, or None


# What the source of a file must contain (lower-cased) for a bandit test to be able to fire:
# a necessary condition, never the test itself. Names come from identifiers (calls, keyword
# arguments, parameters, assignment targets, imports), so every part of a qualified name a
# test matches is in the text; a test that reads string contents (B105 dict keys, B608 SQL,
# B413 `__import__("Crypto...")`) is covered by `_trigger_text`, which also joins adjacent
# and concatenated literals. B105-B107: bandit's RE_WORDS, `pas+wo?r?d|pass(phrase)?|pwd|
# token|secrete?`. Blacklist entries (B3xx, B4xx): a part of each qualname (checked against
# bandit's own data by tests/unit/test_bandit_prefilter.py). A test id not listed here
# (a custom rule's) always runs.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "B102": ("exec",),
    "B105": ("pas", "pwd", "token", "secret"),
    "B106": ("pas", "pwd", "token", "secret"),
    "B107": ("pas", "pwd", "token", "secret"),
    "B201": ("debug",),
    "B301": ("pickle", "dill", "shelve"),
    "B302": ("marshal",),
    "B303": ("crypt",),
    "B304": ("crypt",),
    "B305": ("crypt",),
    "B307": ("eval",),
    "B312": ("telnetlib",),
    "B321": ("ftplib",),
    "B323": ("_create_unverified_context",),
    "B324": ("hashlib", "crypt"),
    "B413": ("crypt",),
    "B501": ("verify",),
    "B502": ("sslv", "tlsv"),
    "B503": ("sslv", "tlsv"),
    "B504": ("wrap_socket",),
    "B505": ("generate",),
    "B506": ("yaml",),
    "B507": ("set_missing_host_key_policy",),
    "B601": ("exec_command",),
    "B602": ("shell",),
    "B604": ("shell",),
    # bandit's shell_injection `shell` functions, or any call with shell=True
    "B605": ("shell", "system", "popen", "getoutput", "getstatusoutput"),
    "B608": ("select", "delete", "insert", "update"),
    "B609": ("shell", "system", "popen", "getoutput", "getstatusoutput"),
    "B610": ("extra",),
    "B611": ("rawsql",),
    "B614": ("torch",),
}
# Tighter conditions for one statement (the pruned walk, `bandit_prune`): any one group of
# words, all of its words present. B201 and B501 compare a keyword argument with the literal
# True / False; bandit's SQL expression (SIMPLE_SQL_RE) needs both words of a pair.
STATEMENT_TRIGGERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "B201": (("debug", "run", "true"),),
    "B501": (("verify", "false"),),
    "B608": (("select", "from"), ("delete", "from"), ("insert", "into"), ("update", "set")),
}
_TRIGGER_WORDS = frozenset(word for words in TRIGGERS.values() for word in words)
# Sharper necessary conditions, on top of TRIGGERS, for tests whose trigger word is common in
# other code (nova's `utils.execute`, `LOG.debug`, `uuidutils.generate_uuid`, `verify_*`); each
# pattern must match the module's trigger text. B102 and B307 fire only on a call whose
# qualified name is exactly `exec` / `eval` (never through an alias); B201 needs a module that
# imports flask; B501 a call whose qualified name starts with `requests` or `httpx`; B303-B305
# and B505 a name of cryptography, Crypto or Cryptodome; B413 an import of pycrypto's `Crypto`.
WHOLE_WORD_TESTS: dict[str, str] = {"B102": "exec", "B307": "eval"}
MODULE_CONDITIONS: dict[str, tuple[re.Pattern[str], ...]] = {
    "B102": (re.compile(r"\bexec\b"),),
    "B307": (re.compile(r"\beval\b"),),
    "B201": (re.compile("flask"), re.compile("debug"), re.compile("true")),
    "B501": (re.compile("verify"), re.compile("false"), re.compile("requests|httpx")),
    "B505": (re.compile("generate"), re.compile("crypto")),
    # the blacklisted names all live in Crypto, Cryptodome or cryptography (never `encrypt`)
    "B303": (re.compile("crypto"),),
    "B304": (re.compile("crypto"),),
    "B305": (re.compile("crypto"),),
    "B413": (re.compile(r"\bcrypto\b"),),  # pycrypto's own package, `Crypto.*`
}
# A string escape can spell a trigger the text does not hold ("p\x61ss"); so can a non-ASCII
# identifier (Python NFKC-normalises names). Files with either always run every test.
_ESCAPE = re.compile(r"\\(?:[xuU0-7]|N\{)")
# bandit joins literals into one string (implicit concatenation, `+` chains, the constant
# parts of an f-string): the triggers are also looked for in all literals' contents joined
# in source order, without f-string fields.
_LITERAL = re.compile(r'"""(.*?)"""' r"|'''(.*?)'''" r'|"((?:[^"\\\n]|\\.)*)"' r"|'((?:[^'\\\n]|\\.)*)'", re.S)
_FSTRING_FIELD = re.compile(r"\{[^{}\n]*\}")


def _trigger_text(source: str) -> str | None:
    """The lower-cased text the triggers are looked for in; None when any test may fire."""
    if not source.isascii() or _ESCAPE.search(source):
        return None
    lowered = source.lower()
    # A backslash at the end of a line inside a string joins the lines in its value.
    flat = lowered.replace("\\\r\n", "").replace("\\\n", "") if "\\" in lowered else lowered
    joined = "".join("".join(parts) for parts in _LITERAL.findall(flat)) if "'" in flat or '"' in flat else ""
    return (lowered if flat is lowered else lowered + "\n" + flat) + "\n" + _FSTRING_FIELD.sub("", joined)


def triggered_tests(source: str, tests: frozenset[str]) -> frozenset[str]:
    """The ids among `tests` that could fire on `source` (a superset of those that do)."""
    text = _trigger_text(source)
    if text is None:
        return tests
    present = {word for word in _TRIGGER_WORDS if word in text}  # each word looked for once
    return frozenset(
        t for t in tests
        if t not in TRIGGERS or (present.intersection(TRIGGERS[t]) and all(p.search(text) for p in MODULE_CONDITIONS.get(t, ())))
    )


_PASSWORD_TESTS = frozenset(("B105", "B106", "B107"))


def triggered_in(source: str, tree: ast.Module | None, tests: frozenset[str] = frozenset(TRIGGERS)) -> frozenset[str]:
    """The mapped `tests` that could fire on a module: its trigger words, and for a module whose
    only trigger words are password-like names, the places B105-B107 look at in its tree."""
    found = triggered_tests(source, tests)
    if found and found <= _PASSWORD_TESTS and tree is not None and not _password_tests_may_fire(tree):
        return frozenset()
    return found


def _password_tests_may_fire(tree: ast.AST) -> bool:
    """A superset of the nodes bandit's B105-B107 report: a string assigned to a name,
    attribute or subscript, a dict key, a comparison with a name or attribute, a keyword
    argument or a parameter, where the name holds a B105 trigger word. The tree's names and
    strings are decoded (escapes, NFKC), so nothing is missed by their spelling."""
    return any(_password_node(node) for node in ast.walk(tree))


def _password_node(node: ast.AST) -> bool:
    words = TRIGGERS["B105"]

    def named(name: object) -> bool:
        return isinstance(name, str) and any(w in name.lower() for w in words)

    def text(node: object) -> bool:
        return isinstance(node, ast.Constant) and isinstance(node.value, str)

    if isinstance(node, ast.Assign):
        return text(node.value) and any(
            isinstance(t, ast.Subscript) or named(getattr(t, "id", None)) or named(getattr(t, "attr", None)) for t in node.targets
        )
    if isinstance(node, ast.Dict):
        return any(text(k) and named(k.value) for k in node.keys if k is not None)  # type: ignore[union-attr]
    if isinstance(node, ast.Compare):
        return named(getattr(node.left, "id", None)) or named(getattr(node.left, "attr", None))
    if isinstance(node, (ast.keyword, ast.arg)):
        return named(node.arg)
    return False


def _is_blacklist(test_id: str) -> bool:
    return test_id[:2] in ("B3", "B4")


@lru_cache(maxsize=64)
def _testset(tests: frozenset[str] | None = None) -> Any:
    """bandit's test set, all tests (None) or only `tests`. bandit's blacklist check reports
    the first blacklist entry an import statement matches, so when any blacklist test is
    wanted all of them load: which one wins must not depend on the selection."""
    try:
        from bandit.core import config as b_config
        from bandit.core import extension_loader
        from bandit.core import test_set as b_test_set
    except ImportError as exc:
        raise BanditUnavailable(f"bandit is not installed ({exc.name})") from None
    # bandit logs through `logging`; with no handler of its own those lines would reach
    # the terminal through logging's last-resort handler.
    logging.getLogger("bandit").addHandler(logging.NullHandler())
    if tests is None:
        return b_test_set.BanditTestSet(b_config.BanditConfig(), profile={})
    include = set(tests)
    if any(_is_blacklist(t) for t in include):
        include.update(t["id"] for entries in extension_loader.MANAGER.blacklist.values() for t in entries)
    return b_test_set.BanditTestSet(b_config.BanditConfig(), profile={"include": include})


def _nosec_lines(source: bytes) -> dict[int, set[str]]:
    """line -> test ids named by a `# nosec` comment (empty set: a bare nosec)."""
    from bandit.core.manager import _parse_nosec_comment

    out: dict[int, set[str]] = {}
    if b"nosec" not in source and b"noqa" not in source:
        return out
    try:
        for token in tokenize.tokenize(io.BytesIO(source).readline):
            if token.type != tokenize.COMMENT:
                continue
            if "nosec" in token.string:
                tests = _parse_nosec_comment(token.string)
                if tests is not None:
                    out[token.start[0]] = set(tests)
            elif "noqa" in token.string:
                named = _noqa_bandit_tests(token.string)
                if named and out.get(token.start[0]) != set():  # a bare nosec already covers all
                    out.setdefault(token.start[0], set()).update(named)
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError):
        pass
    return out


# ruff / flake8-bandit name bandit's tests S<nnn> (S324 is B324): `# noqa: S324` is the same
# recorded decision as `# nosec B324`. A bare `# noqa` names no test and is not taken as one.
_NOQA = re.compile(r"#\s*noqa\s*:\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)", re.I)


def _noqa_bandit_tests(comment: str) -> set[str]:
    found = _NOQA.search(comment)
    if found is None:
        return set()
    codes = re.split(r"[\s,]+", found.group(1).upper())
    return {"B" + code[1:] for code in codes if re.fullmatch(r"S[0-9]{3}", code)}


def _nosec_reason(issue: Any, nosec: dict[int, set[str]], lines: list[str]) -> str | None:
    """bandit's rule: a nosec on the issue's line or on any line of its statement; a bare
    nosec silences every test, a listed one only the tests it names."""
    where = [issue.lineno, *[n for n in issue.linerange if n != issue.lineno]]
    for number in where:
        tests = nosec.get(number)
        if tests is None:
            continue
        if tests and issue.test_id not in tests:
            continue
        text = lines[number - 1] if 0 < number <= len(lines) else ""
        comment = text[text.find("#") :].strip() if "#" in text else "# nosec"
        return f"bandit {comment[:120]}"
    return None


def bandit_issues(doc: Document, tests: frozenset[str] | None = None) -> list[BanditIssue]:
    """The document's bandit issues of `tests` (None: all of bandit's tests), memoised; []
    when it does not parse (the parse error is recorded once, by `pysource.parse_python`)."""

    def compute() -> list[BanditIssue]:
        from hms_policy.detectors.code.pysource import parse_python

        tree = parse_python(doc)
        if tree is None:
            return []
        return _run(doc, tests, tree)

    key = MEMO_KEY if tests is None else f"{MEMO_KEY}:{','.join(sorted(tests))}"
    issues: list[BanditIssue] = doc.memo(key, compute)
    return issues


def own_password_issues(doc: Document, tests: frozenset[str]) -> list[BanditIssue]:
    """B105-B107 of `tests`, judged without loading bandit (`bandit_passwords`), memoised;
    bandit's own reading of `# nosec` comments when the file has any."""

    def compute() -> list[BanditIssue]:
        from hms_policy.detectors.code.pysource import parse_python

        tree = parse_python(doc)
        if tree is None:
            return []
        return _own_password_issues(doc, tests, tree)

    issues: list[BanditIssue] = doc.memo(f"{MEMO_KEY}:own:{','.join(sorted(tests))}", compute)
    return issues


def _own_password_issues(doc: Document, tests: frozenset[str], tree: ast.Module) -> list[BanditIssue]:
    from hms_policy.adapters.bandit_passwords import candidate_lines, password_issues

    found = password_issues(tree, tests, candidate_lines(doc.text))
    if not found:
        return []
    try:
        nosec = _nosec_lines(doc.text.encode("utf-8")) if _may_name_nosec(doc.text, found) else {}
    except ImportError as exc:
        raise BanditUnavailable(f"bandit is not installed ({exc.name})") from None
    lines = doc.lines
    return [
        BanditIssue(issue.test_id, issue.test_name, issue.lineno, max(issue.lineno, *issue.linerange), "LOW", "MEDIUM", _nosec_reason(issue, nosec, lines))
        for issue in found
    ]


def _may_name_nosec(source: str, issues: Iterable[Any]) -> bool:
    """A `# nosec` (or `# noqa`) can silence these issues only on their own lines: tokenizing
    the whole module to find comments is needed only when one of those lines says so."""
    if "nosec" not in source and "noqa" not in source:
        return False
    if "\r" in source:
        return True  # tokenize and the parser count lines differently here: read it all
    from hms_policy.adapters.bandit_prune import source_lines

    lines = source_lines(source)
    wanted = {n for issue in issues for n in (issue.lineno, *(issue.linerange or ()))}
    return any("nosec" in lines[n - 1] or "noqa" in lines[n - 1] for n in wanted if isinstance(n, int) and 0 < n <= len(lines))


def selected_issues(doc: Document, tests: frozenset[str], tree: ast.Module) -> list[BanditIssue]:
    """The issues of `tests` on a parsed document, as `bandit_checks` gathers them: B105-B107
    from our own judgement, the other tests from bandit's pruned walk (unmemoised)."""
    from hms_policy.adapters.bandit_passwords import PASSWORD_TESTS

    rest = tests - PASSWORD_TESTS
    out = _run(doc, rest, tree) if rest else []
    if tests & PASSWORD_TESTS:
        out += _own_password_issues(doc, tests & PASSWORD_TESTS, tree)
    return out


def _run(doc: Document, tests: frozenset[str] | None, tree: ast.Module | None = None) -> list[BanditIssue]:
    """`tree`: the document's parsed module, walked instead of a second parse when that is
    the tree bandit would build (`_same_tree`: no coding declaration changes it) and no
    selected test reads the whole file."""
    testset = _testset(tests)
    from bandit.core import meta_ast, metrics, node_visitor

    source = doc.text.encode("utf-8")
    visitor = node_visitor.BanditNodeVisitor(
        doc.path, io.BytesIO(source), meta_ast.BanditMetaAst(), testset, False, {}, metrics.Metrics()
    )
    if tree is not None and tests is not None and _same_tree(doc.text) and not testset.get_tests("File"):
        # bandit's `process` without its parse and file-level tests, on the statements where
        # a selected test can fire (`bandit_prune`)
        visitor.generic_visit(_walked_part(doc.text, tree, tests))
    else:
        visitor.process(source)
    results = visitor.tester.results
    # comments are read (a tokenize of the whole module) only where an issue's line may name one
    nosec = _nosec_lines(source) if results and _may_name_nosec(doc.text, results) else {}
    lines = doc.lines
    out = []
    for issue in results:
        linerange = [n for n in (issue.linerange or []) if isinstance(n, int) and n > 0]
        line = issue.lineno or (linerange[0] if linerange else 1)
        out.append(
            BanditIssue(
                test_id=str(issue.test_id),
                test_name=str(issue.test or ""),
                line=line,
                end_line=max([line, *linerange]),
                severity=str(issue.severity),
                confidence=str(issue.confidence),
                nosec=_nosec_reason(issue, nosec, lines),
            )
        )
    return out


# PEP 263: a coding declaration on the first or second line.
_CODING = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.M)


def _same_tree(source: str) -> bool:
    """bandit parses the UTF-8 bytes we hand it, so its tree is ours unless a coding
    declaration names another encoding (which would make it decode them differently)."""
    if source.isascii():
        return True
    head = "\n".join(source.split("\n", 2)[:2])
    declared = _CODING.search(head)
    return declared is None or declared.group(1).lower().replace("_", "-") in ("utf-8", "utf8")


def _walked_part(source: str, tree: ast.Module, tests: frozenset[str]) -> ast.Module:
    """The statements of `tree` bandit must walk for `tests` (all mapped: each has triggers)."""
    from hms_policy.adapters.bandit_prune import pruned_module, source_lines, triggering_aliases

    if not tests <= TRIGGERS.keys():
        return tree
    by_text = frozenset(tests - _PASSWORD_TESTS)
    passwords = bool(tests & _PASSWORD_TESTS)
    # an alias never makes exec / eval (their qualified name must be the bare builtin)
    aliases = triggering_aliases(tree, {w for t in by_text - WHOLE_WORD_TESTS.keys() for w in TRIGGERS[t]})
    alias_use = _any_word(aliases, whole=True)
    groups = {group for t in by_text - WHOLE_WORD_TESTS.keys() for group in STATEMENT_TRIGGERS.get(t) or [(w,) for w in TRIGGERS[t]]}
    whole_words = {WHOLE_WORD_TESTS[t] for t in by_text & WHOLE_WORD_TESTS.keys()}
    singles = [p for p in (_any_word({g[0] for g in groups if len(g) == 1}), _any_word(whole_words, whole=True)) if p is not None]
    several = [g for g in groups if len(g) > 1]
    password_word = _any_word(TRIGGERS["B105"]) if passwords else None

    def fires(source: str, nodes: list[ast.AST]) -> bool:
        text = _trigger_text(source)
        if text is None:
            return True
        if any(p.search(text) for p in singles):
            return True
        if any(all(word in text for word in group) for group in several):
            return True
        if alias_use is not None and alias_use.search(source):
            return True  # `p.loads(b)` after `import pickle as p`
        # B105-B107 judge names and keys, which the text holds (escapes made it None)
        if password_word is not None and password_word.search(text):
            return any(_password_node(inner) for node in nodes for inner in ast.walk(node))
        return False

    return pruned_module(tree, source_lines(source), fires) or tree


def _any_word(words: Iterable[str], whole: bool = False) -> re.Pattern[str] | None:
    """A pattern finding any of `words` (as whole identifiers when `whole`); None for none."""
    alternatives = "|".join(map(re.escape, sorted(words)))
    if not alternatives:
        return None
    return re.compile(rf"\b(?:{alternatives})\b" if whole else alternatives)


def rank(level: str) -> int:
    return _RANKS.get(level.upper(), 0)


_CONFIDENCE = {"LOW": 0.3, "MEDIUM": 0.6, "HIGH": 0.9}
# String literals that are names or placeholders, not credentials.
_PLACEHOLDER = re.compile(
    r"^(?:changeme|change_me|changeit|xxx+|\*+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%\([^)]*\)s|dummy|example|placeholder"
    r"|your[_-]?\w*|todo|tbd|none|null|n/a|redacted|masked)$",
    re.I,
)
_KEYWORD = re.compile(r"pass|pwd|secret|token|key|auth|credential", re.I)
# A field or setting name: no digits, one case (or camelCase): "password", "DB_PASSWORD", "apiToken".
_NAME_LIKE = re.compile(r"^(?:[a-z_][a-z_.-]*|[A-Z_][A-Z_.-]*|[a-z]+(?:[A-Z][a-z]+)+)$")


def _placeholder(literal: str) -> bool:
    """A quoted literal (prefix and quotes included) that holds a name or a placeholder."""
    body = literal.lstrip("rbuRBUfF")[1:-1].strip("'\"") if len(literal) >= 2 else ""
    if len(body) < 4 or _PLACEHOLDER.match(body):
        return True
    if _NAME_LIKE.match(body) and _KEYWORD.search(body):
        return True  # "password", "api_token"
    # The secret engine's judgement of a keyword find's value: labels, env-var names, flags,
    # token kinds ("Bearer", "refresh"), regexes, sentences are not credentials.
    return is_not_credential(body, body) or is_placeholder(body)


def _in_test_inputs(doc: Document, line: int) -> bool:
    """`line` (1-based) sits in a module-level table of test inputs (`TEST_CASES = {...}`)."""
    openers: list[int] = doc.memo("lines:top-level", lambda: top_level_lines(doc.lines))
    return in_test_data_block(doc.lines, line - 1, openers)


def _named_as_metadata(line: str) -> bool:
    """The literal is assigned to a name that describes a credential (`token_type = ...`,
    `token_prefix = ...`, `secret_arn = ...`), the secret engine's reading of names."""
    literal = _LAST_LITERAL.search(line)
    if literal is None:
        return False
    # `TOKEN_ENDPOINT_V2_KEY = "token_endpoint_v2"`: the value repeats its own name
    return is_metadata_name(literal.group(1), line, _KEYWORD_PLUGIN) or is_key_echo(literal.group(1), line)


class _KeywordPlugin:
    secret_type = "Secret Keyword"


_KEYWORD_PLUGIN = _KeywordPlugin()
_LAST_LITERAL = re.compile(r"""["']([^"']+)["']\s*[,)}\]]*\s*(?:#.*)?$""")


# The injection tests whose flagged string `bandit_inputs` can judge, and as what.
_INPUT_KINDS = {"B601": "shell", "B602": "shell", "B604": "shell", "B605": "shell", "B608": "sql"}


def _constant_inputs(doc: Document, issue: BanditIssue) -> bool:
    """The issue's SQL string or shell command interpolates only constants: no input reaches it."""
    from hms_policy.adapters.bandit_inputs import built_from_constants
    from hms_policy.detectors.code.pysource import parse_python

    kind = _INPUT_KINDS.get(issue.test_id)
    tree = parse_python(doc) if kind is not None else None  # memoised: the tree bandit walked
    return tree is not None and kind is not None and built_from_constants(tree, issue.line, kind)


def _operator_input(doc: Document, issue: BanditIssue) -> bool:
    """The issue's shell command interpolates only a command-line tool's own arguments."""
    from hms_policy.adapters.bandit_cli import operator_input_only
    from hms_policy.detectors.code.pysource import parse_python

    if _INPUT_KINDS.get(issue.test_id) != "shell":
        return False
    tree = parse_python(doc)
    return tree is not None and operator_input_only(tree, issue.line)


# bandit's weak-hash tests: MD5 / SHA-1 by name (B303) and through hashlib (B324)
_HASH_TESTS = frozenset(("B303", "B324"))
# identifiers a digest pseudonymises: a weak one there is reversible by brute force
_IDENTIFIER_WORDS = frozenset("ssn mrn hicn mbi aadhaar abha nhs".split())


def _hash_of_a_credential(doc: Document, line: int) -> bool:
    from hms_policy.detectors.code.credential_names import credential_name
    from hms_policy.detectors.code.phi_names import words
    from hms_policy.detectors.code.pysource import names_near

    return any(credential_name(name) or _IDENTIFIER_WORDS.intersection(words(name)) for name in names_near(doc, line))


def bandit_checks(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """The detector PY rules name as `hms.python.bandit`.

    params:
      tests            bandit test ids this rule reports (B105, B602, ...)
      min_confidence   LOW | MEDIUM | HIGH: drop issues bandit is less sure of (default LOW)
      min_severity     LOW | MEDIUM | HIGH: drop issues bandit rates lower (default LOW)
      mask_strings     mask every string literal in the snippet (for hard-coded secrets)
      weak_hashes_of_credentials_only  report MD5 / SHA-1 (B303, B324) only where the statement
                       or its function names a credential or a patient identifier
      skip_constant_inputs  drop injection issues (B601, B602, B604, B605, B608) whose string
                       interpolates only provably constant values (`bandit_inputs`)
      command_line_max_severity  cap (a Severity name) for shell issues whose command
                       interpolates only a command-line tool's own arguments (`bandit_cli`);
                       such matches carry extra.input = "command-line"
      shared_tests     the tests of every active rule sharing the walk (set by the engine,
                       `engine/shared_walks.py`); without it, every mapped test may run
    """
    from hms_policy.detectors.code.pysource import in_test_case, scope_at, string_spans

    wanted = {str(t).upper() for t in params.get("tests") or ()}
    min_confidence = rank(str(params.get("min_confidence", "LOW")))
    min_severity = rank(str(params.get("min_severity", "LOW")))
    mask = bool(params.get("mask_strings"))
    skip_constant = bool(params.get("skip_constant_inputs"))
    hashes_for_credentials = bool(params.get("weak_hashes_of_credentials_only"))
    cli_cap = Severity.parse(params["command_line_max_severity"]) if params.get("command_line_max_severity") else None
    if wanted <= _PASSWORD_TESTS and not doc.memo(CANDIDATE_MEMO_KEY, lambda: may_hold_candidate(doc.text)):
        return  # PY010 (the secrets hook's only Python rule): no name it judges, no parse
    if wanted <= _PASSWORD_TESTS:
        # Only our own judgement runs (`bandit_passwords`), walking just the statements that
        # hold a candidate name: `triggered_in`'s module-wide tree check would cost more.
        from hms_policy.detectors.code.pysource import parse_python

        selection: frozenset[str] | None = frozenset(wanted)  # a candidate holds their trigger words
        if parse_python(doc) is None:
            return  # the syntax error is recorded by the parse, as when bandit runs
    elif wanted.issubset(TRIGGERS):
        # Only the tests whose triggers the source holds run, and none when the rule's don't.
        from hms_policy.detectors.code.pysource import parse_python

        # The tests of every active rule this walk serves (engine/shared_walks.py). B105-B107
        # are judged here only for a rule that also maps other tests (PY010 has its own path).
        shared = frozenset(str(t).upper() for t in params.get("shared_tests") or ()) | wanted
        considered = (shared if shared <= TRIGGERS.keys() else frozenset(TRIGGERS)) - (_PASSWORD_TESTS - wanted)
        triggered: frozenset[str] = doc.memo(
            f"{TRIGGERED_MEMO_KEY}:{','.join(sorted(considered))}", lambda: triggered_in(doc.text, parse_python(doc), considered)
        )
        if not wanted & triggered:
            parse_python(doc)  # a syntax error is still reported, as when bandit runs
            return
        selection = triggered
    else:
        selection = None  # a test id without known triggers (a custom rule's): all tests
    try:
        if selection is None:
            issues = bandit_issues(doc, None)
        else:
            # B105-B107 without bandit (the secrets hook never loads it); the other tests
            # from one bandit walk per document, shared by every PY rule
            issues = own_password_issues(doc, selection & _PASSWORD_TESTS) if wanted & selection & _PASSWORD_TESTS else []
            rest = selection - _PASSWORD_TESTS
            if wanted & rest:
                issues = [*bandit_issues(doc, rest), *issues]
    except BanditUnavailable as exc:
        raise DetectorUnavailable(str(exc)) from None
    for issue in issues:
        if issue.test_id not in wanted or rank(issue.confidence) < min_confidence or rank(issue.severity) < min_severity:
            continue
        if skip_constant and _constant_inputs(doc, issue):
            continue
        if hashes_for_credentials and issue.test_id in _HASH_TESTS and not _hash_of_a_credential(doc, issue.line):
            continue  # an ETag, a cache key, a file checksum, a Gravatar URL: no security use
        # The issue's own line: bandit's line range for some tests is a whole function.
        end = issue.line
        redactions: tuple[Redaction, ...] = ()
        if mask:
            spans = string_spans(doc, issue.line)
            line_text = doc.line(issue.line)
            if spans and (all(_placeholder(line_text[a:b]) for a, b in spans) or _named_as_metadata(line_text)):
                continue  # `password_field = "password"`, `token = "<token>"`: not a credential
            if issue.test_id in _PASSWORD_TESTS and (_in_test_inputs(doc, issue.line) or in_test_case(doc, issue.line)):
                continue  # `TEST_CASES = {"verify": {"token": "..."}}`, a TestCase's login: a test suite's inputs
            redactions = tuple(Redaction(issue.line, a, b, "secret") for a, b in spans)
        extra: dict[str, Any] = {"bandit_test": issue.test_id, "bandit_severity": issue.severity.lower()}
        if issue.nosec is not None:
            extra["nosec"] = issue.nosec
        cap = None
        if cli_cap is not None and _operator_input(doc, issue):
            cap = cli_cap  # the operator's own arguments, not remote input
            extra["input"] = "command-line"
        yield Match(
            LineSpan(issue.line, end),
            key=f"{issue.test_id}:{scope_at(doc, issue.line)}",
            redactions=redactions,
            confidence=_CONFIDENCE.get(issue.confidence.upper()),
            context={"test_id": issue.test_id, "test_name": issue.test_name},
            extra=extra,
            max_severity=cap,
        )
