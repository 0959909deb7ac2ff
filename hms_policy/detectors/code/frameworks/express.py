"""Express (Node.js): CORS options that admit every origin with credentials, and
express-session / cookie-session cookies that are not `secure`.

Read as tokens (`clike`), so comments and strings do not match; only files that import the
package in question are looked at."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.code.clike import IDENT, PUNCT, STRING, Token, line_of, matching_paren
from hms_policy.detectors.code.frameworks.tokens import code_tokens, is_punct
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_IMPORTS_CORS = re.compile(r"""(?:require\s*\(\s*|from\s+)["'](?:cors|socket\.io|@fastify/cors|fastify-cors|@koa/cors|kcors|koa-cors|koa2-cors)["']""")
# Koa's CORS middleware answers with the request's own Origin when no `origin` is set.
_IMPORTS_KOA_CORS = re.compile(r"""(?:require\s*\(\s*|from\s+)["'](?:@koa/cors|kcors)["']""")
_IMPORTS_SESSION = re.compile(r"""(?:require\s*\(\s*|from\s+)["'](?P<pkg>express-session|cookie-session)["']""")



def _object_keys(toks: list[Token], open_index: int) -> dict[str, int]:
    """Top-level `key:` of the object literal opened at `open_index` -> index of its value."""
    close = matching_paren(toks, open_index, 2000)
    depth = 0
    keys: dict[str, int] = {}
    for j in range(open_index + 1, close):
        text = toks[j].text if toks[j].kind == PUNCT else ""
        if text in ("(", "[", "{"):
            depth += 1
        elif text in (")", "]", "}"):
            depth -= 1
        elif depth == 0 and toks[j].kind in (IDENT, STRING) and is_punct(toks, j + 1, ":") and is_punct(toks, j - 1, "{", ","):
            keys.setdefault(toks[j].text, j + 2)
    return keys


def _value_is(toks: list[Token], i: int, *values: str) -> bool:
    if i >= len(toks):
        return False
    end = i + 1
    return toks[i].text in values and toks[i].kind in (IDENT, STRING, PUNCT) and (end >= len(toks) or is_punct(toks, end, ",", "}") or toks[end].newline_before)


def cors_any_origin_with_credentials(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """An options object with `credentials: true` and an origin that admits every caller by
    echoing its origin: `origin: true`, or a callback that always answers yes
    (`(origin, cb) => cb(null, true)`). `origin: '*'` is not reported: the cors package then
    sends a literal `*`, which browsers refuse for credentialed requests."""
    text = doc.text
    if "credentials" not in text or "cors" not in text or not _IMPORTS_CORS.search(text):
        return
    found = code_tokens(doc, javascript=True)
    if found is None:
        return
    toks, starts = found
    koa = _IMPORTS_KOA_CORS.search(text) is not None
    for i, tok in enumerate(toks):
        if not is_punct(toks, i, "{"):
            continue
        keys = _object_keys(toks, i)
        origin, credentials = keys.get("origin"), keys.get("credentials")
        if credentials is None or not _value_is(toks, credentials, "true"):
            continue
        if origin is None:
            if koa and i >= 2 and is_punct(toks, i - 1, "(") and toks[i - 2].text == "cors":
                # `cors({credentials: true})` of @koa/cors: the request's Origin comes back
                yield Match(LineSpan.at(line_of(text, toks[i].start, starts)), key="cors", context={"setting": "CORS allows every origin with credentials"})
            continue
        if _value_is(toks, origin, "true") or _always_allows(toks, origin):
            line = line_of(text, toks[origin - 2].start, starts)
            yield Match(LineSpan.at(line), key="cors", context={"setting": "CORS allows every origin with credentials"})


_DECIDES = frozenset({"if", "?", "includes", "indexOf", "test", "match", "has", "some", "find", "===", "==", "!==", "!=", "startsWith", "endsWith", "&&", "||", "switch"})


def _always_allows(toks: list[Token], i: int) -> bool:
    """`function (origin, cb) { cb(null, true) }` / `(o, cb) => cb(null, o)` with no test on the way."""
    if i >= len(toks) or not (toks[i].text == "function" or is_punct(toks, i, "(")):
        return False
    end = _value_end(toks, i)
    body = [t.text for t in toks[i:end]]
    if any(word in _DECIDES for word in body):
        return False
    params = body[body.index("(") + 1 : body.index(")")] if "(" in body and ")" in body else []
    origin_name = params[0] if params else ""
    return any(body[j : j + 2] == ["null", ","] and body[j + 2 : j + 3] in (["true"], [origin_name]) for j in range(len(body) - 2))


def _value_end(toks: list[Token], i: int) -> int:
    """Index just after a property value starting at `i` (its top-level `,` or `}`)."""
    depth = 0
    for j in range(i, min(len(toks), i + 400)):
        text = toks[j].text if toks[j].kind == PUNCT else ""
        if text in ("(", "[", "{"):
            depth += 1
        elif text in (")", "]", "}"):
            if depth == 0:
                return j
            depth -= 1
        elif text == "," and depth == 0:
            return j
    return min(len(toks), i + 400)


_SESSION_CALLS = frozenset({"session", "expressSession", "cookieSession", "sessions"})


def session_cookie_not_secure(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """express-session's `session({...})` whose cookie has `secure: false` or no `secure` (its
    default is false), and cookie-session's `cookieSession({...})` with `secure: false` (without
    it, cookie-session marks the cookie secure on HTTPS connections). Not reported: a `secure` set from
    an expression (`secure: isProduction`, `'auto'`), or assigned later (`sess.cookie.secure
    = true` under a production check, as express-session's own README does)."""
    text = doc.text
    if "-session" not in text:  # a substring test first: the regex is slow on large bundles
        return
    imported = _IMPORTS_SESSION.search(text)
    if imported is None:
        return
    found = code_tokens(doc, javascript=True)
    if found is None:
        return
    toks, starts = found
    if any(t.text == "secure" and t.kind == IDENT and is_punct(toks, j - 1, ".") and is_punct(toks, j + 1, "=") for j, t in enumerate(toks)):
        return  # set by assignment elsewhere: judged by whoever reads that branch
    cookie_session = imported.group("pkg") == "cookie-session"
    objects = _named_objects(toks)
    for i, tok in enumerate(toks):
        if tok.kind != IDENT or tok.text not in _SESSION_CALLS or not is_punct(toks, i + 1, "(") or is_punct(toks, i - 1, "."):
            continue
        options = i + 2
        if options < len(toks) and toks[options].kind == IDENT and toks[options].text in objects:
            options = objects[toks[options].text]
        if not is_punct(toks, options, "{"):
            continue
        verdict = _cookie_secure(toks, options, cookie_session or tok.text == "cookieSession")
        if verdict:
            yield Match(LineSpan.at(line_of(text, tok.start, starts)), key=tok.text, context={"setting": verdict})


def _named_objects(toks: list[Token]) -> dict[str, int]:
    """`const name = {` -> index of its `{`."""
    out: dict[str, int] = {}
    for j in range(1, len(toks) - 2):
        if toks[j].kind == IDENT and is_punct(toks, j + 1, "=") and is_punct(toks, j + 2, "{") and toks[j - 1].text in ("const", "let", "var"):
            out.setdefault(toks[j].text, j + 2)
    return out


def _cookie_secure(toks: list[Token], options: int, flat: bool) -> str:
    """"" when the cookie is secure (or set from an expression), else what is wrong."""
    keys = _object_keys(toks, options)
    holder = keys
    if not flat:
        cookie = keys.get("cookie")
        if cookie is None:
            return "session cookie without secure (express-session defaults to false)"
        if not is_punct(toks, cookie, "{"):
            return ""  # a cookie object built elsewhere
        holder = _object_keys(toks, cookie)
    secure = holder.get("secure")
    if secure is None:
        # cookie-session (flat options) sets secure itself on HTTPS connections; express-session never does
        return "" if flat else "session cookie without secure: true"
    return "session cookie with secure: false" if _value_is(toks, secure, "false") else ""


__all__ = ["cors_any_origin_with_credentials", "session_cookie_not_secure"]
