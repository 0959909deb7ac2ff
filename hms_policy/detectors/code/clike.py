"""A small, linear tokenizer for JavaScript/TypeScript and Java source.

Not a parser: it yields identifiers, string literals and punctuation with their offsets,
skips comments, and understands just enough (template literals with `${...}` nesting,
JavaScript regex literals, Java text blocks, unterminated strings and comments) that code
inside strings is never mistaken for code and a 5 MB minified line costs one pass. Every
pattern here consumes its input in one left-to-right match; none can backtrack
catastrophically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

IDENT, STRING, PUNCT, NUMBER = "ident", "string", "punct", "number"

_CODE = re.compile(
    r"""
    (?P<ws>[ \t\r\f\v]+)
  | (?P<nl>\n)
  | (?P<comment>//[^\n]*|/\*(?:[^*]|\*(?!/))*(?:\*/|\Z))
  | (?P<textblock>\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|\Z))
  | (?P<string>"(?:[^"\\\n]|\\.)*(?:"|$)|'(?:[^'\\\n]|\\.)*(?:'|$))
  | (?P<ident>[A-Za-z_$][\w$]*)
  | (?P<number>\d[\w.]*)
  | (?P<punct>=>|->|::|===|!==|==|!=|\?\.|\.\.\.|&&|\|\||\+=|[^\s\w])
    """,
    re.VERBOSE | re.MULTILINE | re.DOTALL,
)
_TEMPLATE_TEXT = re.compile(r"(?:[^`\\$]|\\.|\$(?!\{))*", re.DOTALL)
_REGEX_LITERAL = re.compile(r"/(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[A-Za-z]*")
# After these, a `/` starts a regular expression rather than a division.
_REGEX_AFTER = frozenset("( , = : [ ! & | ? { } ; + - * % < > ~ ^ => == === != !== && || return typeof case".split()) | {""}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str  # for strings: the literal's content, cut to 200 characters
    start: int
    newline_before: bool = False


def tokens(text: str, *, javascript: bool) -> Iterator[Token]:
    """Tokens of `text` in order; template literal text is skipped, its `${}` code kept."""
    pos = 0
    length = len(text)
    templates: list[int] = []  # brace depth at which each open `${` closes
    depth = 0
    previous = ""
    newline = False
    while pos < length:
        ch = text[pos]
        if javascript and ch == "`":
            yield Token(STRING, "`", pos, newline)
            pos, opened = _template(text, pos + 1)
            if opened:
                depth += 1
                templates.append(depth)
            previous, newline = "`", False
            continue
        if javascript and ch == "/" and previous in _REGEX_AFTER:
            found = _REGEX_LITERAL.match(text, pos)
            if found:
                pos = found.end()
                previous, newline = "regex", False
                continue
        found = _CODE.match(text, pos)
        if found is None:  # cannot happen: `punct` takes any single character
            pos += 1
            continue
        kind = found.lastgroup
        pos = found.end()
        if kind == "ws" or kind == "comment":
            continue
        if kind == "nl":
            newline = True
            continue
        value = found.group()
        if kind in ("string", "textblock"):
            quote = 3 if kind == "textblock" else 1
            yield Token(STRING, value[quote:-quote][:200] if len(value) >= 2 * quote else "", found.start(), newline)
            previous, newline = "string", False
            continue
        if kind == "punct":
            if value == "{":
                depth += 1
            elif value == "}":
                if templates and depth == templates[-1]:
                    templates.pop()  # the end of a `${...}`: back into the template's text
                    depth -= 1
                    pos, opened = _template(text, pos)
                    if opened:
                        depth += 1
                        templates.append(depth)
                    previous, newline = "`", False
                    continue
                depth -= 1
        yield Token(IDENT if kind == "ident" else NUMBER if kind == "number" else PUNCT, value, found.start(), newline)
        previous, newline = value, False


def _template(text: str, pos: int) -> tuple[int, bool]:
    """Skip template text from `pos`: (offset after the closing backtick, False), or
    (offset after a `${`, True) when code follows. Unterminated: (len(text), False)."""
    found = _TEMPLATE_TEXT.match(text, pos)
    end = found.end() if found else pos
    if end >= len(text):
        return len(text), False
    if text[end] == "`":
        return end + 1, False
    return end + 2, True


def matching_paren(toks: list[Token], open_index: int, limit: int = 4000) -> int:
    """Index of the `)` closing the `(` at `open_index` (bounded), or the last index looked at."""
    depth = 0
    end = min(len(toks), open_index + limit)
    for i in range(open_index, end):
        text = toks[i].text if toks[i].kind == PUNCT else ""
        if text in ("(", "[", "{"):
            depth += 1
        elif text in (")", "]", "}"):
            depth -= 1
            if depth == 0:
                return i
    return end - 1


def line_of(text: str, offset: int, line_starts: list[int]) -> int:
    import bisect

    return bisect.bisect_right(line_starts, offset)


def line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer(r"\n", text))]


def document_tokens(doc: Any, *, javascript: bool) -> list[Token] | None:
    """The document's tokens, computed once for every rule that reads them; None for
    minified or generated code (a line longer than MAX_LINE_CHARS), which is reported once
    in the scan's errors and left to the text rules (secrets still scan it)."""
    from hms_policy.model import ScanError
    from hms_policy.targets.document import MAX_LINE_CHARS

    def compute() -> list[Token] | None:
        longest = max((len(line) for line in doc.lines), default=0)
        if longest > MAX_LINE_CHARS:
            doc.errors.append(
                ScanError(doc.path, f"minified or generated code (a line of {longest:,} characters): code-structure rules skipped, text rules ran", "minified")
            )
            return None
        return list(tokens(doc.text, javascript=javascript))

    result: list[Token] | None = doc.memo(f"clike:tokens:{javascript}", compute)
    return result
