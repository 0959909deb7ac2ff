"""Transport-security checks in application code and its configuration.

* `js_tls_verification_disabled`: `rejectUnauthorized: false` (also `= false`, minified
  `!1`), request's `strictSSL: false`, a `checkServerIdentity` that accepts anything, and
  `NODE_TLS_REJECT_UNAUTHORIZED=0` in code, `.env` files, Dockerfiles, compose files,
  Kubernetes env entries and package.json scripts. In JavaScript it reads tokens, so text in
  comments and strings ("never set rejectUnauthorized: false") is not a finding.
* `java_trust_all`: X509TrustManager implementations whose `checkServerTrusted` does
  nothing, host-name verifiers that return true (lambdas and anonymous classes), and the
  library shortcuts (NoopHostnameVerifier, ALLOW_ALL_HOSTNAME_VERIFIER, TrustAllStrategy,
  TrustSelfSignedStrategy, Netty's InsecureTrustManagerFactory). A trust manager that
  checks something is not reported, whatever it implements.
* `plain_http_health_api`: `http://` URLs that point at health APIs (FHIR base URLs and
  resources, HL7 / MLLP gateways, integration engines, DICOMweb, EHR hosts, the ABDM
  gateway). Not reported: loopback and the reserved test names (localhost, *.local,
  *.localhost, *.test, *.example, *.invalid, example.com/org/net), identifier URIs that are
  never fetched (hl7.org and terminology.hl7.org code systems, snomed.info, loinc.org,
  unitsofmeasure.org, XML namespaces, `"system":` values and other identifier contexts,
  FHIR canonical paths such as /StructureDefinition/ or /CodeSystem/), comment lines, and URLs
  that do not open a string literal (licence headers, doc comments and docstrings, text of a
  message: a client call is given the URL itself, `"http://..."`). A single-label
  host (`http://fhir-server:8080/fhir`, a container name) or a private address is still
  plain text on a network, and is reported with lower confidence (0.5).
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any, Iterator, Mapping

from hms_policy.detectors.code.clike import IDENT, NUMBER, PUNCT, STRING, Token, document_tokens, line_of, line_starts, matching_paren
from hms_policy.model import LineSpan, Match, TargetKind
from hms_policy.targets.document import Document

# --- JavaScript / Node.js ----------------------------------------------------------------

_NODE_TLS_ENV = re.compile(r"\bNODE_TLS_REJECT_UNAUTHORIZED\b[\"']?\s*[:=]\s*[\"']?0(?![\d.])")
_K8S_ENV_NAME = re.compile(r"name:\s*[\"']?NODE_TLS_REJECT_UNAUTHORIZED[\"']?\s*$")
_K8S_ENV_VALUE = re.compile(r"^\s*value:\s*[\"']?0[\"']?\s*$")
_OFF_FLAGS = {"rejectUnauthorized": "false", "strictSSL": "false"}


def js_tls_verification_disabled(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    if doc.kind is TargetKind.JAVASCRIPT:
        yield from _js_tokens(doc)
        return
    previous_name = 0
    for number, text in doc.iter_lines():
        stripped = text.lstrip()
        if stripped.startswith(("#", "//")):
            continue
        if _NODE_TLS_ENV.search(text):
            yield Match(LineSpan.at(number), key="NODE_TLS_REJECT_UNAUTHORIZED", context={"setting": "NODE_TLS_REJECT_UNAUTHORIZED=0"})
        elif _K8S_ENV_NAME.search(text):
            previous_name = number
        elif previous_name and number - previous_name <= 2 and _K8S_ENV_VALUE.match(text):
            yield Match(LineSpan.at(number), key="NODE_TLS_REJECT_UNAUTHORIZED", context={"setting": "NODE_TLS_REJECT_UNAUTHORIZED=0"})
            previous_name = 0


def _js_tokens(doc: Document) -> Iterator[Match]:
    toks = document_tokens(doc, javascript=True)
    if toks is None:
        return
    text = doc.text
    starts = line_starts(text)
    for i, tok in enumerate(toks):
        name = tok.text if tok.kind in (IDENT, STRING) else ""
        if name in _OFF_FLAGS and _is(toks, i + 1, ":", "=") and _false(toks, i + 2):
            if name == "rejectUnauthorized" and _requests_client_certs(toks, i):
                continue  # a TLS server asking for client certificates and judging them itself
            yield Match(LineSpan.at(line_of(text, tok.start, starts)), key=name, context={"setting": f"{name}: false"})
        elif name == "checkServerIdentity" and _is(toks, i + 1, ":", "=") and _accepts_anything(toks, i + 2):
            yield Match(LineSpan.at(line_of(text, tok.start, starts)), key=name, context={"setting": "checkServerIdentity accepts any host"})
        elif name == "NODE_TLS_REJECT_UNAUTHORIZED":
            j = i + 1
            if _is(toks, j, "]"):
                j += 1
            if _is(toks, j, "=") and j + 1 < len(toks) and toks[j + 1].kind in (STRING, NUMBER) and toks[j + 1].text == "0":
                yield Match(LineSpan.at(line_of(text, tok.start, starts)), key=name, context={"setting": "NODE_TLS_REJECT_UNAUTHORIZED=0"})


def _requests_client_certs(toks: list[Token], i: int) -> bool:
    """`requestCert: true` beside it (`options.requestCert = true`): the options of a TLS
    server that asks for client certificates. `rejectUnauthorized: false` there lets the
    handshake finish so the application can check the certificate (optional mutual TLS); it
    does not turn off verification of a server the code connects to."""
    for j in range(max(0, i - 30), min(i + 30, len(toks) - 2)):
        if toks[j].text == "requestCert" and _is(toks, j + 1, ":", "=") and toks[j + 2].text == "true":
            return True
    return False


def _is(toks: list[Token], i: int, *values: str) -> bool:
    return 0 <= i < len(toks) and toks[i].kind == PUNCT and toks[i].text in values


def _false(toks: list[Token], i: int) -> bool:
    """`false`, or the minified `!1`, ending the value."""
    if i < len(toks) and toks[i].kind == IDENT and toks[i].text == "false":
        end = i + 1
    elif _is(toks, i, "!") and i + 1 < len(toks) and toks[i + 1].text == "1":
        end = i + 2
    else:
        return False
    return end >= len(toks) or _is(toks, end, ",", "}", ";", ")") or toks[end].newline_before


def _accepts_anything(toks: list[Token], i: int) -> bool:
    """`() => undefined`, `() => {}`, `function () { return undefined; }` and similar."""
    window = [t.text for t in toks[i : i + 12]]
    if "=>" in window:
        after = window[window.index("=>") + 1 :]
        return after[:1] in (["undefined"], ["null"]) or after[:2] == ["{", "}"] or after[:4] in (["{", "return", "undefined", ";"], ["{", "return", ";", "}"])
    if window[:1] == ["function"] and "{" in window:
        body = window[window.index("{") + 1 :]
        return body[:1] == ["}"] or body[:2] in (["return", "undefined"], ["return", ";"])
    return False


# --- Java --------------------------------------------------------------------------------

_JAVA_SHORTCUTS = frozenset(
    "NoopHostnameVerifier ALLOW_ALL_HOSTNAME_VERIFIER AllowAllHostnameVerifier TrustAllStrategy "
    "TrustSelfSignedStrategy InsecureTrustManagerFactory".split()
)
_VERIFIER_SETTERS = frozenset("setHostnameVerifier setDefaultHostnameVerifier setSSLHostnameVerifier hostnameVerifier loadTrustMaterial".split())


def java_trust_all(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    toks = document_tokens(doc, javascript=False)
    if toks is None:
        return
    text = doc.text
    starts = line_starts(text)
    import_line = False
    for i, tok in enumerate(toks):
        if tok.kind == IDENT and tok.text in ("import", "package") and (i == 0 or _is(toks, i - 1, ";") or tok.newline_before):
            import_line = True
        elif _is(toks, i, ";"):
            import_line = False
        if tok.kind != IDENT or import_line:
            continue
        line = line_of(text, tok.start, starts)
        if tok.text in _JAVA_SHORTCUTS:
            yield Match(LineSpan.at(line), key=tok.text, context={"what": tok.text})
        elif tok.text == "checkServerTrusted" and _is(toks, i + 1, "(") and _empty_body(toks, i + 1):
            yield Match(LineSpan.at(line), key="checkServerTrusted", context={"what": "a trust manager whose checkServerTrusted accepts every certificate"})
        elif tok.text == "verify" and _is(toks, i + 1, "(") and _returns_true(toks, i + 1) and _mentions(toks, i + 1, "SSLSession"):
            yield Match(LineSpan.at(line), key="verify", context={"what": "a HostnameVerifier that accepts every host"})
        elif tok.text in _VERIFIER_SETTERS and _is(toks, i + 1, "("):
            close = matching_paren(toks, i + 1, 200)
            args = [t.text for t in toks[i + 2 : close]]
            if "->" in args and args[args.index("->") + 1 : args.index("->") + 2] == ["true"] or "->" in args and args[args.index("->") + 1 : args.index("->") + 4] == ["{", "return", "true"]:
                yield Match(LineSpan.at(line), key=f"{tok.text}:lambda", context={"what": "a lambda that accepts every host or certificate"})


def _body_after(toks: list[Token], open_paren: int) -> tuple[int, int] | None:
    """(first, last) token indexes of the method body after the parameter list at `open_paren`."""
    close = matching_paren(toks, open_paren, 400)
    j = close + 1
    while j < len(toks) and j < close + 40 and not _is(toks, j, "{", ";"):
        j += 1  # `throws CertificateException`
    if not _is(toks, j, "{"):
        return None  # an interface or abstract declaration
    end = matching_paren(toks, j, 400)
    return j + 1, end


def _empty_body(toks: list[Token], open_paren: int) -> bool:
    body = _body_after(toks, open_paren)
    if body is None:
        return False
    inner = [t.text for t in toks[body[0] : body[1]]]
    return inner in ([], ["return", ";"])


def _returns_true(toks: list[Token], open_paren: int) -> bool:
    body = _body_after(toks, open_paren)
    return body is not None and [t.text for t in toks[body[0] : body[1]]] == ["return", "true", ";"]


def _mentions(toks: list[Token], open_paren: int, name: str) -> bool:
    close = matching_paren(toks, open_paren, 200)
    return any(t.text == name for t in toks[open_paren:close])


# --- plain HTTP to health APIs -----------------------------------------------------------

_URL = re.compile(r"\bhttp://([^\s\"'<>`)\]}|\\,;]{1,400})", re.I)
_HEALTH_WORDS = re.compile(
    r"fhir|hl7|mllp|mirth|rhapsody|openmrs|dicomweb|wado|qido|stow-rs|abdm|ndhm|healthid|"
    r"(?:^|[./_-])(?:ehr|emr)(?:$|[./_:-])",
    re.I,
)
_FHIR_RESOURCE = re.compile(
    r"/(?:Patient|Observation|Encounter|Condition|MedicationRequest|MedicationStatement|DiagnosticReport|"
    r"AllergyIntolerance|Immunization|Procedure|Practitioner|Bundle|DocumentReference|CarePlan|Claim|Coverage)(?:[/?#]|$)"
)
_IDENTIFIER_HOSTS = (
    "hl7.org", "fhir.org", "snomed.info", "loinc.org", "unitsofmeasure.org", "w3.org", "xmlsoap.org",
    "purl.org", "ihe.net", "nucc.org", "nlm.nih.gov", "cms.gov", "cdc.gov", "who.int", "dicom.nema.org",
    "schemas.microsoft.com", "json-schema.org",
)
_TEST_SUFFIXES = (".local", ".localhost", ".test", ".example", ".invalid", ".internal.test")
_TEST_HOSTS = ("example.com", "example.org", "example.net")
# (FHIR's `fullUrl` and `reference` name a resource: the identity of an entry in a bundle, not a call)
_IDENTIFIER_KEYS = re.compile(
    r"(?:[\"']?(?:system|xmlns(?::\w+)?|namespace|profile|\$schema|valueSet|codeSystem|canonical|@context|fullUrl|reference)[\"']?\s*[:=]\s*[\"']?)$", re.I
)
# A bundle's paging link (`link: [{relation: 'self', url: 'http://...'}]`): where a search was, in recorded data.
_LINK_URL = re.compile(r"[\"']?url[\"']?\s*[:=]\s*[\"']?$")
_LINK_RELATION = re.compile(r"[\"']?relation[\"']?\s*:")
# FHIR canonical and identifier URIs: names, not endpoints, even when written http://.
_IDENTIFIER_CONTEXT = re.compile(r"\b(?:system|profile|canonical|namespace|extension|identifier|coding|valueUri|instantiates|xmlns|\$schema)\b", re.I)
# A constant named for an identifier space (`OPENMRS_FHIR_PREFIX = "http://fhir.openmrs.org"`,
# `CODE_SYSTEM_URI`, `xmlNamespace`): the base of names built from it, not a server to call.
_IDENTIFIER_NAME = re.compile(r"(?i)(?:prefix|namespace|_ns|system(?:_?uri)?|canonical(?:_?url)?)\s*[:=]\s*[\"']?$")
_CANONICAL_PATH = re.compile(
    r"/(?:StructureDefinition|CodeSystem|CodingSystem|ValueSet|NamingSystem|ConceptMap|OperationDefinition|SearchParameter|"
    r"CapabilityStatement|ImplementationGuide|GraphDefinition|StructureMap|CompartmentDefinition|MessageDefinition|"
    r"ActivityDefinition|ChargeItemDefinition|EventDefinition|ExampleScenario|Library|Measure|PlanDefinition|Questionnaire|"
    r"ResearchDefinition|ResearchElementDefinition|TerminologyCapabilities|TestScript|sid|ext|extensions?|identifiers?)(?:[/#?]|$)"
)
_COMMENT = re.compile(r"^\s*(?:#|//|/\*|\*|<!--|--)")
# The link of an API description's contact, licence or terms (`new Contact().url("http://...")`,
# `.termsOfService("http://...")`, `licenseUrl = "http://..."`): shown to a reader, never requested.
_DOCUMENTATION_LINK = re.compile(
    r"(?:\bnew\s+(?:Contact|License|ExternalDocumentation)\s*\(\s*\)(?:\s*\.\s*\w+\s*\([^()]*\))*\s*\.\s*url\s*\(|"
    r"\.\s*(?:termsOfService(?:Url)?|licen[cs]eUrl|contactUrl)\s*\(|"
    r"\b(?:termsOfService(?:Url)?|licen[cs]e_?url|contact_?url)[\"']?\s*[:=])\s*[\"'`]$",
    re.I,
)


def plain_http_health_api(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    previous = ""
    for number, text in doc.iter_lines():
        line_before, previous = previous, text
        if "http://" not in text.lower() or _COMMENT.match(text):
            continue
        for found in _URL.finditer(text):
            if not _opens_literal(text, found.start()):
                continue  # prose: a licence header, a doc comment, a log message's text
            rest = found.group(1)
            host, path = _split(rest)
            if not host or _excluded(host):
                continue
            before = text[max(0, found.start() - 200) : found.start()]
            if _IDENTIFIER_KEYS.search(before) or _IDENTIFIER_CONTEXT.search(before) or _IDENTIFIER_NAME.search(before) or _CANONICAL_PATH.search(path):
                continue  # an identifier URI (`"system": "http://..."`, a canonical), never fetched
            if _LINK_URL.search(before) and (_LINK_RELATION.search(before) or _LINK_RELATION.search(line_before)):
                continue  # a recorded bundle's paging link, beside its `relation`
            if _DOCUMENTATION_LINK.search(before):
                continue  # API metadata (Swagger/OpenAPI contact, licence, terms): a link shown to readers
            if _compared(text, found.start()):
                continue  # `system === "http://..."`, `.equals("http://...")`: a name matched, not a request
            if not (_HEALTH_WORDS.search(host) or _HEALTH_WORDS.search(path) or _FHIR_RESOURCE.search(path)):
                continue
            internal = _internal(host)
            yield Match(
                LineSpan.at(number),
                key=f"http://{host}",
                confidence=0.5 if internal else 0.9,
                context={"host": host, "where": "an internal host" if internal else "a network host"},
            )
            break  # one finding per line


_COMPARED_BEFORE = re.compile(r"(?:[!=]==?|\bcase|\.(?:equals(?:IgnoreCase)?|startsWith|endsWith|contentEquals)\s*\()\s*$")
_COMPARED_AFTER = re.compile(r"^\s*(?:[!=]==?|\)\s*\.(?:equals|startsWith)\b)")


def _compared(text: str, start: int) -> bool:
    """The literal opening at `start` (after its quote) is an operand of a comparison or a
    `case` label: code that matches a URI as a name (a FHIR system, an extension) never
    sends anything to it."""
    quote = text[start - 1]
    end = text.find(quote, start)
    after = text[end + 1 :] if end != -1 else ""
    return bool(_COMPARED_BEFORE.search(text[: start - 1]) or _COMPARED_AFTER.match(after))


def _opens_literal(text: str, start: int) -> bool:
    """The URL is a string literal's whole value (`"http://..."`, `f'http://...'`, a JS
    template), the shape of an address a client call uses; a URL inside text is not."""
    return start > 0 and text[start - 1] in "\"'`"


def _split(rest: str) -> tuple[str, str]:
    authority, slash, path = rest.partition("/")
    host = authority.rsplit("@", 1)[-1]  # drop user:password@ (never reported)
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else host
    else:
        host = host.split(":", 1)[0]
    return host.lower().rstrip("."), slash + path


def _excluded(host: str) -> bool:
    if host in ("localhost", "0.0.0.0", "::1", "host.docker.internal") or host.endswith(_TEST_SUFFIXES):
        return True
    if any(host == h or host.endswith("." + h) for h in _TEST_HOSTS + _IDENTIFIER_HOSTS):
        return True
    if "{" in host or "$" in host or "%" in host:
        return True  # a template: the scheme may be decided elsewhere
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified or address.is_link_local


def _internal(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_private
    except ValueError:
        return "." not in host
