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
    migration_file = _MIGRATION_PATH.search(doc.path) is not None
    seen: set[int] = set()
    for call in calls:
        name_node, args = call_parts(call)
        sink = text(name_node)
        if name_node is None or args is None or sink not in (_JAVA_SINKS if java else _JS_SINKS) or args.type == "template_string":
            continue  # a tagged template is parameterised by its tag
        if sink == "exec" and _regex_receiver(call):
            continue  # RegExp.prototype.exec
        first = next(iter(args.named_children), None)
        if first is None or migration_file or (java and _in_migration(call)):
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
        if len(pieces) > 1 and any(_SQL.search(literal_text(p)) for p in pieces) and not all(_part_inert(p, scope, java) for p in pieces):
            return "concatenation"
        return None
    if kind == "template_string":
        substitutions = [sub.named_children[0] for sub in node.named_children if sub.type == "template_substitution" and sub.named_children]
        if _SQL.search(literal_text(node)) and not all(_part_inert(sub, scope, java) for sub in substitutions):
            return "template literal"
        return None
    if kind == "method_invocation":
        return _java_call(node, scope, depth)
    if kind == "call_expression":
        callee = node.child_by_field_name("function")
        if callee is not None and text(callee).rsplit(".", 1)[-1] in ("format", "sprintf", "vsprintf"):
            args = node.child_by_field_name("arguments")
            parts = list(args.named_children) if args is not None else []
            if parts and _SQL.search(literal_text(parts[0])) and not all(_part_inert(p, scope, java) for p in parts[1:]):
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
        if any(_SQL.search(literal_text(p)) for v in values for p in string_pieces(v)) and not all(_part_inert(v, scope, java) for v in values):
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


# A file of a schema-migration folder (`src/migrations/1759894448777-backfill.ts`,
# `db/migrate/`): run once by the deployment, its SQL names the tables and values it migrates.
_MIGRATION_PATH = re.compile(r"(?i)(?:^|/)(?:migrations?|db/migrate)/")


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


def _inert(node: Any, scope: Any, depth: int = 3, following: frozenset[str] = frozenset(), names: bool = False) -> bool:
    """A part that cannot carry SQL: a constant, a number, date or id list (by type or name),
    or a local built only from those (`filter = "AND id in (" + joinIds(rows) + ")"`); a local's
    own earlier value (`sql = sql + " order by x"`) is decided by its other assignments.
    names: JavaScript, where a part named for a table, column or placeholder list is an
    identifier (see _names_an_identifier)."""
    node = unwrap(node)
    if node is None or is_constant(node, scope, following=following) or is_scalar(node, scope) or (names and _names_an_identifier(node, scope)):
        return True
    if node.type == "binary_expression":
        operator = node.child_by_field_name("operator")
        if operator is not None and text(operator) in ("||", "??"):  # `map[key] || 'topic'`
            sides = (node.child_by_field_name("left"), node.child_by_field_name("right"))
            return all(_inert(side, scope, depth, following, names) for side in sides)
        pieces = list(string_pieces(node))
        return len(pieces) > 1 and all(_inert(p, scope, depth, following, names) for p in pieces)
    if node.type == "ternary_expression":  # `order === 'desc' ? 'desc' : 'asc'`
        branches = (node.child_by_field_name("consequence"), node.child_by_field_name("alternative"))
        return all(b is not None and _inert(b, scope, depth, following, names) for b in branches)
    if node.type == "template_string":  # a nested `AND ${clause}` of inert parts
        subs = [sub.named_children[0] for sub in node.named_children if sub.type == "template_substitution" and sub.named_children]
        return all(_inert(sub, scope, depth, following, names) for sub in subs)
    if node.type == "subscript_expression":  # `{ topic: 'topic', count: 'COUNT(*)' }[orderBy]`: a whitelist
        table = unwrap(node.child_by_field_name("object"))
        if table is not None and table.type == "object":
            values = [pair.child_by_field_name("value") for pair in table.named_children if pair.type == "pair"]
            return len(values) == len(table.named_children) and all(_inert(v, scope, depth, following, names) for v in values)
    if names and node.type == "call_expression" and depth > 0:
        generated = _mapped_items(node)  # `rows.map(() => '(?, ?)').join(',')`: generated placeholders
        if generated is not None:
            return _inert(generated, scope, depth - 1, following, names)
    if depth <= 0:
        return False
    sources = element_sources(node, scope)
    if sources is not None:  # an element of a local list filled only with inert parts
        return all(_inert(s, scope, depth - 1, following, names) for s in sources)
    if node.type == "identifier":
        name = text(node)
        if name in following:
            return True
        values = assigned_values(name, scope)
        if values:
            return all(_inert(v, scope, depth - 1, following | {name}, names) for v in values)
        arguments = private_parameter_arguments(node, scope)
        return arguments is not None and all(_inert(a, scope_of(a), depth - 1, names=names) for a in arguments)
    return False


# Parts named for what a bind parameter cannot carry: a table, column or schema name (read from
# a model, `${model.tableName}`) and generated placeholder lists (`${placeholders}` of `$1, $2`).
_IDENTIFIER_LAST_WORDS = frozenset("table tables column columns schema placeholders placeholder".split())
_IDENTIFIER_NAMED = frozenset(("table", "column", "schema"))
# ... unless the text shows the name comes from the request (`req.query.table`).
_FROM_REQUEST = re.compile(r"(?i)\b(?:req|request|ctx|body|params|query|args|input)\b")


def _part_inert(node: Any, scope: Any, java: bool) -> bool:
    return _inert(node, scope, names=not java)


def _names_an_identifier(node: Any, scope: Any) -> bool:
    """A name or model property (`model.tableName`, `snapshotTableName`) named for a table,
    column or placeholder list."""
    if node.type not in ("identifier", "member_expression"):
        return False
    label = text(node)
    if _FROM_REQUEST.search(label):
        return False
    ws = words(label.rsplit(".", 1)[-1])
    if not ws:
        return False
    return ws[-1] in _IDENTIFIER_LAST_WORDS or (len(ws) >= 2 and ws[-1] == "name" and ws[-2] in _IDENTIFIER_NAMED)


def _mapped_items(node: Any) -> Any:
    """`items.map((x, i) => `($${i})`).join(', ')`: the callback's returned expression, or None."""
    callee = node.child_by_field_name("function")
    if callee is None or callee.type != "member_expression" or text(callee.child_by_field_name("property")) != "join":
        return None
    mapped = unwrap(callee.child_by_field_name("object"))
    if mapped is None or mapped.type != "call_expression":
        return None
    inner = mapped.child_by_field_name("function")
    args = mapped.child_by_field_name("arguments")
    if inner is None or inner.type != "member_expression" or text(inner.child_by_field_name("property")) != "map" or args is None:
        return None
    callback = next(iter(args.named_children), None)
    if callback is None or callback.type != "arrow_function":
        return None
    body = callback.child_by_field_name("body")
    return body if body is not None and body.type != "statement_block" else None
