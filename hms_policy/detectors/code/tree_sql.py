"""SQL assembled from strings and handed to a query API, in Java and JavaScript/TypeScript.

A query call (JDBC `executeQuery` / `prepareStatement` / ..., JPA `createQuery` /
`createNativeQuery`, Spring `JdbcTemplate`; node drivers' `query` / `execute`, knex and
Sequelize `raw`, Prisma's `$queryRawUnsafe`) is reported when its SQL argument is built from
SQL text and a part that is not constant: `+` concatenation, a template literal with a `${}`,
`String.format` / `.formatted`, a StringBuilder with such an append, or a local name assigned
any of these in the same function. Constant parts (literals, UPPER_CASE constants, locals
bound only to those) and bind parameters (`?`, `:name`, `$1` with a value list) are fine, and
a tagged template (`sql\\`...${id}\\``, Prisma's `$queryRaw\\`\\``) is parameterised by its tag.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.code.phi_names import words
from hms_policy.detectors.code.syntax_tree import call_parts, document_calls, line, scope_key, text
from hms_policy.detectors.code.tree_values import (
    assigned_values,
    element_sources,
    is_constant,
    is_scalar,
    literal_text,
    private_parameter_arguments,
    scope_of,
    string_pieces,
    unwrap,
    walk,
)
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_JAVA_SINKS = frozenset(
    """executeQuery executeUpdate executeLargeUpdate execute addBatch prepareStatement prepareCall
    createQuery createNativeQuery createSQLQuery queryForObject queryForList queryForMap
    queryForRowSet queryForLong queryForInt queryForStream query update batchUpdate""".split()
)
_JS_SINKS = frozenset("query execute exec raw unsafe $queryRawUnsafe $executeRawUnsafe queryRaw whereRaw havingRaw orderByRaw joinRaw".split())
_SQL = re.compile(
    r"(?is)\bselect\b.{0,200}?\bfrom\b|\binsert\s+into\b|\bupdate\s+[\w.\"`\[\]]+\s+set\b|\bdelete\s+from\b"
    r"|\bwhere\b|\border\s+by\b|\bgroup\s+by\b|\bvalues\s*\(|\b(?:and|or)\s+[\w.]+\s*(?:=|like\b|in\b)|\bfrom\s+[\w.\"`]+\s*$"
)


def sql_from_strings(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    java, calls = document_calls(doc)
    seen: set[int] = set()
    for call in calls:
        name_node, args = call_parts(call)
        sink = text(name_node)
        if name_node is None or args is None or sink not in (_JAVA_SINKS if java else _JS_SINKS) or args.type == "template_string":
            continue  # a tagged template is parameterised by its tag
        if sink == "exec" and _regex_receiver(call):
            continue  # RegExp.prototype.exec
        first = next(iter(args.named_children), None)
        if first is None or (java and _in_migration(call)):
            continue
        how = _built(first, scope_of(first), java, 3)
        if how and line(name_node) not in seen:
            seen.add(line(name_node))
            yield Match(LineSpan.at(line(name_node)), key=f"{scope_key(call)}:{sink}:{how}", context={"sink": sink, "how": how})


def _built(node: Any, scope: Any, java: bool, depth: int) -> str | None:
    """How `node` builds SQL from a non-constant part, or None."""
    node = unwrap(node)
    if node is None:
        return None
    kind = node.type
    if kind == "binary_expression":
        pieces = list(string_pieces(node))
        if len(pieces) > 1 and any(_SQL.search(literal_text(p)) for p in pieces) and not all(_inert(p, scope) for p in pieces):
            return "concatenation"
        return None
    if kind == "template_string":
        substitutions = [sub.named_children[0] for sub in node.named_children if sub.type == "template_substitution" and sub.named_children]
        if _SQL.search(literal_text(node)) and not all(_inert(sub, scope) for sub in substitutions):
            return "template literal"
        return None
    if kind == "method_invocation":
        return _java_call(node, scope, depth)
    if kind == "call_expression":
        callee = node.child_by_field_name("function")
        if callee is not None and text(callee).rsplit(".", 1)[-1] in ("format", "sprintf", "vsprintf"):
            args = node.child_by_field_name("arguments")
            parts = list(args.named_children) if args is not None else []
            if parts and _SQL.search(literal_text(parts[0])) and not all(_inert(p, scope) for p in parts[1:]):
                return "format"
        return None
    if kind == "identifier" and depth > 0:
        values = assigned_values(text(node), scope)
        for value in values:
            how = _built(value, scope, java, depth - 1)
            if how:
                return how
        # `sql = "SELECT ... WHERE a = "; sql += name;` : SQL text in one assignment, a
        # non-constant part in another.
        if any(_SQL.search(literal_text(p)) for v in values for p in string_pieces(v)) and not all(_inert(v, scope) for v in values):
            return "concatenation"
    return None


def _java_call(node: Any, scope: Any, depth: int) -> str | None:
    name = text(node.child_by_field_name("name"))
    receiver = node.child_by_field_name("object")
    args = node.child_by_field_name("arguments")
    parts = list(args.named_children) if args is not None else []
    if name == "format" and receiver is not None and text(receiver) == "String" and parts:
        if _SQL.search(literal_text(parts[0])) and not all(_inert(p, scope) for p in parts[1:]):
            return "String.format"
    if name == "formatted" and receiver is not None and _SQL.search(literal_text(receiver)):
        if not all(_inert(p, scope) for p in parts):
            return "String.formatted"
    if name == "toString" and receiver is not None and unwrap(receiver).type == "identifier" and depth > 0:
        return _builder(text(receiver), scope)
    return None


def _builder(name: str, scope: Any) -> str | None:
    """A StringBuilder/StringBuffer `name` given SQL text and a non-constant part."""
    pieces: list[Any] = []
    for value in assigned_values(name, scope):
        value = unwrap(value)
        if value is not None and value.type == "object_creation_expression":
            ctor_args = value.child_by_field_name("arguments")
            pieces.extend(ctor_args.named_children if ctor_args is not None else [])
    for call in walk(scope):
        if call.type != "method_invocation" or text(call.child_by_field_name("name")) != "append":
            continue
        receiver = call.child_by_field_name("object")
        # `sb.append(a).append(b)`: the chain's innermost receiver is the builder.
        while receiver is not None and receiver.type == "method_invocation":
            receiver = receiver.child_by_field_name("object")
        if receiver is None or text(receiver) != name:
            continue
        call_args = call.child_by_field_name("arguments")
        pieces.extend(p for a in (call_args.named_children if call_args is not None else []) for p in string_pieces(a))
    if any(_SQL.search(literal_text(p)) for p in pieces) and not all(_inert(p, scope) for p in pieces):
        return "StringBuilder"
    return None


# Schema migrations run at deployment with parameters from the committed changelog (Liquibase
# custom changes, Flyway Java migrations): their SQL names the tables they migrate.
_MIGRATION_TYPES = frozenset("CustomTaskChange CustomSqlChange CustomChange AbstractChange BaseJavaMigration JavaMigration".split())


def _in_migration(node: Any) -> bool:
    current = node.parent
    while current is not None and current.type != "class_declaration":
        current = current.parent
    if current is None:
        return False
    declared = [current.child_by_field_name("superclass"), current.child_by_field_name("interfaces")]
    names = {n for part in declared if part is not None for n in re.findall(r"\w+", text(part))}
    return bool(names & _MIGRATION_TYPES)


def _regex_receiver(call: Any) -> bool:
    callee = call.child_by_field_name("function")
    receiver = callee.child_by_field_name("object") if callee is not None and callee.type == "member_expression" else None
    if receiver is None:
        return False
    return receiver.type in ("regex", "new_expression") or bool({"re", "regex", "regexp", "pattern", "rx", "matcher"} & set(words(text(receiver))))


def _inert(node: Any, scope: Any, depth: int = 3, following: frozenset[str] = frozenset()) -> bool:
    """A part that cannot carry SQL: a constant, a number, date or id list (by type or name),
    or a local built only from those (`filter = "AND id in (" + joinIds(rows) + ")"`); a local's
    own earlier value (`sql = sql + " order by x"`) is decided by its other assignments."""
    node = unwrap(node)
    if node is None or is_constant(node, scope, following=following) or is_scalar(node, scope):
        return True
    if node.type == "binary_expression":
        pieces = list(string_pieces(node))
        return len(pieces) > 1 and all(_inert(p, scope, depth, following) for p in pieces)
    if depth <= 0:
        return False
    sources = element_sources(node, scope)
    if sources is not None:  # an element of a local list filled only with inert parts
        return all(_inert(s, scope, depth - 1, following) for s in sources)
    if node.type == "identifier":
        name = text(node)
        if name in following:
            return True
        values = assigned_values(name, scope)
        if values:
            return all(_inert(v, scope, depth - 1, following | {name}) for v in values)
        arguments = private_parameter_arguments(node, scope)
        return arguments is not None and all(_inert(a, scope_of(a), depth - 1) for a in arguments)
    return False
