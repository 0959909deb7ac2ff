"""Ruby on Rails: `config.force_ssl = false` in a production or staging environment file
(config/environments/production.rb, staging.rb). Line-anchored, so comments do not match."""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from hms_policy.model import LineSpan, Match
from hms_policy.targets.document import Document

_PRODUCTION_ENV = re.compile(r"(?:^|/)config/environments/(?:[\w-]*[-_])?(?:production|prod|staging|live)\.rb$")
_FORCE_SSL_OFF = re.compile(r"^\s*config\.force_ssl\s*=\s*(?:false|nil)\s*(?:#.*)?$")


def force_ssl_off(doc: Document, params: Mapping[str, Any]) -> Iterator[Match]:
    if not _PRODUCTION_ENV.search(doc.path):
        return
    for number, text in doc.iter_lines():
        if "force_ssl" in text and _FORCE_SSL_OFF.match(text):
            yield Match(LineSpan.at(number), key="config.force_ssl", context={"setting": "config.force_ssl = false"})


__all__ = ["force_ssl_off"]
