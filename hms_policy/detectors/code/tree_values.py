"""What a Java or JavaScript/TypeScript expression holds, judged on its syntax tree within one
function: a constant, request input, or a string built from parts.

Local names are followed to what they are assigned in the same function (declarations,
assignments and `+=`, JavaScript destructuring), a few steps deep. This is not a data-flow
analysis across functions: a value passed in from a caller is neither constant nor request
input (a method parameter bound from the request by an annotation such as `@RequestParam`
is request input).
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from hms_policy.detectors.code.phi_names import words
from hms_policy.detectors.code.syntax_tree import enclosing_function, text, walk

_DEPTH = 4
_CONSTANT_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
_LITERALS = frozenset(
    """string_literal text_block decimal_integer_literal hex_integer_literal octal_integer_literal
    binary_integer_literal decimal_floating_point_literal character_literal true false
    null_literal string number null undefined regex""".split()
)
_WRAPPERS = frozenset("parenthesized_expression cast_expression as_expression non_null_expression await_expression satisfies_expression".split())
# Spring, JAX-RS and Micronaut annotations that bind a parameter from the HTTP request.
_REQUEST_ANNOTATIONS = frozenset(
    "RequestParam PathVariable RequestBody RequestHeader CookieValue ModelAttribute QueryParam PathParam FormParam HeaderParam MatrixParam".split()
)
# Servlet request getters whose value the client chooses.
_REQUEST_GETTERS = frozenset("getParameter getParameterValues getParameterMap getHeader getHeaders getQueryString getPathInfo getRequestURI getCookies getReader getInputStream getPart".split())
_REQUEST_ROOTS = frozenset("req request ctx context event".split())
_REQUEST_FIELDS = frozenset("query body params param headers cookies files file rawBody queryStringParameters pathParameters".split())


def unwrap(node: Any) -> Any:
    while node is not None and node.type in _WRAPPERS:
        inner = node.named_children
        node = inner[-1] if node.type in ("cast_expression", "as_expression", "satisfies_expression") and inner else (inner[0] if inner else None)
        if node is not None and node.type in ("type_identifier", "predefined_type"):
            break
    return node


def assigned_values(name: str, scope: Any) -> list[Any]:
    """Every value `name` is given in `scope` (declaration, `=`, `+=`, destructuring)."""
    out: list[Any] = []
    for node in walk(scope):
        kind = node.type
        if kind == "variable_declarator":
            target = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if target is None or value is None:
                continue
            if target.type == "identifier" and text(target) == name:
                out.append(value)
            elif target.type == "object_pattern" and name in _pattern_names(target):
                out.append(value)
        elif kind in ("assignment_expression", "augmented_assignment_expression"):
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if left is not None and right is not None and left.type == "identifier" and text(left) == name:
                out.append(right)
    return out


def _pattern_names(pattern: Any) -> set[str]:
    names: set[str] = set()
    for node in walk(pattern, 200):
        if node.type == "shorthand_property_identifier_pattern":
            names.add(text(node))
        elif node.type == "pair_pattern":
            value = node.child_by_field_name("value")
            if value is not None and value.type == "identifier":
                names.add(text(value))
    return names


def is_constant(node: Any, scope: Any, depth: int = _DEPTH, following: frozenset[str] = frozenset()) -> bool:
    """A literal, an UPPER_CASE constant, or built only from those (locals followed; a local's
    own earlier value in `sql = sql + "..."` is decided by its other assignments), or a quoting
    helper applied to constants (`enquote(YES)`)."""
    node = unwrap(node)
    if node is None:
        return True
    kind = node.type
    if kind in _LITERALS:
        return True
    if kind == "template_string":
        return all(
            is_constant(sub.named_children[0] if sub.named_children else None, scope, depth, following)
            for sub in node.named_children if sub.type == "template_substitution"
        )
    if kind in ("identifier", "field_access", "member_expression", "scoped_identifier"):
        last = text(node).rsplit(".", 1)[-1]
        if _CONSTANT_NAME.match(last):
            return True
        if kind == "identifier" and depth > 0:
            name = text(node)
            if name in following:
                return True  # the value being built: what else it is given decides
            values = assigned_values(name, scope)
            return bool(values) and all(is_constant(v, scope, depth - 1, following | {name}) for v in values)
        return False
    if kind == "binary_expression":
        return is_constant(node.child_by_field_name("left"), scope, depth, following) and is_constant(node.child_by_field_name("right"), scope, depth, following)
    if kind == "ternary_expression":
        return is_constant(node.child_by_field_name("consequence"), scope, depth, following) and is_constant(node.child_by_field_name("alternative"), scope, depth, following)
    if kind == "method_invocation" and _quoting_call(node):
        arguments = node.child_by_field_name("arguments")
        values = arguments.named_children if arguments is not None else []
        return bool(values) and all(is_constant(v, scope, depth, following) for v in values)
    return False


# Helpers that quote or escape the text they are given: constant in, constant out.
_QUOTING = frozenset("enquote quote sqlquote quotestring quoteliteral escapesql escapestring".split())


def _quoting_call(call: Any) -> bool:
    """`enquote(YES)`, `this.quote(SEP)`: a quoting helper on its own object (no other receiver)."""
    name = call.child_by_field_name("name")
    receiver = call.child_by_field_name("object")
    return name is not None and text(name).lower() in _QUOTING and (receiver is None or text(receiver) in ("this", "super"))


def string_pieces(node: Any) -> Iterator[Any]:
    """The operands of a `+` chain, left to right (a single node: itself)."""
    node = unwrap(node)
    if node is not None and node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "+":
        yield from string_pieces(node.child_by_field_name("left"))
        yield from string_pieces(node.child_by_field_name("right"))
    elif node is not None:
        yield node


def literal_text(node: Any) -> str:
    """The text of string literals and template text in `node` (not the code inside `${}`)."""
    node = unwrap(node)
    if node is None:
        return ""
    if node.type in ("string_literal", "text_block", "string"):
        return text(node)[1:-1] if node.type != "text_block" else text(node)[3:-3]
    if node.type == "template_string":
        return "".join(text(c) for c in node.named_children if c.type == "string_fragment") or text(node)
    return ""


def is_request_input(node: Any, scope: Any, depth: int = _DEPTH) -> bool:
    """Does `node` carry a value from the HTTP request (anywhere inside it)?"""
    for inner in walk(node, 400):
        kind = inner.type
        if kind == "method_invocation":
            name = text(inner.child_by_field_name("name"))
            receiver = inner.child_by_field_name("object")
            if name in _REQUEST_GETTERS and receiver is not None and _requestish(text(receiver)):
                return True
        elif kind in ("member_expression", "subscript_expression"):
            if _request_member(inner):
                return True
        elif kind == "identifier" and depth > 0:
            if _is_request_parameter(inner, scope):
                return True
            parent = inner.parent
            # Only a name read as a value, not one being declared or called.
            if parent is not None and parent.type in ("variable_declarator",) and parent.child_by_field_name("name") == inner:
                continue
            for value in assigned_values(text(inner), scope):
                if value.start_byte != node.start_byte and is_request_input(value, scope, depth - 1):
                    return True
    return False


def _requestish(receiver: str) -> bool:
    ws = words(receiver.rsplit(".", 1)[-1])
    return bool(ws) and ws[-1] in ("request", "req")


def _request_member(node: Any) -> bool:
    """`req.query.x`, `request.body`, `ctx.request.body`, `event.queryStringParameters`."""
    parts = re.split(r"\??\.|\[", text(node), maxsplit=3)
    if len(parts) < 2:
        return False
    root = parts[0].strip()
    if root.startswith("this."):
        return False
    fields = [p.strip("]'\" ") for p in parts[1:]]
    if root in _REQUEST_ROOTS and fields and fields[0] in _REQUEST_FIELDS:
        return True
    return root in ("ctx", "context") and len(fields) >= 2 and fields[0] == "request" and fields[1] in _REQUEST_FIELDS


def _is_request_parameter(identifier: Any, scope: Any) -> bool:
    """A Java method parameter bound from the request by an annotation (`@RequestParam String q`)."""
    func = scope if scope.type in ("method_declaration", "constructor_declaration") else None
    if func is None:
        return False
    params = func.child_by_field_name("parameters")
    if params is None:
        return False
    wanted = text(identifier)
    for param in params.named_children:
        if param.type != "formal_parameter" or text(param.child_by_field_name("name")) != wanted:
            continue
        for child in param.named_children:
            if child.type == "modifiers":
                for annotation in child.named_children:
                    name = annotation.child_by_field_name("name")
                    if name is not None and text(name).rsplit(".", 1)[-1] in _REQUEST_ANNOTATIONS:
                        return True
    return False


def scope_of(node: Any) -> Any:
    return enclosing_function(node)


# Declared types whose values cannot carry SQL or shell syntax.
_SCALAR_TYPES = frozenset(
    """int long short byte double float boolean char Integer Long Short Byte Double Float Boolean
    BigDecimal BigInteger UUID Date LocalDate LocalDateTime Instant OffsetDateTime ZonedDateTime
    Timestamp number boolean bigint""".split()
)
# A value named as a list of keys, a count or a position (`visitIds`,
# `commaSeparatedEncounterIds()`, `limit`, `offset`) is numbers in practice, not text a user
# typed; a declared type decides first (`String limit` is text).
_SCALAR_LAST_WORDS = frozenset("ids count limit offset size index page".split())


def is_scalar(node: Any, scope: Any) -> bool:
    """A value that is a number, date or id by its declared type or its name."""
    node = unwrap(node)
    if node is None:
        return False
    if node.type == "update_expression":
        return True  # `++counter`: only numbers count
    if node.type in _NUMBER_LITERALS:
        return True
    if node.type == "cast_expression":
        kind = node.child_by_field_name("type")
        return kind is not None and _scalar_type(text(kind))  # `(int) (n * .75)`
    if node.type == "binary_expression":
        operator = node.child_by_field_name("operator")
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if operator is not None and text(operator) in ("-", "*", "/", "%"):
            return True  # arithmetic: a number whatever its operands
        if operator is not None and text(operator) == "+" and left is not None and right is not None:
            return is_scalar(left, scope) and is_scalar(right, scope)  # `i + 1`, not `"a" + s`
    if node.type == "identifier":
        declared = _declared_type(text(node), scope) or _field_type(text(node), node)
        if declared:
            return _scalar_type(declared)
    if node.type in ("call_expression", "method_invocation"):
        callee = node.child_by_field_name("function") if node.type == "call_expression" else node
        receiver = callee.child_by_field_name("object") if callee is not None else None
        method = callee.child_by_field_name("property") or callee.child_by_field_name("name") if callee is not None else None
        if receiver is not None and text(method) in ("join", "toString", "valueOf"):
            if text(receiver).rsplit(".", 1)[-1] in _JOIN_HELPERS:
                # `StringUtils.join(ids, ",")` / `String.join(",", ids)`: the joined collection
                args = node.child_by_field_name("arguments")
                joined = [a for a in (args.named_children if args is not None else []) if unwrap(a) is not None and unwrap(a).type != "string_literal"]
                return bool(joined) and is_scalar(joined[0], scope)
            return is_scalar(receiver, scope)  # `visitIds.join(",")` is the ids
    if node.type in ("identifier", "field_access", "member_expression", "method_invocation", "call_expression"):
        name = node.child_by_field_name("name") or node.child_by_field_name("property") or node.child_by_field_name("function")
        label = text(name) if name is not None and node.type != "identifier" else text(node)
        ws = words(label.rsplit(".", 1)[-1])
        if ws and ws[-1] in _SCALAR_LAST_WORDS:
            return True
    return False


_NUMBER_LITERALS = frozenset(
    "decimal_integer_literal hex_integer_literal octal_integer_literal binary_integer_literal "
    "decimal_floating_point_literal hex_floating_point_literal number".split()
)
# Classes whose static `join` joins its collection argument (commons-lang, Java, Guava).
_JOIN_HELPERS = frozenset("StringUtils String Strings Joiner".split())
_COLLECTION_TYPE = re.compile(r"^(?:[\w.]+\.)?(?:List|Set|Collection|Iterable|ArrayList|HashSet|LinkedHashSet|TreeSet|SortedSet|Array|ReadonlyArray)<\s*([\w.]+)\s*>$")


def _field_type(name: str, node: Any) -> str:
    """The declared type of a field of the class that encloses `node` (`protected Class<T>
    mappedClass;`), when `name` is no local: "" when there is none."""
    parent = node.parent
    while parent is not None and parent.type != "class_body":
        parent = parent.parent
    if parent is None:
        return ""
    for member in parent.named_children:
        if member.type != "field_declaration":
            continue
        names = [text(d.child_by_field_name("name")) for d in member.named_children if d.type == "variable_declarator"]
        kind = member.child_by_field_name("type")
        if name in names and kind is not None:
            return text(kind).strip()
    # A field inherited from a superclass, set by this class's constructor from a typed
    # parameter: `this.mappedClass = mappedClass` with `Class<T> mappedClass`.
    for member in parent.named_children:
        if member.type != "constructor_declaration":
            continue
        for assignment in walk(member, 2000):
            if assignment.type != "assignment_expression":
                continue
            left, right = unwrap(assignment.child_by_field_name("left")), unwrap(assignment.child_by_field_name("right"))
            if left is not None and left.type == "field_access" and text(left) == f"this.{name}" and right is not None and right.type == "identifier":
                declared = _declared_type(text(right), member)
                if declared:
                    return declared
    return ""


# A `Class<T>` prints as a class name: code, not text anyone supplies.
_CLASS_TYPE = re.compile(r"^(?:java\.lang\.)?Class(?:<.*>)?$")


def _scalar_type(declared: str) -> bool:
    """`int`, `Integer`, and arrays or collections of them (`List<Integer>`, `long[]`, `number[]`);
    a `Class<T>`, whose text is a class name."""
    declared = declared.strip()
    if _CLASS_TYPE.match(declared):
        return True
    if declared.endswith("[]"):
        declared = declared[:-2].strip()
    element = _COLLECTION_TYPE.match(declared)
    if element:
        declared = element.group(1)
    return declared.rsplit(".", 1)[-1] in _SCALAR_TYPES


def _declared_type(name: str, scope: Any) -> str:
    """The declared type of a Java parameter or local, or of a TypeScript annotated name."""
    for node in walk(scope, 5000):
        if node.type in ("formal_parameter", "local_variable_declaration", "required_parameter", "optional_parameter"):
            kind = node.child_by_field_name("type")
            if node.type == "local_variable_declaration":
                names = [text(d.child_by_field_name("name")) for d in node.named_children if d.type == "variable_declarator"]
            else:
                names = [text(node.child_by_field_name("name") or node.child_by_field_name("pattern"))]
            if name in names and kind is not None:
                return text(kind).lstrip(":").strip()
    return ""


def element_sources(node: Any, scope: Any) -> list[Any] | None:
    """What the elements of a local collection were built from, when `node` reads one:
    `i.next()` with `i = items.iterator()`, or the variable of `for (String s : items)`.
    The sources are every argument of `items.add(...)` in `scope`; None when `node` is no
    such read or the collection is filled some other way (`addAll`, a parameter)."""
    node = unwrap(node)
    collection = ""
    if node is not None and node.type == "method_invocation" and text(node.child_by_field_name("name")) == "next":
        receiver = unwrap(node.child_by_field_name("object"))
        if receiver is not None and receiver.type == "identifier":
            values = [unwrap(v) for v in assigned_values(text(receiver), scope)]
            if len(values) == 1 and values[0] is not None and values[0].type == "method_invocation" and text(values[0].child_by_field_name("name")) == "iterator":
                collection = text(values[0].child_by_field_name("object"))
    elif node is not None and node.type == "identifier":
        for loop in walk(scope):
            if loop.type == "enhanced_for_statement" and text(loop.child_by_field_name("name")) == text(node):
                collection = text(loop.child_by_field_name("value"))
                break
    if not re.fullmatch(r"\w+", collection or ""):
        return None
    created = [unwrap(v) for v in assigned_values(collection, scope)]
    if not created or any(v is None or v.type != "object_creation_expression" for v in created):
        return None  # not a collection this function made
    sources: list[Any] = []
    for call in walk(scope):
        if call.type != "method_invocation" or text(call.child_by_field_name("object")) != collection:
            continue
        method = text(call.child_by_field_name("name"))
        args = call.child_by_field_name("arguments")
        if method == "add" and args is not None and len(args.named_children) == 1:
            sources.append(args.named_children[0])
        elif method not in ("isEmpty", "size", "iterator", "contains", "stream", "forEach", "get", "clear"):
            return None  # addAll, set, put: filled from elsewhere
    return sources


def private_parameter_arguments(identifier: Any, scope: Any) -> list[Any] | None:
    """The arguments every call in the file passes to `identifier` when it is a parameter of
    a `private` Java method (only its own class can call it); None otherwise, or when a call
    cannot be matched to the parameter by position."""
    if scope.type != "method_declaration":
        return None
    modifiers = next((c for c in scope.named_children if c.type == "modifiers"), None)
    if modifiers is None or "private" not in text(modifiers).split():
        return None
    params = scope.child_by_field_name("parameters")
    formals = [p for p in (params.named_children if params is not None else []) if p.type in ("formal_parameter", "spread_parameter")]
    position = next((n for n, p in enumerate(formals) if p.type == "formal_parameter" and text(p.child_by_field_name("name")) == text(identifier)), None)
    if position is None:
        return None
    method = text(scope.child_by_field_name("name"))
    root = scope
    while root.parent is not None:
        root = root.parent
    arguments: list[Any] = []
    for call in walk(root, 200000):
        if call.type != "method_invocation" or text(call.child_by_field_name("name")) != method:
            continue
        receiver = call.child_by_field_name("object")
        if receiver is not None and text(receiver) != "this":
            continue
        args = call.child_by_field_name("arguments")
        given = list(args.named_children) if args is not None else []
        if len(given) != len(formals):
            return None  # an overload or varargs: not this method for certain
        arguments.append(given[position])
    return arguments or None
