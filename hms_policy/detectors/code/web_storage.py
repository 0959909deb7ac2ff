"""Session credentials kept in the browser's localStorage (JS030).

`localStorage.setItem("accessToken", jwt)`, `localStorage.token = ...` and
`localStorage["refresh_token"] = ...` put a bearer credential where every script on the origin
reads it: one cross-site-scripting bug or a compromised dependency takes the session of a
clinician who can read patient records, and the value outlives the tab. What is stored is
judged by its key: the string literal, or the last name of the member or constant that holds
the key (`LocalStorageKeys.accessToken`, `TOKEN_KEY`). Keys that name a flag or metadata of a
token (`tokenExpiry`, `refreshTokenRequested`) are not credentials. sessionStorage is not
reported: it ends with the tab, and the token there is the one an HttpOnly cookie would replace
only with a server change.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from hms_policy.detectors.code.clike import IDENT, PUNCT, STRING, Token, document_tokens, line_of, line_starts, matching_paren
from hms_policy.detectors.code.phi_names import words
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_CREDENTIAL_WORDS = frozenset("token tokens jwt bearer accesstoken refreshtoken idtoken authtoken sessionid sessiontoken apikey password passwd".split())
_CREDENTIAL_PAIRS = frozenset({("access", "token"), ("refresh", "token"), ("id", "token"), ("auth", "token"), ("session", "id"), ("session", "token"), ("api", "key")})
# A last word that makes the key metadata about a credential, not the credential.
_METADATA = frozenset(
    "expiry expires expiration expiresat exp ttl timeout time timestamp date type kind requested pending status state "
    "flag enabled valid count key name prefix version url".split()
)


def credential_key(name: str) -> bool:
    """`accessToken`, `access`, `ACCESS_TOKEN_KEY`, `jwt`: the key of a stored credential."""
    parts = words(name)
    if not parts:
        return False
    if parts[-1] == "key" and len(parts) > 1 and parts[-2] not in ("api",):
        parts = parts[:-1]  # `TOKEN_KEY`: the constant holding the key's name
    if not parts or parts[-1] in _METADATA:
        return False
    if parts[-1] in _CREDENTIAL_WORDS or "".join(parts[-2:]) in _CREDENTIAL_WORDS:
        return True
    return len(parts) >= 2 and (parts[-2], parts[-1]) in _CREDENTIAL_PAIRS


def token_in_local_storage(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    toks = document_tokens(doc, javascript=True)
    if toks is None:
        return
    text = doc.text
    starts = line_starts(text)
    for i, tok in enumerate(toks):
        if tok.kind != IDENT or tok.text != "localStorage" or _member_of_other(toks, i):
            continue
        key = _stored_key(toks, i)
        if key is not None and credential_key(key):
            yield Match(LineSpan.at(line_of(text, tok.start, starts)), key=key, context={"key": key})


def _member_of_other(toks: list[Token], i: int) -> bool:
    """`window.localStorage` is the same store; `this.localStorage`/`mock.localStorage` may not be."""
    if i >= 2 and _punct(toks, i - 1, ".") and toks[i - 2].kind == IDENT:
        return toks[i - 2].text not in ("window", "globalThis", "self")
    return False


def _stored_key(toks: list[Token], i: int) -> str | None:
    """The key a write to localStorage at token `i` uses, or None when it is not a write."""
    if _punct(toks, i + 1, ".") and _text(toks, i + 2) == "setItem" and _punct(toks, i + 3, "("):
        return _key_name(toks, i + 4, matching_paren(toks, i + 3, 400))
    if _punct(toks, i + 1, ".") and _kind(toks, i + 2) == IDENT and _punct(toks, i + 3, "=") and not _punct(toks, i + 4, "="):
        return toks[i + 2].text  # localStorage.token = ...
    if _punct(toks, i + 1, "["):
        close = matching_paren(toks, i + 1, 400)
        if _punct(toks, close + 1, "=") and not _punct(toks, close + 2, "="):
            return _key_name(toks, i + 2, close)
    return None


def _key_name(toks: list[Token], start: int, end: int) -> str | None:
    """The first argument's name: a string literal, or the last name of a member chain."""
    name: str | None = None
    for j in range(start, min(end, len(toks))):
        tok = toks[j]
        if tok.kind == PUNCT and tok.text == ",":
            break
        if tok.kind == STRING and tok.text != "`":
            name = tok.text
        elif tok.kind == IDENT:
            name = tok.text
    return name


def _punct(toks: list[Token], i: int, value: str) -> bool:
    return 0 <= i < len(toks) and toks[i].kind == PUNCT and toks[i].text == value


def _text(toks: list[Token], i: int) -> str:
    return toks[i].text if 0 <= i < len(toks) else ""


def _kind(toks: list[Token], i: int) -> str:
    return toks[i].kind if 0 <= i < len(toks) else ""
