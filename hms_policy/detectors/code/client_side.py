"""Whether a JavaScript/TypeScript file runs in the user's browser or app (a React, Vue,
Angular or Svelte component, a React Native screen), where `console.*` writes to that user's
own developer console: transient output on the machine that already shows the data, not a
server log that is kept, shipped and read by others."""

from __future__ import annotations

import re

from hms_policy.targets.document import Document

_COMPONENT_EXTENSIONS = (".jsx", ".tsx", ".vue", ".svelte")
_UI_FRAMEWORK_IMPORT = re.compile(
    r"""(?:\bfrom\s*|\brequire\(\s*)['"](?:react|react-dom|react-native|preact|vue|svelte|solid-js|@angular/(?:core|common|forms|material))(?:/[\w./-]*)?['"]"""
    r"|\bangular\s*\.\s*module\s*\("
)


def runs_client_side(doc: Document) -> bool:
    if doc.path.lower().endswith(_COMPONENT_EXTENSIONS):
        return True
    return doc.memo("client-side", lambda: _UI_FRAMEWORK_IMPORT.search(doc.text) is not None)
