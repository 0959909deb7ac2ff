"""`--format html`: one self-contained page for auditors.

Compliance matrix per pack in natural order (control, citation, status with its reason,
findings, and per control the rules that ran, fired with their counts, or could not run
with the reason), findings grouped by control with file and line, the evidence that ties the report to a tree (tree digest,
git commit, policy versions and digests, signature status), remediation per rule, and
the files that could not be scanned in full. Print CSS makes "save as PDF" an evidence
document: the verdict, tree digest, signature status and pack versions on the first page,
table headers repeated, rows never split across pages.

Self-contained: inline CSS, no scripts, no fonts or images to fetch, and a Content
Security Policy that forbids any fetch should a future edit add one. Every value from
the report goes through `esc()`; links are made only for http(s) references.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from typing import Any, Iterable

from hms_policy.model import ControlResult, Finding, PolicyRef, Report, TargetInfo

MAX_ROWS_PER_CONTROL = 500
SEVERITIES = ("critical", "high", "medium", "low", "info")
STATUS_LABEL = {"pass": "Pass", "fail": "Fail", "not-evaluated": "Not evaluated", "not-applicable": "Not applicable"}
MAX_RULE_IDS = 40  # rules that ran, per control; the rest are counted
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def anchor(*parts: str) -> str:
    """A stable, attribute-safe id for a control."""
    text = ":".join(parts)
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48]
    return f"c-{slug}-{hashlib.sha256(text.encode()).hexdigest()[:6]}"


def render(report: Report, *, signature: str | None = None, **_: Any) -> str:
    name = report.target.name or report.target.root or "scanned tree"
    body = "\n".join(
        [
            _header(report, name),
            "<main>",
            _cards(report),
            _evidence(report, signature),
            _matrix(report),
            _findings(report),
            _rules(report),
            _errors(report),
            "</main>",
            _footer(report),
        ]
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="hms-policy">\n'
        f"<title>Compliance report: {esc(name)}</title>\n"
        f"<style>{_CSS}{_page_css(report, name)}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def css_string(text: str) -> str:
    """A CSS string literal: everything but plain letters, digits and a few marks is a
    hex escape, so no value can end the string, the rule or the <style> element."""
    return '"' + "".join(ch if ch.isascii() and (ch.isalnum() or ch in " ._:-") else f"\\{ord(ch):06x}" for ch in text) + '"'


def _page_css(report: Report, name: str) -> str:
    """Printed pages name the tree and its digest at the top, and count themselves."""
    label = f"{name[:60]} · tree {report.target.digest[:23]}…"
    return (
        "@media print{@page{size:A4;margin:14mm 12mm 16mm;"
        f"@top-right{{content:{css_string(label)};font:9px sans-serif;color:#5d6b7a}}"
        '@bottom-right{content:"page " counter(page) " of " counter(pages);font:9px sans-serif;color:#5d6b7a}'
        f"@bottom-left{{content:{css_string('hms-policy compliance report, ' + report.generated_at)};font:9px sans-serif;color:#5d6b7a}}}}}}"
    )


def _header(report: Report, name: str) -> str:
    s = report.summary
    verdict = "PASS" if s.result == "pass" else "FAIL"
    packs = ", ".join(f"{p.id.upper()} {p.version}" for p in report.policies) or "no policy packs"
    generated = f"Generated {esc(report.generated_at)} · " if report.generated_at else ""
    return (
        '<header class="top"><div class="wrap top-inner">'
        '<div><p class="eyebrow">hms-policy compliance report</p>'
        f"<h1>{esc(name)}</h1>"
        f'<p class="sub">{generated}hms-policy {esc(report.tool.get("version", ""))} · {esc(packs)}</p></div>'
        f'<div class="verdict verdict-{esc(s.result)}"><strong>{verdict}</strong>'
        f"<span>{'no gate (fail_on none)' if s.fail_on == 'none' else f'gate: {esc(s.fail_on)} and above'}</span></div>"
        "</div></header>"
    )


def _cards(report: Report) -> str:
    s = report.summary
    cards = [f'<div class="card"><span class="num">{s.findings}</span><span class="lbl">open findings</span></div>']
    for sev in SEVERITIES:
        n = s.by_severity.get(sev, 0)
        cards.append(f'<div class="card sev-card sc-{sev}{" zero" if not n else ""}"><span class="num">{n}</span><span class="lbl">{sev}</span></div>')
    status = Counter(c.status for c in report.controls)
    cards.append(
        '<div class="card wide"><span class="lbl">controls</span>'
        f'<span class="split"><b class="st-pass">{status["pass"]}</b> pass · <b class="st-fail">{status["fail"]}</b> fail · '
        f'<b class="st-ne">{status["not-evaluated"]}</b> not evaluated · <b class="st-na">{status["not-applicable"]}</b> not applicable</span>'
        + (f'<span class="lbl">{s.suppressed} suppressed finding{"s" if s.suppressed != 1 else ""} (accepted, listed below)</span>' if s.suppressed else "")
        + "</div>"
    )
    return f'<section class="wrap cards" aria-label="Summary">{"".join(cards)}</section>'


def _evidence(report: Report, signature: str | None) -> str:
    t = report.target
    sig_class = "sig-ok" if signature and signature.startswith(("signed", "verified")) else "sig-none"
    sig_text = signature or "not signed: this rendering was made from an unsigned report"
    rows = [
        ("Tree digest", f'<code class="digest">{esc(t.digest)}</code>'),
        ("Git commit", f"<code>{esc(t.git_commit)}</code>" if t.git_commit else "none recorded"),
        ("Root", f"<code>{esc(t.root)}</code>" if t.root else "several roots (merged report)"),
        ("Files scanned", f"{t.files_scanned:,} files, {t.bytes_scanned:,} bytes"),
        ("Signature", f'<span class="{sig_class}">{esc(sig_text)}</span>'),
    ]
    if t.selection and t.selection.get("mode") == "paths":
        sel = t.selection
        scanned = [str(p) for p in sel.get("paths", [])]
        parts = ["the whole root" if scanned in ([], ["."]) else f"paths {esc(', '.join(scanned))}"]
        if sel.get("exclude"):
            parts.append(f"excluding {esc(', '.join(map(str, sel['exclude'])))}")
        parts.append(".gitignore honoured" if sel.get("use_gitignore", True) else ".gitignore ignored")
        rows.append(("File selection", "; ".join(parts)))
    dl = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    shards = ""
    if report.targets:
        items = "".join(
            f'<tr><td>{esc(x.name or x.root)}{_scanned_paths(x)}</td><td><code class="digest">{esc(x.digest)}</code></td>'
            f'<td>{esc(x.git_commit or "")}</td><td class="n">{x.files_scanned:,}</td></tr>'
            for x in report.targets
        )
        shards = (
            "<h3>Merged targets</h3><table><thead><tr><th>Target</th><th>Tree digest</th><th>Git commit</th>"
            f'<th class="n">Files</th></tr></thead><tbody>{items}</tbody></table>'
        )
    return (
        '<section class="wrap panel" id="evidence"><h2>Evidence</h2>'
        f'<dl class="facts">{dl}</dl>{shards}<h3>Policy packs</h3>{_packs_table(report.policies)}</section>'
    )


def _scanned_paths(target: TargetInfo) -> str:
    paths = [str(p) for p in (target.selection or {}).get("paths", [])]
    return f'<div class="muted">{esc(", ".join(paths))}</div>' if paths and paths != ["."] else ""


def _packs_table(packs: Iterable[PolicyRef]) -> str:
    rows = "".join(
        f"<tr><td><b>{esc(p.id)}</b></td><td>{esc(p.title)}</td><td>{esc(p.version)}</td>"
        f'<td><code class="digest">{esc(p.digest)}</code></td></tr>'
        for p in packs
    )
    return f"<table><thead><tr><th>Pack</th><th>Title</th><th>Version</th><th>Digest</th></tr></thead><tbody>{rows}</tbody></table>"


def _badge(status: str) -> str:
    return f'<span class="badge badge-{esc(status)}">{esc(STATUS_LABEL.get(status, status))}</span>'


def _matrix(report: Report) -> str:
    from hms_policy.report.controls import control_sort_key

    parts = ['<section class="wrap panel" id="matrix"><h2>Compliance matrix</h2>']
    for pack in report.policies:
        controls = sorted((c for c in report.controls if c.policy == pack.id), key=control_sort_key)
        status = Counter(c.status for c in controls)
        parts.append(
            f'<h3>{esc(pack.title or pack.id)} <span class="muted">{esc(pack.id)} {esc(pack.version)}</span></h3>'
            f'<p class="muted">{status["pass"]} pass · {status["fail"]} fail · {status["not-evaluated"]} not evaluated · '
            f'{status["not-applicable"]} not applicable</p>'
        )
        rows = []
        for c in controls:
            count = str(c.findings)
            if c.findings or c.suppressed:
                count = f'<a href="#{anchor(c.policy, c.id)}">{c.findings}</a>'
            if c.suppressed:
                count += f' <span class="muted">+{c.suppressed} suppressed</span>'
            reason = f'<div class="reason">{esc(c.reason)}</div>' if c.reason and c.status != "fail" else ""
            rows.append(
                f'<tr class="row-{esc(c.status)}"><td><b>{esc(c.id)}</b><div class="muted">{esc(c.title)}</div></td>'
                f'<td>{esc(c.citation)}</td><td>{_badge(c.status)}{reason}</td><td class="n">{count}</td>'
                f'<td class="rules">{_rule_results(c)}</td></tr>'
            )
        parts.append(
            '<table class="matrix"><thead><tr><th>Control</th><th>Citation</th><th>Status</th>'
            f'<th class="n">Findings</th><th>Rules</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        )
    if not report.policies:
        parts.append('<p class="muted">No policy pack was selected.</p>')
    parts.append("</section>")
    return "".join(parts)


def _rule_results(c: ControlResult) -> str:
    """What the control's rules did: fired (with counts), could not run (with the reason),
    ran and found nothing; rules with no relevant file are only counted."""
    if c.rule_results is None:  # a report from before rule results
        return esc(", ".join(c.rules)) or '<span class="muted">none selected</span>'
    res = c.rule_results
    lines = []
    fired = res.get("fired", {})
    if fired:
        lines.append("<b>Fired:</b> " + ", ".join(f"{esc(r)} ({n})" for r, n in fired.items()))
    not_run = res.get("not_run", {})
    if not_run:
        by_reason: dict[str, list[str]] = {}
        for rule_id, why in not_run.items():
            by_reason.setdefault(str(why), []).append(str(rule_id))
        lines.extend(f"<b>Could not run:</b> {esc(', '.join(ids))} <span class=\"why\">({esc(why)})</span>" for why, ids in by_reason.items())
    clean = [r for r in res.get("ran", ()) if r not in fired]
    if clean:
        shown = ", ".join(esc(r) for r in clean[:MAX_RULE_IDS])
        more = f" and {len(clean) - MAX_RULE_IDS} more" if len(clean) > MAX_RULE_IDS else ""
        lines.append(f"<b>Ran, found nothing:</b> {shown}{more}")
    no_files = len(res.get("no_files", ()))
    if no_files:
        lines.append(f'<span class="muted">{no_files} rule{"s" if no_files != 1 else ""} had no relevant file</span>')
    return "".join(f"<div>{line}</div>" for line in lines) or '<span class="muted">no rule selected</span>'


def _findings(report: Report) -> str:
    by_ref: dict[str, list[Finding]] = {}
    for f in report.findings:
        for ref in f.controls:
            by_ref.setdefault(ref, []).append(f)
    parts = ['<section class="wrap panel" id="findings"><h2>Findings by control</h2>']
    shown = 0
    for c in report.controls:
        findings = by_ref.get(f"{c.policy}:{c.id}", [])
        if not findings:
            continue
        shown += 1
        parts.append(
            f'<article class="control" id="{anchor(c.policy, c.id)}">'
            f'<h3>{_badge(c.status)} {esc(c.policy)}:{esc(c.id)} {esc(c.title)}</h3>'
            + (f'<p class="muted">{esc(c.citation)}</p>' if c.citation else "")
            + _finding_table(findings)
            + "</article>"
        )
    unmapped = [f for f in report.findings if not f.controls]
    if unmapped:
        parts.append(f'<article class="control"><h3>Not mapped to a control</h3>{_finding_table(unmapped)}</article>')
    if not shown and not unmapped:
        parts.append('<p class="muted">No findings.</p>')
    parts.append("</section>")
    return "".join(parts)


def _finding_table(findings: list[Finding]) -> str:
    rows = []
    for f in findings[:MAX_ROWS_PER_CONTROL]:
        where = f"{f.path}:{f.line}" + (f"-{f.end_line}" if f.end_line > f.line else "")
        note = ""
        if f.suppressed:
            reason = f"{f.suppression.kind}: {f.suppression.reason}" if f.suppression else "suppressed"
            note = f'<div class="suppressed">Suppressed ({esc(reason)})</div>'
        target = f'<div class="muted">target {esc(f.extra["target"])}</div>' if "target" in f.extra else ""
        snippet = f"<pre>{esc(f.snippet)}</pre>" if f.snippet else ""
        entity = f'<div class="muted">{esc(f.entity)}</div>' if f.entity else ""
        rows.append(
            f'<tr class="{"is-suppressed" if f.suppressed else ""}"><td><span class="sev sev-{esc(f.severity)}">{esc(f.severity)}</span></td>'
            f'<td><b>{esc(f.rule_id)}</b><div class="muted">{esc(f.rule_name)}</div></td>'
            f"<td><code>{esc(where)}</code>{entity}{target}</td>"
            f"<td>{esc(f.message)}{snippet}{note}</td></tr>"
        )
    more = ""
    if len(findings) > MAX_ROWS_PER_CONTROL:
        more = f'<p class="muted">… and {len(findings) - MAX_ROWS_PER_CONTROL} more in the JSON report.</p>'
    return (
        '<table class="findings"><thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Finding</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>{more}'
    )


def _link(ref: str) -> str:
    if re.match(r"^https?://[^\s\"'<>]+$", ref):
        return f'<a href="{esc(ref)}" rel="noopener noreferrer">{esc(ref)}</a>'
    return esc(ref)


def _rules(report: Report) -> str:
    if not report.rules:
        return ""
    items = []
    for r in report.rules:
        refs = "".join(f"<li>{_link(ref)}</li>" for ref in r.references)
        items.append(
            f'<div class="rule"><h3><span class="sev sev-{esc(r.severity)}">{esc(r.severity)}</span> '
            f'{esc(r.id)} {esc(r.name)}</h3><p class="rule-title">{esc(r.title)}</p>'
            + (f"<p>{esc(r.description)}</p>" if r.description else "")
            + (f'<p><b>Fix:</b> {esc(r.remediation)}</p>' if r.remediation else "")
            + (f'<ul class="refs">{refs}</ul>' if refs else "")
            + "</div>"
        )
    return f'<section class="wrap panel" id="rules"><h2>Rules and remediation</h2>{"".join(items)}</section>'


def _errors(report: Report) -> str:
    if not report.errors:
        return ""
    rows = "".join(
        f"<tr><td><code>{esc(e.path)}</code></td><td>{esc(e.reason)}</td><td>{esc(e.message)}</td></tr>" for e in report.errors
    )
    return (
        '<section class="wrap panel" id="errors"><h2>Files not scanned in full</h2>'
        '<p class="muted">These files are covered by the tree digest, but their contents were not (fully) checked.</p>'
        f"<table><thead><tr><th>Path</th><th>Reason</th><th>Detail</th></tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _footer(report: Report) -> str:
    return (
        '<footer class="wrap"><p>Produced by hms-policy '
        f'{esc(report.tool.get("version", ""))}, report schema {esc(report.schema_version)}. '
        "A control passes when every one of its rules that had a relevant file ran on it and found "
        "nothing; not applicable means no file of the kinds its rules read is in the tree; not "
        "evaluated says why it could not be judged (a partial scan, a rule that could not run, a rule "
        "left out). Automated checks support, but do not replace, an assessment of the controls.</p></footer>"
    )


_CSS = """
:root{--ink:#1b2430;--muted:#5d6b7a;--line:#dfe4ea;--bg:#f5f7fa;--panel:#fff;--brand:#16355c;
--pass:#1f7a4d;--pass-bg:#e4f4ec;--fail:#b42318;--fail-bg:#fdecea;--ne:#5d6b7a;--ne-bg:#eef1f4;
--crit:#7a0916;--high:#b42318;--med:#b54708;--low:#175cd3;--info:#5d6b7a}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
.wrap{max-width:1180px;margin:0 auto;padding:0 24px}
.top{background:var(--brand);color:#fff;padding:28px 0 30px}
.top-inner{display:flex;justify-content:space-between;align-items:center;gap:24px}
.eyebrow{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:12px;opacity:.8}
h1{margin:4px 0 6px;font-size:28px;font-weight:650}
.sub{margin:0;opacity:.85}
.verdict{border-radius:10px;padding:12px 22px;text-align:center;min-width:150px;background:#fff}
.verdict strong{display:block;font-size:26px;letter-spacing:.06em}
.verdict span{font-size:12px;color:var(--muted)}
.verdict-pass strong{color:var(--pass)}.verdict-fail strong{color:var(--fail)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:-14px}
.card{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:12px 16px;min-width:104px;display:flex;flex-direction:column;box-shadow:0 1px 2px rgba(16,24,40,.05)}
.card.wide{flex:1;min-width:260px;justify-content:center}
.num{font-size:24px;font-weight:650}
.lbl{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.split{font-size:15px;margin:2px 0}
.sev-card{border-top:4px solid var(--info)}
.sc-critical{border-top-color:var(--crit)}.sc-high{border-top-color:var(--high)}
.sc-medium{border-top-color:var(--med)}.sc-low{border-top-color:var(--low)}
.sev-card.zero .num{color:#98a2b3}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:10px;margin-top:20px;padding:6px 24px 18px}
h2{font-size:19px;margin:16px 0 10px;padding-bottom:8px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:18px 0 6px}
.muted{color:var(--muted);font-weight:400}
.facts{display:grid;grid-template-columns:160px 1fr;gap:6px 16px;margin:8px 0 4px}
.facts dt{color:var(--muted)}.facts dd{margin:0;word-break:break-all}
.digest{word-break:break-all}
table{width:100%;border-collapse:collapse;margin:6px 0 10px}
th{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom:2px solid var(--line);padding:7px 8px}
td{border-bottom:1px solid var(--line);padding:7px 8px;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}
td.rules{font-size:12.5px;color:var(--muted)}
table.findings{table-layout:fixed}
.findings th:nth-child(1){width:96px}.findings th:nth-child(2){width:190px}.findings th:nth-child(3){width:240px}
.findings td{overflow-wrap:anywhere}
tr.row-fail td:first-child{box-shadow:inset 3px 0 0 var(--fail)}
tr.row-pass td:first-child{box-shadow:inset 3px 0 0 var(--pass)}
tr.row-not-evaluated td:first-child{box-shadow:inset 3px 0 0 #c0c8d2}
tr.row-not-applicable td:first-child{box-shadow:inset 3px 0 0 #e4e7ec}
.reason{font-size:12px;color:var(--muted);margin-top:4px}
td.rules div{margin:1px 0}.rules b{color:var(--ink);font-weight:600}.why{color:var(--muted)}
.badge{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12px;font-weight:600;white-space:nowrap}
.badge-pass{color:var(--pass);background:var(--pass-bg)}.badge-fail{color:var(--fail);background:var(--fail-bg)}
.badge-not-evaluated{color:var(--ne);background:var(--ne-bg)}
.badge-not-applicable{color:var(--muted);background:#fff;border:1px solid var(--line)}
.sev{display:inline-block;border-radius:4px;padding:0 7px;font-size:11.5px;font-weight:700;text-transform:uppercase;color:#fff;background:var(--info)}
.sev-critical{background:var(--crit)}.sev-high{background:var(--high)}.sev-medium{background:var(--med)}.sev-low{background:var(--low)}
.st-pass{color:var(--pass)}.st-fail{color:var(--fail)}.st-ne{color:var(--ne)}.st-na{color:var(--muted)}
.control{border-top:1px solid var(--line);padding-top:4px}
.control:first-of-type{border-top:0}
pre{background:#f2f4f7;border:1px solid var(--line);border-radius:6px;padding:6px 8px;margin:6px 0 0;white-space:pre-wrap;word-break:break-all}
.suppressed{margin-top:6px;color:var(--muted);font-style:italic}
tr.is-suppressed td{opacity:.7}
.sig-ok{color:var(--pass);font-weight:600}.sig-none{color:var(--muted)}
.rule{border-top:1px solid var(--line);padding:2px 0 6px}.rule:first-of-type{border-top:0}
.rule-title{margin:0 0 6px;font-weight:600}
.refs{margin:4px 0;padding-left:18px;font-size:12.5px;word-break:break-all}
a{color:#175cd3}
footer{color:var(--muted);font-size:12px;padding:18px 24px 40px}
table.matrix th:nth-child(1){width:22%}table.matrix th:nth-child(2){width:13%}table.matrix th:nth-child(3){width:17%}
table.matrix th:nth-child(4){width:8%}
@media print{
body{background:#fff;font-size:10.5px}code,pre{font-size:9.5px}
.wrap{max-width:none;padding:0}
.top{background:#fff;color:var(--ink);border-bottom:2px solid var(--ink);padding:0 0 10px}
.top .sub{opacity:1;color:var(--muted)}.eyebrow{opacity:1;color:var(--muted)}
.verdict{border:2px solid currentColor;padding:8px 16px}.verdict-fail{color:var(--fail)}.verdict-pass{color:var(--pass)}
.cards{margin-top:10px;flex-wrap:nowrap;gap:6px}.card{min-width:0;padding:6px 10px;box-shadow:none}.num{font-size:18px}
.card.wide{min-width:0}
.panel{border:0;border-radius:0;padding:0;margin-top:12px;box-shadow:none}
#matrix,#findings,#rules{break-before:page}
h2{break-after:avoid}h3{break-after:avoid}
thead{display:table-header-group}tr{break-inside:avoid}
.findings th:nth-child(1){width:84px}.sev{white-space:nowrap;font-size:9px}.findings th:nth-child(2){width:150px}.findings th:nth-child(3){width:190px}
.rule{break-inside:avoid}td.rules,.reason,.refs{font-size:9.5px}
tr.row-fail td:first-child,tr.row-pass td:first-child,tr.row-not-evaluated td:first-child,tr.row-not-applicable td:first-child{box-shadow:none;border-left:3px solid #c0c8d2}
tr.row-fail td:first-child{border-left-color:var(--fail)}tr.row-pass td:first-child{border-left-color:var(--pass)}
.badge,.sev,.verdict,tr td:first-child{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:var(--ink);text-decoration:none}
footer{padding:12px 0 0}
}
"""
