"""Parse HCL text once into our syntax tree (hclast): tree-sitter-hcl when it is installed
(an order of magnitude faster), python-hcl2's lark parser when tree-sitter is missing or
reports a syntax error (python-hcl2 then either reads the file or words the error).

Parsed files are kept in a small per-process cache keyed by the sha256 of their text, so a
local module called from several directories, and also scanned as a directory of its own, is
parsed once. The cache holds immutable syntax trees only and is bounded by total text size.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict

from hms_policy.targets.document import ParseError, TemplateSource
from hms_policy.targets.terraform.hclast import HclFile, convert_file

# Parsing is linear (LALR) but python-hcl2 does about 0.3 MB/s: a larger .tf file is
# generated, not written, and is scanned as text only.
MAX_HCL_BYTES = 2 * 1024 * 1024  # counted in characters
_CACHE_CHARS = 24 * 1024 * 1024


class _ParseCache:
    def __init__(self, capacity_chars: int) -> None:
        self.capacity = capacity_chars
        self.size = 0
        self.items: OrderedDict[str, HclFile] = OrderedDict()

    def get(self, key: str) -> HclFile | None:
        found = self.items.get(key)
        if found is not None:
            self.items.move_to_end(key)
        return found

    def put(self, key: str, value: HclFile) -> None:
        if len(value.text) > self.capacity:
            return
        self.items[key] = value
        self.size += len(value.text)
        while self.size > self.capacity and self.items:
            _, dropped = self.items.popitem(last=False)
            self.size -= len(dropped.text)


_CACHE = _ParseCache(_CACHE_CHARS)


def parse_hcl(text: str, path: str) -> HclFile:
    """The syntax tree of `text`; raises ParseError with a one-line, located message."""
    if len(text) > MAX_HCL_BYTES:
        raise ParseError(f"{len(text)} characters of HCL, over the {MAX_HCL_BYTES}-byte parse limit: scanned as text only")
    key = hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()
    cached = _CACHE.get(key)
    if cached is not None:
        return HclFile(cached.body, cached.text, path)
    try:
        parsed = _fast(text, path)
        if parsed is None:
            if _TEMPLATE_ACTION.search(text):
                raise TemplateSource(
                    "a template of Terraform (`{{ ... }}` or `{% ... %}` actions), not HCL until it is rendered: "
                    "Terraform rules skipped this file; scan the rendered output"
                )
            parsed = convert_file(_lark_tree(text), text, path)
    except RecursionError:
        raise ParseError("HCL nested too deeply to analyse") from None
    _CACHE.put(key, parsed)
    return parsed


def _fast(text: str, path: str) -> HclFile | None:
    from hms_policy.targets.terraform import treesitter

    if not treesitter.available():
        return None
    try:
        return treesitter.convert(text, path)
    except treesitter.SyntaxProblem:
        return None


def _lark_tree(text: str) -> object:
    import hcl2
    from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedInput

    try:
        return hcl2.parses_to_tree(text)
    except UnexpectedInput as exc:
        line = getattr(exc, "line", None)
        where = f" at line {line}" if isinstance(line, int) and line > 0 else ""
        position = getattr(exc, "pos_in_stream", None)
        if isinstance(exc, UnexpectedCharacters):
            what = f"unexpected character {text[position:position + 1]!r}" if isinstance(position, int) and 0 <= position < len(text) else "unexpected character"
        else:
            token = getattr(exc, "token", None)
            what = "unexpected end of file" if token is not None and getattr(token, "type", "") == "$END" else _describe(token) if token is not None else "syntax error"
        raise ParseError(f"invalid HCL{where}: {what}") from None
    except LarkError as exc:
        raise ParseError(f"invalid HCL: {type(exc).__name__}") from None  # its text may quote a value
    except RecursionError:
        raise ParseError("HCL nested too deeply to parse") from None
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RuntimeError) as exc:
        raise ParseError(f"invalid HCL: {type(exc).__name__}") from None  # its text may quote a value


# A Go text/template or Jinja action at the start of a line or around a value: a template
# generator's source (Terraform Engine, cookiecutter), not Terraform.
_TEMPLATE_ACTION = re.compile(r"\{\{-?\s*(?:/\*|\.|\$|if\b|range\b|end\b|else\b|with\b|define\b|template\b|block\b|hcl\b|[a-z]+\s+\.)|\{%-?\s*(?:if|for|set|macro|include|block)\b")
_PUNCTUATION = re.compile(r"^[^\w\s]{1,3}$")


def _describe(token: object) -> str:
    """A token the parser did not expect, without quoting a value that might be a secret:
    punctuation is shown, anything else by its kind."""
    text = str(token)
    if _PUNCTUATION.match(text):
        return f"unexpected {text!r}"
    kind = str(getattr(token, "type", "") or "token").lower().replace("_", " ")
    return f"unexpected {kind}"
