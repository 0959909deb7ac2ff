"""Spring Boot: `application*.properties` / `application*.yml` settings, and Java security
configuration (`SecurityFilterChain`, `HttpSecurity`).

Settings: `server.ssl.enabled=false` and `management.endpoints.web.exposure.include=*`, read
flat (`a.b.c=v`, `a.b.c: v`) and nested (YAML); a `${VAR:default}` placeholder counts by its
default. Profile files for development and tests (application-dev.yml, application-test
.properties, a YAML document activated on such a profile) are not judged.

Java: CSRF protection disabled in a configuration that keeps server-side sessions (form or
OAuth2 login, remember-me, a session policy other than STATELESS), and `permitAll()` on
patient or FHIR routes. The code is read as tokens, so comments and strings do not match.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.clike import IDENT, STRING, Token, line_of, matching_paren
from hms_policy.detectors.code.frameworks.tokens import code_tokens, is_punct
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_SPRING_FILE = re.compile(r"^(?:application|bootstrap)(?:[-_](?P<profile>[\w.-]+))?\.(?:properties|ya?ml)$", re.I)
_DEV_PROFILE = re.compile(r"(?:^|[-_.,\s])(?:dev|develop|development|local|test|tests|testing|it|ci|e2e|demo|h2|embedded|debug|docker-dev)(?:$|[-_.,\s])", re.I)
_PLACEHOLDER = re.compile(r"^\$\{[^:}]+:(?P<default>[^}]*)\}$")
_PROPERTY = re.compile(r"^\s*(?P<key>[\w.\-\[\]]+)\s*[=:]\s*(?P<value>.*?)\s*$")


def _profile_ok(doc: Document) -> bool:
    found = _SPRING_FILE.match(doc.path.rsplit("/", 1)[-1])
    return found is not None and not (found.group("profile") and _DEV_PROFILE.search(found.group("profile")))


def _scalar(value: Any) -> str:
    text = str(value).strip().strip("\"'") if not isinstance(value, bool) else str(value).lower()
    placeholder = _PLACEHOLDER.match(text)
    return placeholder.group("default").strip().strip("\"'") if placeholder else text


def spring_settings(doc: Document) -> list[tuple[str, str, int]]:
    """(relaxed key, value, line) of a Spring configuration file, profile documents for
    development and tests left out."""

    def compute() -> list[tuple[str, str, int]]:
        if not _profile_ok(doc):
            return []
        if doc.path.lower().endswith(".properties"):
            return list(_properties(doc))
        out: list[tuple[str, str, int]] = []
        for node in doc.nodes:
            if not isinstance(node.value, dict):
                continue
            flat = list(_flatten(node.value, (), node.positions, node.span.start))
            profiles = " ".join(v for k, v, _ in flat if k in ("spring.profiles", "spring.config.activate.onprofile"))
            if profiles and _DEV_PROFILE.search(profiles):
                continue
            out.extend(flat)
        return out

    result: list[tuple[str, str, int]] = doc.memo("spring:settings", compute)
    return result


def _properties(doc: Document) -> Iterator[tuple[str, str, int]]:
    for number, text in doc.iter_lines():
        stripped = text.lstrip()
        if not stripped or stripped.startswith(("#", "!")):
            continue
        found = _PROPERTY.match(text)
        if found:
            yield _relaxed(found.group("key")), _scalar(found.group("value")), number


def _flatten(value: Any, path: tuple[Any, ...], positions: Mapping[Any, int], fallback: int) -> Iterator[tuple[str, str, int]]:
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _flatten(sub, (*path, key), positions, fallback)
    elif isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            yield _relaxed(".".join(str(p) for p in path)), ",".join(_scalar(v) for v in value), positions.get(path, fallback)
        else:
            for i, sub in enumerate(value):
                yield from _flatten(sub, (*path, i), positions, fallback)
    else:
        yield _relaxed(".".join(str(p) for p in path)), _scalar(value), positions.get(path, fallback)


def _relaxed(key: str) -> str:
    """Spring's relaxed binding: `server.ssl.enabled`, `server.SSL.Enabled`, `management.endpoints.web.exposure.include`."""
    return key.lower().replace("-", "").replace("_", "")


def server_ssl_disabled(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    for key, value, line in spring_settings(doc):
        if key == "server.ssl.enabled" and value.lower() == "false":
            yield Match(LineSpan.at(line), key=key, context={"setting": "server.ssl.enabled=false"})


_ENDPOINTS_OFF = {"management.endpoints.access.default": "none", "management.endpoints.enabledbydefault": "false"}


def actuator_exposes_all(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """Not reported when the same file turns every endpoint off by default
    (`management.endpoints.access.default: none`, `enabled-by-default: false`): `*` then
    exposes only the endpoints switched on one by one."""
    settings = spring_settings(doc)
    if any(_ENDPOINTS_OFF.get(key) == value.lower() for key, value, _ in settings):
        return
    for key, value, line in settings:
        if key in ("management.endpoints.web.exposure.include", "endpoints.web.exposure.include") and "*" in [v.strip() for v in value.split(",")]:
            yield Match(LineSpan.at(line), key=key, context={"setting": "management.endpoints.web.exposure.include=*"})


# --- Java security configuration ----------------------------------------------------------

_SESSION_LOGIN = frozenset({"formLogin", "oauth2Login", "rememberMe", "saml2Login", "loginPage", "openidLogin"})


def csrf_disabled_with_sessions(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """`csrf().disable()`, `csrf(c -> c.disable())`, `csrf(AbstractHttpConfigurer::disable)` in a
    file that logs users in with a session cookie (formLogin, oauth2Login, saml2Login,
    rememberMe) and never sets SessionCreationPolicy.STATELESS. A stateless API that takes
    bearer tokens has no ambient cookie to forge with, and is not reported."""
    text = doc.text
    if "csrf" not in text or "STATELESS" in text or not any(word in text for word in _SESSION_LOGIN):
        return
    found = code_tokens(doc, javascript=False)
    if found is None:
        return
    toks, starts = found
    idents = {t.text for t in toks if t.kind == IDENT}
    if not idents & _SESSION_LOGIN or "STATELESS" in idents:
        return
    for i, tok in enumerate(toks):
        if tok.kind == IDENT and tok.text == "csrf" and is_punct(toks, i + 1, "(") and _csrf_disabled(toks, i + 1):
            yield Match(LineSpan.at(line_of(text, tok.start, starts)), key="csrf", context={"setting": "CSRF protection disabled"})


def _csrf_disabled(toks: list[Token], open_index: int) -> bool:
    close = matching_paren(toks, open_index, 200)
    inside = [t.text for t in toks[open_index + 1 : close]]
    if not inside:  # csrf().disable()
        return is_punct(toks, close + 1, ".") and close + 2 < len(toks) and toks[close + 2].text == "disable"
    if inside[-2:] == ["::", "disable"]:
        return True
    return "->" in inside and "disable" in inside[inside.index("->") :] and "ignoringRequestMatchers" not in inside and "ignoringAntMatchers" not in inside



_MATCHERS = frozenset({"antMatchers", "requestMatchers", "mvcMatchers", "regexMatchers", "pathMatchers", "antMatcher", "requestMatcher"})
_HEALTH_ROUTE = re.compile(r"(?:^|/)(?:api/)?(?:v\d+/)?(?:patients?|fhir|r4|stu3|dstu2|medical-?records?|health-?records?|encounters?|observations?)(?:[/*.?]|$)", re.I)
_PUBLIC_FHIR = re.compile(r"/(?:metadata|\.well-known)(?:/|$)|/swagger|/api-docs", re.I)


def permit_all_health_routes(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    """`requestMatchers("/patient/**").permitAll()` and the other matcher methods: patient and
    FHIR resources open to anonymous callers. A FHIR server's `/metadata` and `.well-known`
    (public by the specification) and OPTIONS pre-flight matchers are not reported."""
    text = doc.text
    if "permitAll" not in text:
        return
    found = code_tokens(doc, javascript=False)
    if found is None:
        return
    toks, starts = found
    for i, tok in enumerate(toks):
        if tok.kind != IDENT or tok.text not in _MATCHERS or not is_punct(toks, i + 1, "("):
            continue
        close = matching_paren(toks, i + 1, 400)
        if not (is_punct(toks, close + 1, ".") and close + 2 < len(toks) and toks[close + 2].text == "permitAll"):
            continue
        args = toks[i + 2 : close]
        if any(t.text == "OPTIONS" for t in args if t.kind == IDENT):
            continue
        routes = [t.text for t in args if t.kind == STRING and _HEALTH_ROUTE.search(t.text) and not _PUBLIC_FHIR.search(t.text)]
        if routes:
            route = re.sub(r"[^\w/*.{}-]", "", routes[0])[:80]
            yield Match(LineSpan.at(line_of(text, tok.start, starts)), key=route, context={"setting": f"permitAll() on {route}"})


__all__ = ["actuator_exposes_all", "csrf_disabled_with_sessions", "permit_all_health_routes", "server_ssl_disabled", "spring_settings"]
