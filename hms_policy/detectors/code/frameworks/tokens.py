"""Token helpers the Java and JavaScript framework detectors share (on top of `clike`)."""

from __future__ import annotations

from hms_policy.detectors.clike import PUNCT, Token, document_tokens, line_starts
from hms_policy.targets.document import Document


def code_tokens(doc: Document, *, javascript: bool) -> tuple[list[Token], list[int]] | None:
    """The document's tokens and line starts, or None for minified code."""
    toks = document_tokens(doc, javascript=javascript)
    return (toks, line_starts(doc.text)) if toks is not None else None


def is_punct(toks: list[Token], i: int, *values: str) -> bool:
    return 0 <= i < len(toks) and toks[i].kind == PUNCT and toks[i].text in values


__all__ = ["code_tokens", "is_punct"]
