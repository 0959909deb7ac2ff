"""MD5 or SHA-1 used on passwords, tokens or other credentials, in Java and JavaScript/TypeScript.

The hash call is found by a tree-sitter query: `MessageDigest.getInstance("MD5" | "SHA-1" |
"SHA1" | "SHA" | "MD2" | "MD4")`, Apache commons `DigestUtils.md5Hex` / `sha1Hex` / ...,
Guava `Hashing.md5()` / `sha1()`; node `crypto.createHash('md5' | 'sha1')`, CryptoJS `MD5` /
`SHA1`, and the `md5` / `sha1` packages' functions. It is reported only near a credential: a
name with `password`, `passwd`, `pwd`, `passcode`, `token`, `secret`, `otp`, `credential`,
`salt` or `api key` in the call's arguments, the hashed chain (`.update(password)`), the
name the result is stored in, or the enclosing function's own name and parameters. A digest
for an ETag, a cache key or a file checksum is not a credential and is not reported.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from hms_policy.detectors.code.credential_names import credential_name
from hms_policy.detectors.code.syntax_tree import call_parts, document_calls, enclosing_function, function_name, line, scope_key, text, walk
from hms_policy.detectors.code.tree_values import literal_text
from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_WEAK = {"md5": "MD5", "sha1": "SHA-1", "sha-1": "SHA-1", "sha": "SHA-1", "md2": "MD2", "md4": "MD4", "rsa-md5": "MD5", "rsa-sha1": "SHA-1"}
_JAVA_HELPERS = {"md5Hex": "MD5", "md5": "MD5", "sha1Hex": "SHA-1", "sha1": "SHA-1", "shaHex": "SHA-1", "sha": "SHA-1", "md2Hex": "MD2", "md2": "MD2"}
_JAVA_HELPER_OWNERS = frozenset("DigestUtils Hashing".split())
_JS_HELPERS = {"md5": "MD5", "MD5": "MD5", "sha1": "SHA-1", "SHA1": "SHA-1", "hex_md5": "MD5", "hex_sha1": "SHA-1"}


def weak_hash_for_credentials(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    java, calls = document_calls(doc)
    for call in calls:
        algorithm = _java_weak(call) if java else _js_weak(call)
        if algorithm is None:
            continue
        if _near_credential(call):
            yield Match(LineSpan.at(line(call)), key=f"{scope_key(call)}:{algorithm}", context={"algorithm": algorithm})


def _java_weak(call: Any) -> str | None:
    name, args = call_parts(call)
    method = text(name)
    owner = text(call.child_by_field_name("object")).rsplit(".", 1)[-1]
    if method == "getInstance" and owner == "MessageDigest" and args is not None and args.named_children:
        return _WEAK.get(literal_text(args.named_children[0]).lower())
    if owner in _JAVA_HELPER_OWNERS and method in _JAVA_HELPERS:
        return _JAVA_HELPERS[method]
    return None


def _js_weak(call: Any) -> str | None:
    name, args = call_parts(call)
    method = text(name)
    if method == "createHash" and args is not None and args.named_children:
        return _WEAK.get(literal_text(args.named_children[0]).lower())
    callee = call.child_by_field_name("function")
    if callee is not None and method in _JS_HELPERS and (callee.type == "identifier" or text(callee.child_by_field_name("object")) in ("CryptoJS", "crypto_js", "cryptoJs")):
        return _JS_HELPERS[method]
    return None


def _near_credential(call: Any) -> bool:
    """A credential name in the call's arguments, the chain around it, the name its result is
    stored in, or the enclosing function's name and parameters."""
    around = call
    # Climb the chain the digest is part of: `createHash('md5').update(pw).digest('hex')`,
    # `md.digest(password.getBytes())`, and the declaration or assignment that stores it.
    for _ in range(6):
        parent = around.parent
        if parent is None or parent.type in ("expression_statement", "block", "statement_block", "class_body", "program"):
            break
        around = parent
    if _mentions_credential(around):
        return True
    func = enclosing_function(call)
    if func.parent is None:
        return False
    if credential_name(function_name(func)):
        return True
    params = func.child_by_field_name("parameters")
    return params is not None and _mentions_credential(params)


def _mentions_credential(node: Any) -> bool:
    for inner in walk(node, 300):
        if inner.type in ("identifier", "property_identifier", "shorthand_property_identifier", "field_identifier") and credential_name(text(inner)):
            return True
    return False
