"""Random-looking strings that are data, not keys: what the entropy plugins (SEC012) see most
in real code besides credentials. Pure functions over one value and its line."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence

from hms_policy.secrets.constants import is_published_constant
from hms_policy.secrets.values import is_path_shaped

# The name a value is assigned to or sits under: `id="..."`, `"reference": "..."`.
# `name = "..."`, `name: "..."`, and a fallback `env.NAME || "..."` / `?? "..."`: the value's name.
# (quotes may be escaped: JSON inside a string, `{\"Hdid\": \"...`)
# A type annotation between them (`revision: str = "..."`, `readonly kid: string = "..."`) is skipped.
_KEY_BEFORE = re.compile(
    r"([A-Za-z_][\w.\-]*)(?:\\?[\"'\]]){0,2}(?::\s*[A-Za-z_][\w.]*(?:\[[\w.\[\], |]{0,60}\])?(?:\s*\|\s*[A-Za-z_][\w.]*(?:\[[\w.\[\], |]{0,60}\])?)*(?=\s*=[^=>]))?\s*(?:=>|:=|=|:|\|\||\?\?)\s*\[?\s*\\?[\"'`]?$"
)
# A list item alone on its line (`  "abc...",`), and the line that opens its list (`name = [`).
_LIST_ITEM = re.compile(r"""^\s*["'][^"']+["']\s*,?\s*(?:#.*|//.*)?$""")
_LIST_OPEN = re.compile(r"([A-Za-z_][\w.\-]*)[\"']?\s*(?:=|:)\s*\[\s*$")
# `20240101_backfill_patient_flags`, `ComposerStaticInit<hex>`: names of files and classes.
_SNAKE_NAME = re.compile(r"^[0-9]*_?[a-z][a-z0-9]*(?:_[a-z0-9]+){2,}$")
_HASHED_NAME = re.compile(r"^[A-Z][A-Za-z]{7,}[0-9a-f]{32,40}$")
# Names of identifiers, digests and public material (`changeSet id`, `"reference"` git SHAs,
# `load_checksum`, `thumbprint_list`, `vapid_public_key`); Travis `secure:` values are
# encrypted to the repository's key, safe to commit by design; so are SOPS files' `enc:` data
# keys (wrapped by KMS, age or PGP).
_DATA_NAMES = frozenset(
    "id ids uid uuid guid sid ref reference revision rev commit sha checksum checksums hash digest fingerprint etag "
    "thumbprint thumbprints integrity secure encrypted ciphertext enc path paths dir directory folder salt "
    "commits shas hashes digests revises "
    # a certificate (an X.509 body, a JWK's `x5c` chain) is public by design; its key is judged apart
    "certificate certificates cert certs crt x5c "
    # names of things: a FHIR StructureMap rule's generated `name`, a container host name, an
    # image repository, a bucket, a function app (`echo "FUNCTION_APP=..." >> $GITHUB_ENV`)
    "name names host hostname repo repository registry bucket image app".split()
)
# A line of prose that gives an example (a GraphQL or OpenAPI description, a docstring).
_EXAMPLE_PROSE = re.compile(r"(?i)^\s*(?:#+|//+|\*|\"{3})?\s*(?:for\s+)?examples?(?:\s+(?:value|id|token|key))?\s*:\s")
_PUBLIC = frozenset(("public", "pub", "publickey", "pubkey"))
_HEX = re.compile(r"^[0-9a-fA-F]+$")
_DIGEST_LENGTHS = frozenset((32, 40, 56, 64, 96, 128))
# A row of a SQL seed or dump: digests there are stored password hashes and file checksums.
_SQL_ROW = re.compile(r"(?i)^\s*(?:insert\s+into\b.*\bvalues\b|\(.*\)\s*[,;]?\s*$)")
_KEYISH = re.compile(r"(?i)api[_-]?key|secret|token|private")
# A stored password hash sits beside its salt: `<column name="salt" .../>`, `"salt": "..."`, `salt=`.
_SALT_BESIDE = re.compile(r"""(?i)(?:name\s*=\s*["']salt["']|["']?\bsalt["']?\s*[:=])""")
# A digest-length hex string as a JSON object key: files or blobs keyed by their content hash.
_HEX_KEY_AFTER = re.compile(r"""^["']\s*:\s*[{\[]""")
# `env("VAPID_PUBLIC_KEY", default="...")`: the setting a call's `default=` belongs to.
_CALL_NAME = re.compile(r"""["']([A-Za-z_][\w.\-]*)["']""")
# A quoted `NAME=value` (a shell `echo` into $GITHUB_ENV, a `-e NAME=value` argument).
_ASSIGNMENT_VALUE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=[^=\s]")
LONG_HEX = 256  # longer hex literals are tables and blobs (keys are at most 128 hex digits)
LONG_BASE64 = 2048  # longer base64 literals are embedded files, fonts, tries


def is_data_not_key(value: str, line: str, previous_line: str = "", next_line: str = "") -> bool:
    """`previous_line`: the line before, which names a list whose items sit on their own lines
    (or the setting a `default=` belongs to); `next_line`: the line after (a hash's salt)."""
    v = value.strip().strip("'\"`")
    if is_published_constant(v) or _is_alphabet(v) or is_path_shaped(v):
        return True
    if _SNAKE_NAME.match(v) or _HASHED_NAME.match(v) or _is_camel_name(v) or _is_word_chain(v):
        return True
    if _EXAMPLE_PROSE.match(line):
        return True  # `Example value: "..."` in a schema's or API's description
    assigned = _ASSIGNMENT_VALUE.match(v)
    if assigned and _is_data_name(assigned.group(1)):
        return True  # `echo "FUNCTION_APP=pdhdemo1-functionapp" >> $GITHUB_ENV`: the string holds its name
    if _is_timestamped_name(v) or _SITE_VERIFICATION.search(line):
        return True  # a migration's timestamped name; a token a site publishes to prove ownership
    if _DHIS2_UID_PAIR.match(v):
        return True  # `cakCs9wAFh1-nJevmP4V2K0`: a DHIS2 data element and its category option combo
    if _CLIA.match(v):
        return True  # a CLIA laboratory number (`12D4567890`): a public identifier of a lab
    if len(v) > (LONG_HEX if _HEX.match(v) else LONG_BASE64):
        return True
    if _is_encoded_document(v) or _named_as_data(v, line) or _decoded_in_place(v, line):
        return True
    opened = _LIST_OPEN.search(previous_line) if previous_line and _LIST_ITEM.match(line) else None
    if opened is not None and _is_data_name(opened.group(1)):
        return True
    if _is_object_id(v):
        return True
    if _url_path(v, line):
        return True
    if _fhir_identifier_value(v, line, previous_line, next_line):
        return True
    if len(v) in (16, 40) and _HEX.match(v) and any(_GPG_CONTEXT.search(x) for x in (line, previous_line, next_line)):
        return True  # the fingerprint of a public signing key a build trusts (`gpg --recv-keys`)
    if len(v) == 32 and _HEX.match(v) and re.search(r"(?<![\w:])\d{1,2}(?::|\s*=\s*[\"'])" + v, line):
        return True  # Liquibase's `validCheckSum: 8:<md5>`: a versioned checksum of a change set
    if is_migration_row(line):
        return True  # a schema-migration tool's bookkeeping row: ids, file names, checksums
    if _jwk_member(v, line):
        return True  # one finding per JSON Web Key: its private exponent (Private Key Material)
    if _default_of_public_setting(v, line, previous_line) or _hex_object_key(v, line):
        return True
    if _HEX.match(v) and len(v) >= 32 and any(_SALT_BESIDE.search(x) for x in (line, previous_line, next_line)):
        return True  # a salted password hash in a seed or snapshot row: the salt is beside it
    return bool(_HEX.match(v) and len(v) in _DIGEST_LENGTHS and _SQL_ROW.match(line) and not _KEYISH.search(line))


def _default_of_public_setting(value: str, line: str, previous_line: str) -> bool:
    """`default="..."` of a call whose setting name (on this line or the one before) is public."""
    at = line.find(value)
    found = _KEY_BEFORE.search(line[:at]) if at > 0 else None
    if found is None or found.group(1).lower() != "default":
        return False
    names = _CALL_NAME.findall(line[: found.start()]) or _CALL_NAME.findall(previous_line)
    return bool(names) and any(w in _PUBLIC for w in _words(names[-1]))


# Rows of the tables migration tools keep for themselves (Liquibase, Flyway, Rails, Django,
# Entity Framework, Alembic): change ids, authors, file names and checksums, never credentials.
_MIGRATION_ROW = re.compile(
    r"(?i)^\s*insert\s+into\s+[`\"\[]?(?:\w+[`\"\]]?\.[`\"\[]?)?"
    r"(?:liquibasechangelog|databasechangelog|flyway_schema_history|schema_migrations|django_migrations|__efmigrationshistory|alembic_version)\b"
)


_URL_NAMES = frozenset("url urls uri uris href link links endpoint route".split())


def _url_path(value: str, line: str) -> bool:
    """`"to_concept_url": "/orgs/PEPFAR/sources/DATIM/concepts/HllvX50cXC0/"`: a relative URL
    path (rooted, three segments or more) under a key named for a URL, or one whose segments
    alternate resource words and ids (four or more, two of them lower-case words)."""
    if not value.startswith("/") or value.count("/") < 3 or "//" in value:
        return False
    segments = [p for p in value.split("/") if p]
    if len(segments) >= 4 and sum(1 for p in segments if p.isalpha() and p.islower() and len(p) >= 3) >= 2:
        return True  # `/orgs/PEPFAR/sources/DATIM/concepts/tBoWuTd0ERY/`: a REST resource path
    at = line.find(value)
    found = _KEY_BEFORE.search(line[:at]) if at > 0 else None
    words = _words(found.group(1)) if found is not None else []
    return bool(words) and words[-1] in _URL_NAMES


_FHIR_SYSTEM = re.compile(r'"system"\s*:\s*"[^"]+"')


def _fhir_identifier_value(value: str, line: str, previous_line: str, next_line: str) -> bool:
    """`{"system": ".../mbi-hash", "value": "a006..."}`: the value of a FHIR Identifier or
    Coding, named by its system on the line before (or after, or on the same line); an
    identifier of a record, not a key."""
    if _FHIR_XML_VALUE.search(line):  # `<system value='...'/>` beside `<value value='...'/>`
        return any(_FHIR_XML_SYSTEM.search(x) for x in (previous_line, next_line))
    at = line.find(value)
    found = _KEY_BEFORE.search(line[:at]) if at > 0 else None
    if found is None or found.group(1) not in ("value", "code"):
        return False
    return any(_FHIR_SYSTEM.search(x) for x in (line, previous_line, next_line))


_FHIR_XML_VALUE = re.compile(r"^\s*<(?:value|code)\s+value=")
_FHIR_XML_SYSTEM = re.compile(r"^\s*<system\s+value=")


_GPG_CONTEXT = re.compile(r"(?i)\bgpg2?\b|GNUPGHOME|--recv-keys?|keyserver|\bGPG_KEYS?\b|\bfingerprint\b")


def _is_object_id(value: str) -> bool:
    """A MongoDB ObjectId: 24 lowercase hex digits that open with the second it was made (a
    Unix time between 2009 and 2035), a document's key rather than a secret."""
    if len(value) != 24 or not all(c in "0123456789abcdef" for c in value):
        return False
    return 0x4A000000 <= int(value[:8], 16) <= 0x7A000000


def is_migration_row(line: str) -> bool:
    """The whole line (a dump writes every row of a table on one line, which the scan reads in
    windows) is an INSERT into a migration tool's own table."""
    return _MIGRATION_ROW.match(line) is not None


_JWK_MEMBERS = frozenset("n e d p q dp dq qi x y k kid x5t".split())
_BASE64URL = re.compile(r"^[A-Za-z0-9_-]{20,}$")


def _jwk_member(value: str, line: str) -> bool:
    """`"n": "wJq2..."`, `"qi": "z24j..."`: a member of a JSON Web Key, base64url-encoded."""
    at = line.find(value)
    found = _KEY_BEFORE.search(line[:at]) if at > 0 else None
    return found is not None and found.group(1) in _JWK_MEMBERS and _BASE64URL.match(value) is not None


def _hex_object_key(value: str, line: str) -> bool:
    at = line.find(value)
    return at >= 0 and len(value) in _DIGEST_LENGTHS and _HEX.match(value) is not None and _HEX_KEY_AFTER.match(line[at + len(value) :]) is not None


_CLIA = re.compile(r"^\d{2}D\d{7}$")
# DHIS2 identifiers (a letter and ten letters or digits), paired as `dataElement-categoryOptionCombo`
# in indicator mappings: the keys of a health information system's metadata.
_DHIS2_UID_PAIR = re.compile(r"^[A-Za-z][A-Za-z0-9]{10}(?:[-.][A-Za-z][A-Za-z0-9]{10}){1,2}$")
# `MOH`, `Age`, `HIVStatus`, `2024`, `CodeOverflow1` (a numbered name)
_WORD_PIECE = re.compile(r"^(?:(?:[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]{2,}|[A-Z][a-z](?=[A-Z\d]|$)|[A-Z](?=[A-Z][a-z]))+\d{0,2}|\d{1,4})$")


def _is_word_chain(value: str) -> bool:
    """`TX-NEW-N-MOH-Age-Sex-HIVStatus-j0yodS3zbnW`: words and acronyms joined by `-` or `_`
    (a name, with at most one id piece); a random url-safe string breaks into mixed-case pieces.
    Fewer pieces are a name when every one is words and they hold five words or more: a SQL
    constraint or index name (`CHK_TokenQuantityCompositeSearchParam_CodeOverflow1`)."""
    pieces = [p for p in re.split(r"[-_]", value) if p]
    if len(pieces) < 4:
        return len(pieces) >= 2 and all(_WORD_PIECE.match(p) for p in pieces) and len(_CAMEL_TOKEN.findall(value)) >= 5
    words = [p for p in pieces if _WORD_PIECE.match(p) or len(p) == 1]
    return len(words) >= len(pieces) - 1 and sum(len(w) >= 3 for w in words) >= 3


_CAMEL_TOKEN = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


# An acronym then two capitalised words or more (`APFPatientData`, `APBillingItemModel`).
_ACRONYM_THEN_WORDS = re.compile(r"^[A-Z]{2,6}(?:[A-Z][a-z]{2,}){2,}$")


def names_a_type(value: str) -> bool:
    """`APFPatientData`: a class or field named in words, not a token of that prefix."""
    return _ACRONYM_THEN_WORDS.match(value) is not None or _is_camel_name(value)


def _is_camel_name(value: str) -> bool:
    """`hl7ImportReportMissingStudyIUIDCFindSCP`: a setting or attribute name run together in
    camelCase, pronounceable words; a random string of that length breaks into short pieces of
    mixed case, or into runs of consonants no word has."""
    if not value.isascii() or not value.isalnum():
        return False
    tokens = _CAMEL_TOKEN.findall(value)
    words = [t.lower() for t in tokens if not t.isupper() and not t.isdigit()]
    numbers = sum(t.isdigit() for t in tokens)
    acronyms = len(tokens) - len(words) - numbers
    if numbers > 2 or acronyms > 3 or any(len(w) >= 4 and not _pronounceable(w) for w in words):
        return False
    long_words = [w for w in words if len(w) >= 4]
    # three-letter words with a vowel count toward the cover (`And`, `Max`), not to the three words
    covered = sum(map(len, long_words)) + sum(3 for w in words if len(w) == 3 and any(c in "aeiou" for c in w))
    return len(long_words) >= 3 and 3 * covered >= 2 * len(value)


_CONSONANT_RUN = re.compile(r"[^aeiouy]{5}")  # `strength` has four


# `1744340076240-fixRaceConditionInSettingUpdateSyncTick`: a migration named by its timestamp.
_TIMESTAMPED = re.compile(r"^\d{8,14}[-_]([A-Za-z][A-Za-z_-]+)$")


def _is_timestamped_name(value: str) -> bool:
    found = _TIMESTAMPED.match(value)
    if found is None:
        return False
    pieces = _CAMEL_TOKEN.findall(found.group(1))
    return len(pieces) >= 2 and sum(map(len, pieces)) >= 3 * len(pieces)  # words, not random letters


# Domain-ownership tokens are published in the site's own HTML on purpose.
_SITE_VERIFICATION = re.compile(
    r"""(?i)\bname\s*=\s*["'](?:google-site-verification|msvalidate\.01|yandex-verification|facebook-domain-verification|p:domain_verify|baidu-site-verification)["']"""
)


def _pronounceable(word: str) -> bool:
    return any(c in "aeiouy" for c in word) and _CONSONANT_RUN.search(word) is None


def _is_alphabet(value: str) -> bool:
    """`bcdfghjklmnpqrstvwxyz`: a character set, as password generators carry; in order, or
    most of one letter case without a repeat (which a random string of that length would have)."""
    if len(value) >= 10 and all(a < b for a, b in zip(value, value[1:])):
        return True
    if len(value) >= 45 and len(set(value)) == len(value):
        return True  # every character once, in any order (a keyboard-row alphabet): 45 random draws repeat one
    return len(value) >= 20 and len(set(value)) == len(value) and (value.islower() or value.isupper()) and value.isalpha()


_TEXT_BREAKS = re.compile(r"[\s|^~&]+")  # words, or HL7 v2 fields and components


def _is_encoded_document(value: str) -> bool:
    """base64 of JSON or XML (saved settings, layouts), or of prose or code (a FHIR Attachment's
    SQL, a template): a document, not a random key, which decodes to bytes, not to words."""
    if "." in value:
        return False  # "." would make it a JWT, judged by its own rule
    try:
        text = base64.b64decode(value + "=" * (-len(value) % 4), validate=False).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return False
    if value.startswith(("eyJ", "WyJ", "W3s", "PD94", "PHN")):
        return text.lstrip().startswith(("{", "[", "<")) and "alg" not in text[:40]
    printable = all(c.isprintable() or c in "\r\n\t" for c in text)
    return len(text) >= 16 and printable and len(_TEXT_BREAKS.split(text.strip())) >= 4


# The argument of a base64 decoder (`eval(base64_decode('...'))` in PHP, `atob("...")`,
# `b64decode(b"...")`): text the code decodes and uses in place.
_DECODER_BEFORE = re.compile(r"(?:base64_decode|atob|b64decode|decodebytes|Base64\.decode|FromBase64String|getDecoder\(\)\.decode)\s*\(\s*b?[\"'`]$")


def _decoded_in_place(value: str, line: str) -> bool:
    """A decoder's literal argument that decodes to printable text (code, a path, markup): what
    the program runs or shows, not a key (a key decodes to bytes)."""
    at = line.find(value)
    if at <= 0 or _DECODER_BEFORE.search(line[:at]) is None:
        return False
    try:
        text = base64.b64decode(value + "=" * (-len(value) % 4), validate=False).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return False
    return len(text.strip()) >= 8 and all(c.isprintable() or c in "\r\n\t" for c in text)


# An item of a tuple or list literal, named by the key the literal is assigned to: Alembic's
# merge revisions `down_revision = ('481d8266a4c0', 'c3d394d9dfd1')` and `Revises: (...)`.
_SEQUENCE_ITEM = re.compile(r"""([A-Za-z_][\w.\-]*)["'\]]{0,2}\s*(?:=|:)\s*[(\[]\s*(?:["'][^"']*["']\s*,\s*)*["']$""")


def _named_as_data(value: str, line: str) -> bool:
    at = line.find(value)
    found = (_KEY_BEFORE.search(line[:at]) or _SEQUENCE_ITEM.search(line[:at])) if at > 0 else None
    if found is None:
        return False
    return _is_data_name(found.group(1)) or _FILE_KEY.search(found.group(1)) is not None


# A key that is a file's name (`"app/delivery.xlsx": "1xU3..."`): its value is that file's id
# in a store (a Drive or S3 object id, an etag, a digest), not a credential.
_FILE_KEY = re.compile(
    r"\.(?:xlsx?|xlsm|ods|csv|tsv|json|xml|ya?ml|pdf|docx?|odt|pptx?|png|jpe?g|gif|svg|webp|zip|tar|t?gz|jar|war|whl|"
    r"js|mjs|css|html?|txt|md|xsd|xslt?|sql|bin|img|iso|mp[34]|wav)$",
    re.I,
)


def _words(name: str) -> list[str]:
    return [w.lower() for w in re.split(r"[-_.]|(?<=[a-z0-9])(?=[A-Z])", name) if w]


_ABBREVIATED_ID = re.compile(r"^[b-df-hj-np-tv-z]{2,3}id$")


def _is_data_name(name: str) -> bool:
    words = _words(name)
    if words and words[-1] == "list":
        words = words[:-1]  # `thumbprint_list`
    if words[-2:] == ["git", "head"]:
        return True  # npm's `gitHead`: the commit a package was published from
    if words[-2:] == ["site", "key"] or words[-1:] == ["sitekey"]:
        return True  # a CAPTCHA site key (reCAPTCHA, hCaptcha, Turnstile): sent to every browser
    if words and _ABBREVIATED_ID.match(words[-1]):
        return True  # `hdid`, `mrid`: an abbreviation's identifier (not `valid`, `paid`)
    return bool(words) and (words[-1] in _DATA_NAMES or any(w in _PUBLIC for w in words))


# PEM blocks whose body is public by design: certificates, public keys, CRLs and requests
# (`"-----BEGIN CERTIFICATE-----\n" + "MIID..."` in code that hands a printing agent its
# certificate). Private keys are judged by their own rule (SEC100), not here.
_PUBLIC_PEM_BEGIN = re.compile(
    r"-----BEGIN (?:CERTIFICATE|TRUSTED CERTIFICATE|X509 CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|X509 CRL"
    r"|(?:NEW )?CERTIFICATE REQUEST|PGP PUBLIC KEY BLOCK|PGP SIGNATURE|SSH2 PUBLIC KEY)-----"
)
_PEM_END = re.compile(r"-----END [A-Z0-9 ]+-----")
_PEM_LINES = 200  # a 4096-bit certificate is about 40 lines of base64; a chain a few of those


def public_pem_lines(lines: Sequence[str]) -> frozenset[int]:
    """Indexes of the lines of a public PEM block that spans lines (its BEGIN and END lines
    included). A block written on one line (JSON's `\\n` escapes) is not vouched for: other
    values may share that line."""
    inside: set[int] = set()
    opened: int | None = None
    for index, line in enumerate(lines):
        if opened is None:
            begin = _PUBLIC_PEM_BEGIN.search(line) if "-----BEGIN" in line else None
            if begin is not None and not _PEM_END.search(line, begin.end()):
                opened = index
        elif _PEM_END.search(line):
            inside.update(range(opened, index + 1))
            opened = None
        elif index - opened > _PEM_LINES:
            opened = None  # no END: not a block we can vouch for
    return frozenset(inside)
