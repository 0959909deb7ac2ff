"""A small tokenizer and recursive-descent reader for the Groovy subset a declarative
Jenkinsfile is written in: nested `name args { block }` sections, `sh '...'` steps with named
or positional arguments, `NAME = value` assignments, strings, lists and maps.

Everything else Groovy allows (expressions, `if`/`for`, closures, method chains) is skipped
structurally: a statement the reader does not understand is passed over up to the end of its
line, with any brackets and braces it opens, so one unknown construct never hides the steps
after it. Only broken structure (an unterminated string or comment, unbalanced braces) is a
parse error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hms_policy.targets.document import ParseError

MAX_DEPTH = 100  # nested blocks and values


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "name", "string", "number", "op", "newline", "end"
    text: str  # the value of a string (without quotes), else the source text
    line: int
    end_line: int = 0


@dataclass(slots=True)
class Call:
    """`name(args) { block }`, `name args`, or `name = value` (as name "=" with one arg)."""

    name: str
    line: int
    args: list[Any] = field(default_factory=list)  # positional values
    named: dict[str, Any] = field(default_factory=dict)  # `key: value` arguments
    block: list[Call] | None = None
    end_line: int = 0


@dataclass(frozen=True, slots=True)
class Ref:
    """A name used as a value (`env.BRANCH`, `params.TARGET`); not a literal."""

    text: str


_PUNCT = "{}()[],:=."
_OPERATORS = ("==", "!=", "&&", "||", "<=", ">=", "=~", "==~", "?:", "->", "<<", "++", "--", "+=", "-=")


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i, line, n = 0, 1, len(source)
    while i < n:
        c = source[i]
        if c == "\n":
            tokens.append(Token("newline", "\n", line))
            line += 1
            i += 1
        elif c in " \t\r\f;\\":
            if c == ";":
                tokens.append(Token("newline", ";", line))
            i += 1
        elif source.startswith("//", i) or (c == "#" and i == 0 and source.startswith("#!")):
            end = source.find("\n", i)
            i = n if end < 0 else end
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            if end < 0:
                raise ParseError(f"unterminated comment at line {line}")
            line += source.count("\n", i, end)
            i = end + 2
        elif c in "'\"":
            quote = source[i : i + 3] if source.startswith(c * 3, i) else c
            end = _string_end(source, i + len(quote), quote)
            if end < 0:
                raise ParseError(f"unterminated string at line {line}")
            body = source[i + len(quote) : end]
            tokens.append(Token("string", _unescape(body), line, line + body.count("\n")))
            line += body.count("\n")
            i = end + len(quote)
        elif c.isalpha() or c in "_$":
            j = i + 1
            while j < n and (source[j].isalnum() or source[j] in "_$"):
                j += 1
            tokens.append(Token("name", source[i:j], line))
            i = j
        elif c.isdigit():
            j = i + 1
            while j < n and (source[j].isalnum() or source[j] in "._"):
                j += 1
            tokens.append(Token("number", source[i:j], line))
            i = j
        else:
            op = next((o for o in _OPERATORS if source.startswith(o, i)), c)
            tokens.append(Token("op", op, line))
            i += len(op)
    tokens.append(Token("end", "", line))
    return tokens


def _string_end(source: str, start: int, quote: str) -> int:
    i = start
    single_line = len(quote) == 1
    while i < len(source):
        if source[i] == "\\":
            i += 2
            continue
        if single_line and source[i] == "\n":
            return -1
        if source.startswith(quote, i):
            return i
        i += 1
    return -1


def _unescape(body: str) -> str:
    return body.replace("\\'", "'").replace('\\"', '"').replace("\\$", "$").replace("\\\\", "\\")


class Reader:
    """Reads statements into `Call`s; see the module docstring for what is skipped."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    # -- helpers

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def take(self) -> Token:
        token = self.peek()
        self.i = min(self.i + 1, len(self.tokens) - 1)
        return token

    def at(self, kind: str, text: str | None = None) -> bool:
        token = self.peek()
        return token.kind == kind and (text is None or token.text == text)

    def expect(self, text: str) -> Token:
        if not self.at("op", text):
            raise _Unknown()
        return self.take()

    def skip_newlines(self) -> None:
        while self.at("newline"):
            self.take()

    # -- statements

    def block(self) -> list[Call]:
        """Statements up to the matching `}` (which is consumed), or to the end of input."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(f"blocks nested deeper than {MAX_DEPTH} levels")
        calls: list[Call] = []
        while True:
            self.skip_newlines()
            token = self.peek()
            if token.kind == "end":
                if self.depth > 1:
                    raise ParseError("unbalanced braces: a block opened is never closed")
                break
            if token.kind == "op" and token.text == "}":
                if self.depth == 1:
                    raise ParseError(f"unbalanced braces: '}}' at line {token.line} closes nothing")
                self.take()
                break
            if token.kind == "op" and token.text == "{":  # a group (after a skipped `if (...)`)
                self.take()
                calls.append(Call("group", token.line, block=self.block()))
                continue
            start = self.i
            try:
                call = self.statement()
            except _Unknown:
                self.i = start
                self.skip_statement()
                if self.i == start:
                    self.take()
                continue
            if call is not None:
                calls.append(call)
        self.depth -= 1
        return calls

    def statement(self) -> Call | None:
        token = self.peek()
        if token.kind != "name":
            raise _Unknown()
        if token.text == "def":  # `def x = ...`: an assignment like any other
            self.take()
            token = self.peek()
            if token.kind != "name":
                raise _Unknown()
        name_token = self.take()
        name = name_token.text
        while self.at("op", ".") and self.peek(1).kind == "name":  # docker.image, env.X
            self.take()
            name += "." + self.take().text
        call = Call(name, name_token.line)
        if self.at("op", "="):
            self.take()
            call.args = [name]
            call.name = "="
            call.named = {"name": name, "value": self.value()}
            call.end_line = self.peek(-1).line if self.i else call.line
            self.end_of_statement()
            return call
        if self.at("op", "("):
            self.take()
            self.arguments(call, ")")
        elif not self.at("op", "{") and not self.at("newline") and not self.at("end") and not self.at("op", "}"):
            self.arguments(call, None)
        while self.at("op", ".") and self.peek(1).kind == "name":  # a chained call: skip it
            raise _Unknown()
        if self.at("op", "{"):
            self.take()
            call.block = self.block()
        call.end_line = self.peek(-1).line if self.i else call.line
        self.end_of_statement()
        return call

    def end_of_statement(self) -> None:
        if not (self.at("newline") or self.at("end") or self.at("op", "}")):
            raise _Unknown()

    def arguments(self, call: Call, closer: str | None) -> None:
        """`a, key: b, ...` up to `closer` (consumed) or, without parentheses, the line's end."""
        while True:
            if closer is not None:
                self.skip_newlines()
                if self.at("op", closer):
                    self.take()
                    return
            elif self.at("newline") or self.at("end") or self.at("op", "}") or self.at("op", "{"):
                return
            if self.peek().kind in ("name", "string") and self.peek(1).kind == "op" and self.peek(1).text == ":":
                key = self.take().text
                self.take()
                call.named[key] = self.value()
            else:
                call.args.append(self.value())
            if closer is not None:
                self.skip_newlines()
            if self.at("op", ","):
                self.take()
                continue
            if closer is not None:
                self.expect(closer)
                return
            return

    def value(self) -> Any:
        """A literal, list, map, call or name; operators joining values are read over (a
        `+` between strings keeps their text)."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(f"values nested deeper than {MAX_DEPTH} levels")
        try:
            result = self.primary()
            while self.at("op") and self.peek().text not in (",", ")", "]", "}", "{", ":", "="):
                op = self.take().text
                if op == "?":  # `a ? b : c`
                    self.value()
                    self.expect(":")
                    result = Ref("?:")
                    self.value()
                    continue
                right = self.primary()
                result = result + right if op == "+" and isinstance(result, str) and isinstance(right, str) else Ref(op)
            return result
        finally:
            self.depth -= 1

    def primary(self) -> Any:
        token = self.take()
        if token.kind == "string":
            return token.text
        if token.kind == "number":
            return token.text
        if token.kind == "op" and token.text == "[":
            return self.collection()
        if token.kind == "op" and token.text == "(":
            inner = self.value()
            self.expect(")")
            return inner
        if token.kind == "op" and token.text in ("!", "-"):
            return self.primary()
        if token.kind == "op" and token.text == "{":  # a closure value: kept as its statements
            return Call("closure", token.line, block=self.block())
        if token.kind == "name":
            name = token.text
            while self.at("op", ".") and self.peek(1).kind == "name":
                self.take()
                name += "." + self.take().text
            if self.at("op", "("):
                self.take()
                call = Call(name, token.line)
                self.arguments(call, ")")
                if self.at("op", "{"):
                    self.take()
                    call.block = self.block()
                return call
            return Ref(name)
        raise _Unknown()

    def collection(self) -> Any:
        """`[a, b]` as a list, `[k: v]` as a dict (the `[` is consumed)."""
        items: list[Any] = []
        mapping: dict[str, Any] = {}
        while True:
            self.skip_newlines()
            if self.at("op", "]"):
                self.take()
                return mapping if mapping else items
            if self.at("op", ":") and self.peek(1).kind == "op" and self.peek(1).text == "]":  # [:]
                self.take()
                continue
            if self.peek().kind in ("name", "string") and self.peek(1).kind == "op" and self.peek(1).text == ":":
                key = self.take().text
                self.take()
                mapping[key] = self.value()
            else:
                items.append(self.value())
            self.skip_newlines()
            if self.at("op", ","):
                self.take()
            elif not self.at("op", "]"):
                raise _Unknown()

    def skip_statement(self) -> None:
        """Pass over a statement not understood: to the end of its line, with whatever
        brackets it opens (a block it opens is read for the steps inside, `if (...) { sh }`)."""
        depth = 0
        while True:
            token = self.peek()
            if token.kind == "end":
                if depth:
                    raise ParseError(f"unbalanced brackets from line {token.line}")
                return
            if token.kind == "op" and token.text in "([":
                depth += 1
            elif token.kind == "op" and token.text in ")]":
                depth = max(0, depth - 1)
            elif token.kind == "op" and token.text == "}" and depth == 0:
                return  # the enclosing block's end
            elif token.kind == "op" and token.text == "{" and depth == 0:
                return  # let the caller read the block as an anonymous statement group
            elif token.kind == "newline" and depth == 0:
                return
            self.take()


class _Unknown(Exception):
    """A statement outside the subset: skipped structurally."""


def parse(source: str) -> list[Call]:
    reader = Reader(tokenize(source))
    calls = reader.block()
    return calls
