"""Java and JavaScript/TypeScript source as a tree-sitter concrete syntax tree, parsed once per
document and shared by every rule that reads it.

The grammars are the tree-sitter-java / -javascript / -typescript wheels, imported on first
use so a scan (or a pre-commit hook) that reads no Java or JavaScript never loads them.
Rules ask questions with tree-sitter queries (`captures`) and judge the captured nodes in
Python. This is the seam the older token rules (`clike.py`) can move onto, one at a time.

When a grammar is missing (a minimal install) or the file is minified, the document gets one
entry in the scan's errors and the tree rules yield nothing: never a silent skip.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from hms_policy.detectors.code.clike import document_tokens
from hms_policy.model import ScanError, TargetKind
from hms_policy.targets.document import Document

JAVA, JAVASCRIPT, TYPESCRIPT, TSX = "java", "javascript", "typescript", "tsx"
MAX_TREE_CHARS = 1_000_000


def dialect(doc: Document) -> str:
    """Which grammar reads this document."""
    if doc.kind is TargetKind.JAVA:
        return JAVA
    path = doc.path.lower()
    if path.endswith((".tsx",)):
        return TSX
    if path.endswith((".ts", ".mts", ".cts")):
        return TYPESCRIPT
    return JAVASCRIPT


@lru_cache(maxsize=None)
def language(name: str) -> Any:
    import tree_sitter

    if name == JAVA:
        import tree_sitter_java as grammar

        return tree_sitter.Language(grammar.language())
    if name in (TYPESCRIPT, TSX):
        import tree_sitter_typescript as ts_grammar

        return tree_sitter.Language(ts_grammar.language_tsx() if name == TSX else ts_grammar.language_typescript())
    import tree_sitter_javascript as js_grammar

    return tree_sitter.Language(js_grammar.language())


@lru_cache(maxsize=None)
def _query(name: str, source: str) -> Any:
    import tree_sitter

    return tree_sitter.Query(language(name), source)


def captures(name: str, source: str, node: Any) -> dict[str, list[Any]]:
    """Nodes captured by the query `source` under `node`, by capture name, in source order (py-tree-sitter
    0.23 and 0.24 run a query directly, 0.25 and later through a QueryCursor)."""
    import tree_sitter

    query = _query(name, source)
    cursor_type = getattr(tree_sitter, "QueryCursor", None)
    found = cursor_type(query).captures(node) if cursor_type is not None else query.captures(node)
    # Source order, whichever order the binding returns them in.
    return {name: sorted(nodes, key=lambda n: n.start_byte) for name, nodes in dict(found).items()}


def document_tree(doc: Document) -> Any | None:
    """The document's root node, or None (grammar missing, minified code): then the reason is
    in the document's errors once."""
    from hms_policy.targets.document import MAX_LINE_CHARS

    def compute() -> Any | None:
        name = dialect(doc)
        try:
            import tree_sitter
        except ImportError:
            doc.errors.append(ScanError(doc.path, "tree-sitter is not installed: syntax-tree rules skipped", "parser-missing"))
            return None
        try:
            lang = language(name)
        except ImportError:
            doc.errors.append(ScanError(doc.path, f"the tree-sitter {name} grammar is not installed: syntax-tree rules skipped", "parser-missing"))
            return None
        longest = max((len(line) for line in doc.lines), default=0)
        if longest > MAX_LINE_CHARS:
            # One error entry per file, shared with the token rules (which check the same way).
            document_tokens(doc, javascript=name != JAVA)
            return None
        if len(doc.text) > MAX_TREE_CHARS:
            # A syntax tree costs about 40 bytes of memory per source byte: a multi-megabyte
            # bundle or test suite would multiply the scan's peak memory for code nobody writes
            # by hand. Said once in the errors; the token and text rules still read the file.
            doc.errors.append(
                ScanError(doc.path, f"{len(doc.text) // 1000:,} KB of source (limit {MAX_TREE_CHARS // 1000:,} KB): syntax-tree rules skipped, token and text rules ran", "too-large")
            )
            return None
        return tree_sitter.Parser(lang).parse(doc.text.encode("utf-8", "surrogatepass")).root_node

    return doc.memo("syntax-tree", compute)


def text(node: Any) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text is not None else ""


def line(node: Any) -> int:
    """1-based line of the node's start."""
    return int(node.start_point[0]) + 1


def walk(node: Any, limit: int = 20000) -> Iterator[Any]:
    """`node` and its descendants, depth first, at most `limit` of them."""
    stack = [node]
    seen = 0
    while stack and seen < limit:
        current = stack.pop()
        seen += 1
        yield current
        stack.extend(reversed(current.named_children))


_FUNCTIONS = frozenset(
    """method_declaration constructor_declaration lambda_expression function_declaration
    function_expression function arrow_function method_definition generator_function_declaration
    generator_function""".split()
)


def enclosing_function(node: Any) -> Any:
    """The nearest function, method or lambda around `node`; the file's root outside any."""
    current = node.parent
    while current is not None:
        if current.type in _FUNCTIONS:
            return current
        if current.parent is None:
            return current
        current = current.parent
    return node


def function_name(func: Any) -> str:
    """A function's own name, or the name it is bound to (`const hashPassword = (p) => ...`)."""
    name = func.child_by_field_name("name")
    if name is not None:
        return text(name)
    parent = func.parent
    if parent is not None and parent.type in ("variable_declarator", "pair", "assignment_expression", "public_field_definition"):
        target = parent.child_by_field_name("name") or parent.child_by_field_name("key") or parent.child_by_field_name("left")
        return text(target)
    return ""


def call_parts(call: Any) -> tuple[Any | None, Any | None]:
    """(the called name's node, the argument list) of a Java method invocation or a
    JavaScript call: `stmt.executeQuery(sql)` -> (executeQuery, (sql)); `exec(cmd)` -> (exec, (cmd))."""
    if call.type == "method_invocation":
        return call.child_by_field_name("name"), call.child_by_field_name("arguments")
    callee = call.child_by_field_name("function")
    if callee is not None and callee.type == "member_expression":
        callee = callee.child_by_field_name("property")
    return callee, call.child_by_field_name("arguments")


def document_calls(doc: Document, *, constructors: bool = False) -> tuple[bool, list[Any]]:
    """(is Java, every call in the document in source order): Java method invocations (and
    `new X(...)` with `constructors`), JavaScript/TypeScript call expressions. [] when the
    document has no tree."""
    root = document_tree(doc)
    lang = dialect(doc)
    java = lang == JAVA
    if root is None:
        return java, []
    if java:
        query = "[(method_invocation) (object_creation_expression)] @call" if constructors else "(method_invocation) @call"
    else:
        query = "(call_expression) @call"
    return java, captures(lang, query, root).get("call", [])


def scope_key(node: Any) -> str:
    """The name of the function around `node` (`""` at the top level): a finding's identity
    that survives edits elsewhere in the file, unlike a line number or an occurrence count."""
    func = enclosing_function(node)
    return function_name(func) if func.parent is not None else ""
