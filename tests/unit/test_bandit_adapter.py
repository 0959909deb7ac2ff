"""bandit through its API: one run per document, nosec kept visible, nothing raw passed on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import hms_policy
from hms_policy.report.formats import FORMATS, render

PASSWORD = "Pl4inText-Ward-Secret"
SOURCE = f'''import subprocess, hashlib, yaml, requests

DB_PASSWORD = "{PASSWORD}"


def run(cmd, data):
    subprocess.call(cmd, shell=True)  # nosec B602 - cmd is a constant from config, reviewed in SEC-12
    subprocess.call(cmd, shell=True)  # nosec B607
    token_digest = hashlib.md5(data).hexdigest()  # nosec
    requests.get("https://fhir.example.org", verify=False, timeout=5)  # hms-policy: ignore[PY011] reason="test double"
    return yaml.load(data), token_digest
'''


def _scan(tmp_path: Path, text: str = SOURCE):
    (tmp_path / "svc.py").write_text(text)
    return hms_policy.scan([tmp_path], jobs=1, read_project_settings=False, cache=False, preview=True)  # PY015/PY016 are preview rules


def test_rules_map_bandit_test_ids(tmp_path: Path) -> None:
    report = _scan(tmp_path)
    found = {(f.rule_id, f.line, f.extra.get("bandit_test")) for f in report.findings if f.rule_id.startswith("PY0") and f.rule_id >= "PY010"}
    assert found == {
        ("PY010", 3, "B105"),
        ("PY015", 7, "B602"),
        ("PY015", 8, "B602"),
        ("PY013", 9, "B324"),
        ("PY011", 10, "B501"),
        ("PY014", 11, "B506"),
    }
    categories = {f.rule_id: f.category.value for f in report.findings}
    assert categories["PY010"] == "secret" and categories["PY011"] == "insecure-transport" and categories["PY013"] == "insecure-code"


def test_nosec_is_honoured_but_stays_visible(tmp_path: Path) -> None:
    report = _scan(tmp_path)
    by_line = {f.line: f for f in report.findings if f.rule_id in ("PY011", "PY013", "PY015")}
    reviewed = by_line[7]
    assert reviewed.suppressed and reviewed.suppression.kind == "nosec"
    assert "SEC-12" in reviewed.suppression.reason and "nosec" not in reviewed.extra
    # `# nosec B607` names another test: the B602 issue on that line stands.
    assert not by_line[8].suppressed
    # A bare nosec silences every bandit test on the line.
    assert by_line[9].suppressed and by_line[9].suppression.kind == "nosec"
    # hms-policy's own directive applies to bandit-backed rules too, with its reason.
    assert by_line[10].suppressed and by_line[10].suppression.kind == "inline" and by_line[10].suppression.reason == "test double"
    assert report.summary.suppressed >= 3


def test_the_password_never_leaves_the_adapter(tmp_path: Path) -> None:
    report = _scan(tmp_path)
    (finding,) = [f for f in report.findings if f.rule_id == "PY010"]
    assert PASSWORD not in finding.snippet and "********" in finding.snippet
    for name in FORMATS:
        assert PASSWORD not in render(report, name)


def test_one_bandit_run_per_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bandit.core import node_visitor

    calls: list[str] = []
    original = node_visitor.BanditNodeVisitor.__init__

    def counting(self, fname, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        calls.append(fname)  # one visitor per bandit run (it walks the parsed tree or parses)
        return original(self, fname, *args, **kwargs)

    monkeypatch.setattr(node_visitor.BanditNodeVisitor, "__init__", counting)
    (tmp_path / "other.py").write_text("import os\nos.system(input())\n")
    _scan(tmp_path)
    assert sorted(calls) == ["other.py", "svc.py"]  # eight PY rules, one run each file


def test_invalid_python_is_one_error_and_no_crash(tmp_path: Path) -> None:
    report = _scan(tmp_path, "def broken(:\n    password = 'x'\n")
    errors = [e for e in report.errors if e.path == "svc.py"]
    assert len(errors) == 1 and errors[0].reason == "parse" and "line 1" in errors[0].message
    assert not [f for f in report.findings if f.rule_id.startswith("PY")]


def test_placeholders_are_not_credentials(tmp_path: Path) -> None:
    text = 'password_field = "password"\nTOKEN = "<token>"\nsecret = "${SECRET}"\npassword = "changeme"\napi_key_name = "api_key"\n'
    report = _scan(tmp_path, text)
    assert not [f for f in report.findings if f.rule_id == "PY010"]


def test_bandit_is_imported_lazily() -> None:
    code = (
        "import sys, hms_policy, tempfile, pathlib\n"
        "d = pathlib.Path(tempfile.mkdtemp()); (d / 'main.tf').write_text('')\n"
        "hms_policy.scan([d], jobs=1, read_project_settings=False)\n"
        "print('bandit' in sys.modules, 'pip_audit' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_bandit_api_contract() -> None:
    """The bandit names the adapter relies on (a failing test, not a failing scan)."""
    import inspect

    from bandit.core import meta_ast, metrics, node_visitor, test_set
    from bandit.core.manager import _parse_nosec_comment

    assert _parse_nosec_comment("# nosec B602, B607") == {"B602", "B607"}
    assert _parse_nosec_comment("# nosec") == set()
    assert list(inspect.signature(node_visitor.BanditNodeVisitor).parameters) == ["fname", "fdata", "metaast", "testset", "debug", "nosec_lines", "metrics"]
    assert callable(test_set.BanditTestSet) and callable(meta_ast.BanditMetaAst) and callable(metrics.Metrics)


def test_ruff_noqa_for_a_bandit_code_is_a_recorded_decision(tmp_path: Path) -> None:
    text = (
        "import hashlib\n\n\n"
        "def password_digests(path, data):\n"
        "    tag = hashlib.md5(path.encode()).hexdigest()  # noqa: S324 - an id, not a security use\n"
        "    other = hashlib.md5(data).hexdigest()  # noqa: E501\n"
        "    return tag, other\n"
    )
    by_line = {f.line: f for f in _scan(tmp_path, text).findings if f.rule_id == "PY013"}
    assert by_line[5].suppressed and by_line[5].suppression.kind == "nosec" and "S324" in by_line[5].suppression.reason
    assert not by_line[6].suppressed  # a noqa for another linter's code decides nothing here


def test_secrets_hook_judges_passwords_without_bandit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--category secret` runs PY010 only: B105-B107 come from `bandit_passwords`, and
    bandit's walk (its plugin manager, its test set) is never built."""
    from hms_policy.adapters import bandit as adapter

    def refuse(*args: object) -> None:
        raise AssertionError("bandit's test set was loaded")

    monkeypatch.setattr(adapter, "_testset", refuse)
    (tmp_path / "svc.py").write_text('import subprocess\nDB_PASSWORD = "Wint3r-Ward-77!"\nsubprocess.call(c, shell=True)\n')
    report = hms_policy.scan([tmp_path], jobs=1, read_project_settings=False, cache=False, categories="secret")
    assert [(f.rule_id, f.line) for f in report.findings if f.rule_id == "PY010"] == [("PY010", 2)]
