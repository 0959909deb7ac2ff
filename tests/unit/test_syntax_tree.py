"""The tree-sitter layer for Java and JavaScript/TypeScript: the grammar each file gets, the
judgement helpers, and what a document without a tree reports (never a silent skip)."""

from __future__ import annotations

import sys

import pytest

from hms_policy.detectors.code import syntax_tree
from hms_policy.detectors.code.tree_command import command_from_request
from hms_policy.detectors.code.tree_sql import sql_from_strings
from hms_policy.detectors.code.tree_values import is_constant, is_request_input
from hms_policy.model import TargetKind
from hms_policy.targets.document import MAX_LINE_CHARS, Document, SourceFile
from hms_policy.targets.parsers import parser_for


def _doc(path: str, text: str) -> Document:
    kind = TargetKind.JAVA if path.endswith(".java") else TargetKind.JAVASCRIPT
    data = text.encode()
    return Document(SourceFile(path, kind, len(data), "0" * 64, data), parser_for(kind, path))


@pytest.mark.parametrize(
    ("path", "dialect"),
    [("A.java", "java"), ("a.js", "javascript"), ("a.jsx", "javascript"), ("a.ts", "typescript"), ("a.tsx", "tsx"), ("a.mts", "typescript")],
)
def test_each_file_gets_its_grammar(path: str, dialect: str) -> None:
    doc = _doc(path, "x;\n")
    assert syntax_tree.dialect(doc) == dialect
    assert syntax_tree.document_tree(doc) is not None


def test_typescript_syntax_parses_without_errors() -> None:
    doc = _doc("a.ts", "export async function f(req: Request): Promise<void> { const q = `SELECT * FROM t WHERE a = ${req.query.a as string}`; await pool.query(q); }\n")
    root = syntax_tree.document_tree(doc)
    assert root is not None and not root.has_error
    assert [m.span.start for m in sql_from_strings(doc, {})] == [1]


def test_tsx_file_with_jsx_parses() -> None:
    doc = _doc("a.tsx", "export const A = (p: {id: string}) => <div onClick={() => db.query('SELECT 1 FROM t WHERE id = ' + p.id)}>x</div>;\n")
    root = syntax_tree.document_tree(doc)
    assert root is not None and not root.has_error
    assert len(list(sql_from_strings(doc, {}))) == 1


def test_a_missing_grammar_is_a_scan_error(monkeypatch: pytest.MonkeyPatch) -> None:
    syntax_tree.language.cache_clear()
    monkeypatch.setitem(sys.modules, "tree_sitter_java", None)  # import now raises ImportError
    try:
        doc = _doc("A.java", "class A {}\n")
        assert list(sql_from_strings(doc, {})) == []
        assert [e.reason for e in doc.errors] == ["parser-missing"]
        assert "tree-sitter java grammar" in doc.errors[0].message
    finally:
        syntax_tree.language.cache_clear()


def test_minified_code_is_reported_once() -> None:
    doc = _doc("app.min.js", "var a=" + "1+" * (MAX_LINE_CHARS // 2) + "1;\n")
    assert list(sql_from_strings(doc, {})) == []
    assert list(command_from_request(doc, {})) == []
    assert [e.reason for e in doc.errors] == ["minified"]


def _first_call_argument(doc: Document) -> tuple[object, object]:
    _, calls = syntax_tree.document_calls(doc)
    call = next(c for c in calls if syntax_tree.text(syntax_tree.call_parts(c)[0]) == "g")
    _, args = syntax_tree.call_parts(call)
    return args.named_children[0], syntax_tree.enclosing_function(call)


@pytest.mark.parametrize(
    ("expression", "constant"),
    [('"a" + "b"', True), ("TABLE + \"x\"", True), ("`a ${LIMIT}`", True), ("x + 1", False), ("`a ${x}`", False), ("cond ? 'a' : 'b'", True), ("f()", False)],
)
def test_constants(expression: str, constant: bool) -> None:
    doc = _doc("a.js", f"function f(x, cond) {{ g({expression}); }}\n")
    arg, scope = _first_call_argument(doc)
    assert is_constant(arg, scope) is constant


def test_locals_are_followed_to_their_values() -> None:
    doc = _doc("a.js", "function f() { const a = 'x'; let b = A_CONST; b += 'y'; g(a + b); }\n")
    arg, scope = _first_call_argument(doc)
    assert is_constant(arg, scope)


@pytest.mark.parametrize(
    ("source", "tainted"),
    [
        ("(req, res) => { const { file } = req.query; g(file); }", True),
        ("(req, res) => { const p = req.params.id; g(`x ${p}`); }", True),
        ("(ctx) => { g(ctx.request.body.cmd); }", True),
        ("(req, res) => { g(req.app.locals.x); }", False),
        ("(req, res) => { g(this.req.query); }", False),
    ],
)
def test_request_input_in_javascript(source: str, tainted: bool) -> None:
    doc = _doc("a.js", source + "\n")
    arg, scope = _first_call_argument(doc)
    assert is_request_input(arg, scope) is tainted


def test_request_parameters_in_java() -> None:
    doc = _doc(
        "A.java",
        "class A { void f(@RequestParam String q, String plain, HttpServletRequest request) { String h = request.getHeader(\"x\"); g(q); g(plain); g(h); } }\n",
    )
    _, calls = syntax_tree.document_calls(doc)
    judged = [is_request_input(syntax_tree.call_parts(c)[1], syntax_tree.enclosing_function(c)) for c in calls if syntax_tree.text(syntax_tree.call_parts(c)[0]) == "g"]
    assert judged == [True, False, True]


def test_a_very_large_file_gets_no_tree_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(syntax_tree, "MAX_TREE_CHARS", 100)
    doc = _doc("bundle.js", "db.query('SELECT * FROM t WHERE a = ' + x);\n" * 5)
    assert list(sql_from_strings(doc, {})) == []
    assert [e.reason for e in doc.errors] == ["too-large"]
