"""The bandit trigger prefilter is sound: with it, the PY rules' bandit issues are exactly
those of a run of every bandit test, on the PY fixtures and on generated Python."""

from __future__ import annotations

import random
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("bandit")

import ast  # noqa: E402

from hms_policy.adapters.bandit import TRIGGERS, _run, selected_issues, triggered_in  # noqa: E402
from hms_policy.adapters.bandit_passwords import may_hold_candidate  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "rules"
RULES = Path(__file__).resolve().parents[2] / "rules" / "python"

# Code that fires each mapped test, in the usual and the awkward spellings (aliases,
# implicit concatenation, f-strings, `+` chains, string escapes, non-ASCII names).
SNIPPETS = [
    "exec(code)",
    'password = "Wint3r!22"',
    'd = {"pass" "wd": "x1y2z3q9"}',
    'cfg["sec" "ret"] = "abc123zz"',
    'if token == "abcd1234":\n    pass',
    'class C:\n    def f(self):\n        self.pwd = "hunter22"',
    'connect(password="hunter22")',
    'def login(user, passwd="hunter22"):\n    pass',
    "from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)",
    "import pickle as p\np.loads(b)",
    "from dill import loads as L\nL(b)",
    "import pandas\npandas.read_pickle(f)",
    "import shelve\nshelve.open(f)",
    "import marshal\nmarshal.loads(b)",
    "from Crypto.Hash import MD5\nMD5.new()",
    "from cryptography.hazmat.primitives import hashes\nhashes.MD5()",
    "from Crypto.Cipher import DES\nDES.new(k)",
    "from cryptography.hazmat.primitives.ciphers import modes\nmodes.ECB()",
    "eval(expr)",
    "import telnetlib\ntelnetlib.Telnet(h)",
    "import ftplib\nftplib.FTP(h)",
    "import ssl\nssl._create_unverified_context()",
    "import hashlib\nhashlib.md5(b)",
    'import hashlib\nhashlib.new("md5")',
    "import crypt\ncrypt.crypt(w, crypt.METHOD_MD5)",
    "import Crypto.Cipher",
    "import pickle, Crypto.Cipher",
    '__import__("Cry" "pto.Cipher")',
    "import requests\nrequests.get(u, verify=False)",
    "import httpx\nhttpx.Client(verify=False)",
    "import ssl\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_SSLv3)",
    "foo(method=SSL.TLSv1_METHOD)",
    "def f(v=ssl.PROTOCOL_TLSv1):\n    pass",
    "import ssl\nssl.wrap_socket(s)",
    "from cryptography.hazmat.primitives.asymmetric import rsa\nrsa.generate_private_key(65537, 1024)",
    "from Crypto.PublicKey import RSA\nRSA.generate(512)",
    "import yaml\nyaml.load(t)",
    "import paramiko\nc.set_missing_host_key_policy(paramiko.AutoAddPolicy())",
    "import paramiko\nc.exec_command(cmd)",
    "import subprocess\nsubprocess.Popen(cmd, shell=True)",
    "run_it(cmd, shell=True)",
    "import os\nos.system(cmd)",
    "import os\nos.popen(cmd)",
    "import commands\ncommands.getoutput(c)",
    'cur.execute("SELECT * FROM t WHERE id=%s" % x)',
    "q = \"SEL\" \"ECT a FR\" \"OM t WHERE b='\" + x + \"'\"",
    'q = f"DELETE FROM t WHERE id={x}"',
    'q = f"DEL{x}ETE FROM t WHERE id={x}"',
    'q = "UPDATE t SET a={}".format(x)',
    'q = "INSERT INTO t VALUES (" + v + ")"',
    'import os\nos.system("tar cf x.tar *")',
    'import subprocess\nsubprocess.call("chmod 777 *", shell=True)',
    "User.objects.extra(where=[w])",
    "from django.db.models.expressions import RawSQL\nRawSQL(s)",
    "import torch\ntorch.load(f)",
    'x = {"p\\x61ss": "hunter22"}',
    '\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44 = "hunter22"',
    'password_hash = Column(String(128))',
    'cfg = {"db_pass": 1234}',
    'cfg = {"api_token": "a1b2c3d4e5"}',
    'settings["auth_token"] = "a1b2c3d4e5"',
    'obj.secret_key = "a1b2c3d4e5"',
    'if user.password == "letmein1":\n    pass',
    'async def login(user, pwd="hunter22"):\n    pass',
    'def login(user, *, passwd="hunter22"):\n    pass',
    'x: str = "hunter22"\npassword: str = "hunter22"',
    'token_url = "https://example.org/oauth/token"',
    'cfg = {"sec\\\nret_key": "a1b2c3d4e5"}',
    'cur.execute("SEL\\\nECT * FROM t WHERE id=%s" % x)',
    # statement pruning (`bandit_prune`): aliases bound far from their use, imports inside
    # functions, decorators, headers, every kind of block, several statements on a line
    "import pickle as p\n\ndef load(b):\n    if b:\n        return p.loads(b)",
    "def setup():\n    import subprocess as sp\n\ndef run(c):\n    sp.Popen(c, shell=True)",
    "from os import system as run_cmd\nclass A:\n    def f(self, c):\n        for x in c:\n            run_cmd(x)",
    "from yaml import load as L\ntry:\n    pass\nexcept ValueError:\n    L(t)\nelse:\n    pass\nfinally:\n    pass",
    "import hashlib as h\nwith open(p) as f:\n    d = h.md5(f.read())",
    "import flask\napp = flask.Flask(__name__)\nif __name__ == '__main__':\n    x = 1\nelif y:\n    app.run(debug=True)",
    "@decorate(password='hunter22')\ndef f():\n    pass",
    "while eval(expr):\n    pass",
    "x = 1; eval(expr)",
    's = \"\"\"doc\nstring\"\"\"; q = "SEL" "ECT a FROM t WHERE b=" + v',
    "x = 1\f\ny = 2\nimport os\nos.system(c)",
    "x = 1\r\ny = 2\rimport os\ros.system(c)",
    "def f(a,\n      pwd='hunter22'):\n    return a",
    "class Config:\n    password = 'hunter22'\n    def g(self):\n        pass",
    "match v:\n    case 1:\n        eval(e)",
    "async def f():\n    async with s as c:\n        async for r in c:\n            exec(r)",
    # non-ASCII source: columns are UTF-8 byte offsets; a coding declaration keeps the full walk
    'import os\nmsg = "café au lait"; os.system(c)\nt = "naïve"',
    'x = "é"\nimport pickle as p\ndef f(b):\n    """Übersicht"""\n    return p.loads(b)',
    '# -*- coding: latin-1 -*-\nq = "SELECT é FROM t WHERE a=" + v',
    '# vim: set fileencoding=utf-8 :\nq = "SELECT ü FROM t WHERE a=" + v\nname = "Zoë"',
    'q = "SELECT * FROM t WHERE a=\\u00e9" + v\nprint("ß")',
    # B105-B107 judged without bandit (`bandit_passwords`): every place and its line range
    'a = password = "hunter22"',
    'd = {"password": get(), "token": "abc123zz", **other}',
    '"password"[0] = "x"\ncfg["db_token"] = other\ncfg["db_token"] = "zz9zz9zz"',
    'if password == "a1" == "b2":\n    pass\nif self.token != x == "c3":\n    pass',
    'connect(\n    user="u",\n    password=(\n        "hunter22"\n    ),\n)',
    "connect(**{'password': 'hunter22'})",
    'def f(a, /, pwd="x1", *, token="y2"):\n    pass',
    'def f(password=None, secret="", token=b"z", pass_wd="q"):\n    pass',
    'f = lambda password="hunter22": password',
    'def f():\n    """password = \'hunter22\'"""\n    return f"{password}" == "x"',
    'password = "hunter22"  # nosec',
    'password = "hunter22"  # nosec B105',
    'password = "hunter22"  # nosec B602',
    'password = "hunter22"  # nosec hardcoded_password_string',
    'password = "hunter22"  # nosec not_a_test',
    'login(\n    password="hunter22",  # nosec B106\n)',
    'def f(\n    password="hunter22",\n):  # nosec\n    return 1',
    'SECRET_KEY = "abc"\nMY_PASSWORD_HASH = "x"\nPASSWORD_TOKEN_ = "y"\nmypassword = "z"',
    # names split over implicitly joined literals, comments between them, prefixes
    'd = {"pas" "sword": "x"}',
    'd = {("db_pas"  # why\n      "swd"): "x"}',
    'cfg[r"to" u"ken"] = "x"\nif pass_word == "x":\n    pass',
    'cfg["sec\\\nret"] = "x"',
    'cfg[\'\'\'pwd\'\'\'] = "x"',
    'dbpassword = "x"\npassword2 = "y"\ntokens = "z"',
    # statements pruned by their candidate lines: decorators, joins over lines and empty parts
    '@decorate(\n    token="abc12345",\n)\ndef f():\n    pass',
    'x = 1; cfg = {"pa" "" "ss": 1}',
    'd = {\n    "pas"\n    "sword": "x"}',
    's = """doc\n"""; password = "x"',
    'if token\\\n        in "abc":\n    pass',
    'cfg = {"my db_password": "x", "a b_token_c d": "y", "pass": "z"}',
    'class A:\n    @property\n    def f(self):\n        return 1\n\n    def g(self, secret="s3cr3t"):\n        return 2',
]
CLEAN = [
    "total = a + b",
    'logger.info("done %s", n)',
    "def double(x):\n    return x * 2",
    "import logging\nlogger = logging.getLogger(__name__)",
    'rows = [r for r in rows if r.get("ward")]',
    "class Bed:\n    number: int = 0",
]


def _issues(source: str, tests: frozenset[str] | None) -> list[tuple[object, ...]]:
    """Issues of a plain bandit run (tests None), or of a selection on the parsed tree."""
    doc = SimpleNamespace(path="module.py", text=source, lines=source.splitlines())
    issues = _run(doc, None, None) if tests is None else selected_issues(doc, tests, ast.parse(source))
    return sorted((i.test_id, i.line, i.end_line, i.severity, i.confidence, i.nosec) for i in issues)


def _sources() -> list[tuple[str, str]]:
    sources = [(str(p.relative_to(FIXTURES)), p.read_text()) for p in sorted(FIXTURES.glob("PY*/**/*.py"))]
    sources += [(f"snippet {n}", s + "\n") for n, s in enumerate(SNIPPETS + CLEAN)]
    rng = random.Random(20261121)
    for n in range(120):
        parts = rng.sample(SNIPPETS, rng.randint(1, 4)) + rng.sample(CLEAN, rng.randint(0, 4))
        rng.shuffle(parts)
        sources.append((f"generated {n}", "\n".join(parts) + "\n"))
    return sources


def test_prefilter_keeps_every_mapped_issue() -> None:
    mapped = frozenset(TRIGGERS)
    skipped = 0
    for name, source in _sources():
        full = [i for i in _issues(source, None) if i[0] in mapped]
        selected = triggered_in(source, ast.parse(source))
        kept = [i for i in _issues(source, selected) if i[0] in mapped] if selected else []
        skipped += not selected
        assert kept == full, name
        if not may_hold_candidate(source):  # PY010 skips the module unparsed
            assert not [i for i in full if i[0] in ("B105", "B106", "B107")], name
    assert skipped  # clean code skips bandit


def test_every_mapped_test_has_triggers() -> None:
    import yaml

    mapped: set[str] = set()
    for path in RULES.glob("*.yaml"):
        params = (yaml.safe_load(path.read_text()).get("match") or {}).get("params") or {}
        mapped.update(str(t) for t in params.get("tests") or ())
    assert mapped and mapped <= set(TRIGGERS)


def test_blacklist_and_shell_names_hold_a_trigger() -> None:
    """Every qualified name bandit's blacklists (and its shell-injection settings) match for a
    mapped test contains one of that test's trigger words."""
    from bandit.core import extension_loader
    from bandit.plugins.injection_shell import gen_config

    for entries in extension_loader.MANAGER.blacklist.values():
        for entry in entries:
            if entry["id"] in TRIGGERS:
                for name in entry["qualnames"]:
                    assert any(w in name.lower() for w in TRIGGERS[entry["id"]]), (entry["id"], name)
    for name in gen_config("shell_injection")["shell"]:
        assert any(w in name.lower() for w in TRIGGERS["B605"]) and any(w in name.lower() for w in TRIGGERS["B609"]), name


def test_call_blacklists_never_share_a_name() -> None:
    """Calls match blacklist entries by equal names: with no name in two entries, which
    entries load cannot change what a call reports."""
    from bandit.core import extension_loader

    seen: dict[str, str] = {}
    for entry in extension_loader.MANAGER.blacklist.get("Call", []):
        for name in entry["qualnames"]:
            assert seen.setdefault(name, entry["id"]) == entry["id"], name


def test_scopes_skip_expressions_without_losing_a_definition() -> None:
    """`pysource._functions` walks statements only; a full walk finds the same definitions."""
    from hms_policy.detectors.code.pysource import _functions

    nested = (
        "import sys\nclass A:\n    def f(self):\n        if x:\n            def g():\n                pass\n"
        "        try:\n            class B:\n                pass\n        except E:\n            def h():\n                pass\n"
        "with open(p) as f:\n    async def k():\n        pass\nmatch v:\n    case 1:\n        def m():\n            return lambda: 1\n"
    )
    for source in [nested] + [p.read_text() for p in sorted(FIXTURES.glob("PY*/**/*.py"))]:
        tree = ast.parse(source)
        every = sorted((n.lineno, n.end_lineno, n.name) for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))
        assert sorted((s, e, name.rsplit(".", 1)[-1]) for s, e, name in _functions(tree)) == every


def test_bandit_walks_only_statements_that_can_fire() -> None:
    """The pruned module keeps imports, the statements a selected test can fire on and the
    blocks holding them; clean statements and functions are left out."""
    from hms_policy.adapters.bandit import _walked_part

    clean = "\n".join(f"def f{n}(x):\n    total = x + {n}\n    return total\n" for n in range(50))
    source = "import os\nimport pickle as p\n" + clean + "\nclass A:\n    def g(self, b):\n        if b:\n            return p.loads(b)\n"
    tree = ast.parse(source)
    part = _walked_part(source, tree, frozenset({"B301", "B605"}))
    kept = [type(s).__name__ for s in part.body]
    assert kept == ["Import", "Import", "ClassDef"]
    assert len(list(ast.walk(part))) < len(list(ast.walk(tree))) // 10
    assert len(tree.body) == 53  # the shared tree is untouched


def test_candidate_prefilter_is_linear_on_comment_runs() -> None:
    """Between two literals, a run of `#` and spaces once made the joining-gap pattern
    backtrack exponentially (nova has such banner comments)."""
    import time

    source = 'x = "a" ' + "# " * 60 + '\nx = 1\ny = "b"\n'
    start = time.process_time()
    may_hold_candidate(source)
    assert time.process_time() - start < 0.5


def test_pruned_password_walk_finds_what_the_full_walk_finds() -> None:
    """B105-B107 walk only the statements on a candidate line (`candidate_lines`)."""
    from hms_policy.adapters.bandit_passwords import candidate_lines, password_issues

    for name, source in _sources():
        tree = ast.parse(source)
        assert password_issues(tree, lines=candidate_lines(source)) == password_issues(tree), name


def test_candidate_pattern_is_the_plain_one() -> None:
    """`_CANDIDATE_CODE` is spelled for speed; it finds what the plain pattern finds."""
    import re

    from hms_policy.adapters.bandit_passwords import _CANDIDATE_CODE

    plain = re.compile(r"(?<![a-z0-9])(?:pas+wo?r?d|passphrase|pwd|token|secrete?)(?![a-z0-9])|(?<=_)pass(?![a-z0-9])|(?<![a-z0-9])pass(?=_)")
    rng = random.Random(7)
    letters = "pastwordhkencr_ 1\"'x"
    for _ in range(20000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(1, 14)))
        assert [m.span() for m in _CANDIDATE_CODE.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_rules_report_the_same_whatever_the_walk_shares() -> None:
    """Each PY rule's matches with `shared_tests` (the union of the active rules' tests, as
    engine/shared_walks.py sets it) equal its matches when every mapped test may run."""
    import yaml

    from hms_policy.adapters.bandit import bandit_checks
    from hms_policy.model import TargetKind
    from hms_policy.targets.document import Document, SourceFile

    rules = []
    for path in sorted(RULES.glob("*.yaml")):
        match = yaml.safe_load(path.read_text()).get("match") or {}
        if match.get("detector") == "hms.python.bandit":
            rules.append(match.get("params") or {})
    default_on = sorted({str(t) for p in rules for t in p["tests"]} - {"B601", "B602", "B604", "B605", "B608", "B609", "B610", "B611"})

    def matches(source: str, params: dict) -> list[tuple[int, str]]:
        data = source.encode()
        doc = Document(SourceFile("m.py", TargetKind.PYTHON, len(data), "", data))
        return [(m.span.start, m.extra["bandit_test"]) for m in bandit_checks(doc, params)]

    reported = 0
    for name, source in _sources():
        for params in rules:
            alone = matches(source, params)
            assert matches(source, {**params, "shared_tests": default_on}) == alone, name
            reported += len(alone)
    assert reported > 50


def test_share_walks_gives_each_rule_the_union() -> None:
    from hms_policy.api import active_rules, load_catalogue
    from hms_policy.engine.shared_walks import share_walks

    active = share_walks(active_rules(load_catalogue(["hipaa"]), disable=(), preview=False))
    bandit = [a for a in active if a.match.get("detector") == "hms.python.bandit"]
    union = sorted({str(t) for a in bandit for t in a.match["params"]["tests"]})
    assert bandit and all(a.match["params"]["shared_tests"] == union for a in bandit)
    assert "B608" not in union  # PY016 is a preview rule: off by default
    others = [a for a in active if a.match.get("detector") != "hms.python.bandit"]
    assert all("shared_tests" not in (a.match.get("params") or {}) for a in others)
