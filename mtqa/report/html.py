"""The HTML report: one self-contained file an editor opens from disk, and the notebook view.

What the editor gets: the document text with every issue's span underlined in its
severity's colour; hovering (or focusing, or clicking) a highlight shows the message,
rule and proposed fix; a side panel filters by severity and rule with counts; a list
of suggestion cards; several documents navigable; each fix can be ticked (SAFE ones are
ticked from the start) and the corrected text viewed as a diff, copied or saved.

Security, because the text comes from scraped feeds:

- every input-derived string (document text, ids, messages, fix titles, replacements)
  goes through :func:`html.escape` before it reaches the markup;
- the data the script needs is embedded as JSON inside ``<script type="application/json">``
  with ``<``, ``>``, ``&``, U+2028 and U+2029 written as ``\\uXXXX`` escapes, so that
  ``</script>`` in the input cannot end the block;
- the script builds every input-derived node with ``textContent``, never ``innerHTML``,
  and never makes a link from input;
- the page carries a Content-Security-Policy that allows only this file's own inline
  script and style (by hash), no network at all.

Fix semantics: the script applies the ticked fixes exactly as one pass of
:func:`mtqa.fixes.fix_text` does: a greedy left-to-right non-overlapping subset
(:func:`mtqa.fixes.non_overlapping`), whose edits are applied from the end backwards
(:func:`mtqa.fixes.apply_batch`). With the default ticks (all SAFE fixes) the corrected
text is therefore what ``mtqa fix`` writes whenever ``mtqa fix`` needs one pass. It needs
more when two fixes overlap (the second is skipped and found again by the re-check) or
a fix creates a new issue; then the page shows the first pass and marks the skipped fix
"not applied". Corpus rules (N101 across a feed) may also see more in a report over
several documents than ``mtqa fix`` does one file at a time.

Offsets: spans in mtqa are code-point offsets; JavaScript strings count UTF-16 units, so
every offset in the embedded JSON is converted (they differ only after a character
outside the Basic Multilingual Plane, such as an emoji).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from mtqa.document import Document
from mtqa.issue import Issue, Severity
from mtqa.report.html_assets import CSS, JS
from mtqa.report.model import Report, is_style_suggestion
from mtqa.span import Fix

SCHEMA = "mtqa.html/1"
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
CONTEXT = 24

# Characters made visible inside a highlight (by a CSS pseudo-element, so that the DOM
# text stays the document text) and in fix previews.
INVISIBLE = {
    "\u00a0": "⍽",
    "\t": "→",
    "\u200b": "∅",
    "\u200c": "∅",
    "\u200d": "∅",
    "\u2060": "∅",
    "\ufeff": "∅",
    "\u202f": "⍽",
    "\u2009": "·",
    "\n": "↵",
}
PREVIEW_VISIBLE = {**INVISIBLE, " ": "·", "\n": "↵"}


def esc(value: object) -> str:
    """Escape for HTML text and double-quoted attribute values."""
    return html.escape(str(value), quote=True)


def script_json(data: Any) -> str:
    """JSON safe to place between ``<script type="application/json">`` tags."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy() -> str:
    """Nothing from the network; only this file's own script and style, pinned by hash."""
    return (
        "default-src 'none'; "
        f"script-src {csp_hash(JS)}; "
        f"style-src {csp_hash(CSS)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


class Utf16:
    """Code-point offsets → UTF-16 offsets (what JavaScript string indices count)."""

    def __init__(self, text: str) -> None:
        self.prefix: list[int] | None = None
        if any(ord(c) > 0xFFFF for c in text):
            prefix = [0]
            for c in text:
                prefix.append(prefix[-1] + (2 if ord(c) > 0xFFFF else 1))
            self.prefix = prefix

    def __call__(self, offset: int) -> int:
        return offset if self.prefix is None else self.prefix[offset]


# ---------------------------------------------------------------------------- data


def fix_data(fix: Fix, u16: Utf16) -> dict[str, Any]:
    span = fix.span
    return {
        "applicability": fix.applicability.value,
        "title": fix.title,
        "start": u16(span.start),
        "end": u16(span.end),
        "edits": [
            {"start": u16(e.span.start), "end": u16(e.span.end), "replacement": e.replacement} for e in fix.edits
        ],
    }


def location_label(doc: Document, offset: int) -> str:
    """``line:column`` in the input file, with the unit of a bilingual or record file (escaped)."""
    at = doc.position(offset)
    unit = f' <span class="mq-unit" title="unit {esc(at.unit)}">{esc(at.unit)}</span>' if at.unit else ""
    return f"{at.line}:{at.column}{unit}"


def issue_data(n: int, issue: Issue, doc: Document, u16: Utf16) -> dict[str, Any]:
    at = doc.position(issue.span.start)
    line, column = at.line, at.column
    related = []
    for span in issue.related:
        r_at = doc.position(span.start)
        r_line, r_column = r_at.line, r_at.column
        related.append(
            {
                "start": u16(span.start),
                "end": u16(span.end),
                "line": r_line,
                "column": r_column,
                "text": span.slice(doc.text),
            }
        )
    return {
        "n": n,
        "code": issue.code,
        "name": issue.name,
        "severity": issue.severity.value,
        "category": issue.category,
        "mqm": issue.mqm,
        "message": issue.message,
        "start": u16(issue.span.start),
        "end": u16(issue.span.end),
        "line": line,
        "column": column,
        "unit": at.unit,
        "text": issue.text,
        "fix": fix_data(issue.fix, u16) if issue.fix is not None else None,
        "alternatives": [fix_data(f, u16) for f in issue.alternatives],
        "related": related,
    }


def numbered(report: Report) -> list[tuple[Document, list[tuple[int, Issue]]]]:
    """Each document with its issues, numbered across the report in document order."""
    out = []
    n = 0
    for doc in report.documents:
        items = []
        for issue in report.issues_for(doc.id):
            items.append((n, issue))
            n += 1
        out.append((doc, items))
    return out


def report_data(report: Report) -> dict[str, Any]:
    """Everything the script needs, offsets in UTF-16 units."""
    documents = []
    for doc, items in numbered(report):
        u16 = Utf16(doc.text)
        documents.append(
            {
                "id": doc.id,
                "language": doc.language,
                "text": doc.text,
                "issues": [issue_data(n, issue, doc, u16) for n, issue in items],
            }
        )
    return {
        "schema": SCHEMA,
        "signature": report.signature.to_dict(),
        "summary": report.summary(),
        "documents": documents,
        "errors": [e.to_dict() for e in report.errors],
    }


# ---------------------------------------------------------------------------- markup


def pieces(length: int, spans: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, tuple[int, ...]]]:
    """Split ``[0, length)`` at every span boundary: ``(start, end, ids covering it)``.

    Empty spans (insertion points) come out as empty pieces at their position, after
    the piece that ends there and before the piece that starts there.
    """
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    empties: dict[int, list[int]] = defaultdict(list)
    for start, end, n in spans:
        if start == end:
            empties[start].append(n)
        else:
            starts[start].append(n)
            ends[end].append(n)
    points = sorted({0, length, *starts, *ends, *empties})
    active: dict[int, None] = {}
    out: list[tuple[int, int, tuple[int, ...]]] = []
    for k, point in enumerate(points):
        for n in ends.get(point, ()):
            active.pop(n, None)
        for n in starts.get(point, ()):
            active[n] = None
        for n in empties.get(point, ()):
            out.append((point, point, (n,)))
        if k + 1 < len(points):
            out.append((point, points[k + 1], tuple(sorted(active))))
    return out


def marked_text(text: str) -> str:
    """Escaped text with invisible characters wrapped so that CSS can show a symbol."""
    out = []
    for char in text:
        symbol = INVISIBLE.get(char)
        out.append(f'<span class="mq-ws" data-s="{symbol}">{esc(char)}</span>' if symbol else esc(char))
    return "".join(out)


def tooltip(issues: Sequence[Issue]) -> str:
    """The plain ``title`` shown when scripts do not run (the script replaces it with a card)."""
    lines = []
    for issue in issues:
        lines.append(f"{issue.severity.value.upper()} {issue.code} {issue.name}: {issue.message}")
        if issue.fix is not None:
            lines.append(f"  fix ({issue.fix.applicability.value}): {issue.fix.title}")
    return "\n".join(lines)


def document_markup(doc: Document, items: Sequence[tuple[int, Issue]]) -> str:
    by_n = dict(items)
    spans = [(i.span.start, i.span.end, n) for n, i in items]
    out = []
    for start, end, ids in pieces(len(doc.text), spans):
        chunk = doc.text[start:end]
        if not ids:
            out.append(esc(chunk))
            continue
        covering = [by_n[n] for n in ids]
        worst = max((i.severity for i in covering), key=lambda s: s.rank)
        classes = ["mq-hl", f"mq-{worst.value}"]
        if start == end:
            classes.append("mq-empty")
        if len(ids) > 1:
            classes.append("mq-multi")
        out.append(
            f'<mark class="{" ".join(classes)}" data-i="{" ".join(map(str, ids))}" tabindex="0" '
            f'title="{esc(tooltip(covering))}">{marked_text(chunk)}</mark>'
        )
    return "".join(out)


def visible(text: str) -> str:
    """Whitespace-only text with a symbol for each character (else a deleted space would not show)."""
    return "".join(PREVIEW_VISIBLE.get(c, c) for c in text) if not text.strip() else text


def diff_markup(text: str, fix: Fix, context: int = CONTEXT) -> str:
    """The fix in place: a little context, deleted text struck through, inserted text marked."""
    span = fix.span
    left = max(0, span.start - context)
    right = min(len(text), span.end + context)
    # Cut the context at a line break so that the preview stays on one line.
    nl = text.rfind("\n", left, span.start)
    if nl != -1:
        left = nl + 1
    nl = text.find("\n", span.end, right)
    if nl != -1:
        right = nl
    out = ["…" if left > 0 else ""]
    pos = left
    for edit in sorted(fix.edits, key=lambda e: e.span.start):
        out.append(f'<span class="mq-ctx">{esc(text[pos : edit.span.start])}</span>')
        if len(edit.span):
            out.append(f"<del>{esc(visible(edit.span.slice(text)))}</del>")
        if edit.replacement:
            out.append(f"<ins>{esc(visible(edit.replacement))}</ins>")
        pos = edit.span.end
    out.append(f'<span class="mq-ctx">{esc(text[pos:right])}</span>')
    out.append("…" if right < len(text) else "")
    return "".join(out)


APPLICABILITY_LABEL = {"safe": "safe fix", "unsafe": "check before accepting", "display": "suggestion only"}


def card_markup(n: int, issue: Issue, doc: Document, extra_class: str = "") -> str:
    sev = issue.severity.value
    head = (
        f'<div class="mq-card-head"><span class="mq-badge mq-{sev}">{sev}</span>'
        f'<code class="mq-code">{esc(issue.code)}</code><span class="mq-rule">{esc(issue.name)}</span>'
        f'<span class="mq-loc">{location_label(doc, issue.span.start)}</span></div>'
        f'<p class="mq-msg">{esc(issue.message)}</p>'
    )
    if issue.related:
        places = [(location_label(doc, s.start), s.slice(doc.text)) for s in issue.related[:5]]
        where = ", ".join(f"{label} “{esc(text)}”" for label, text in places)
        head += f'<p class="mq-related">See also {where}</p>'
    mqm = f'<span class="mq-mqm" title="MQM category">{esc(issue.mqm)}</span>' if issue.mqm else ""
    body = ""
    options = [issue.fix, *issue.alternatives] if issue.fix is not None else []
    if options:
        primary = options[0]
        assert primary is not None
        app = primary.applicability.value
        applicable = app != "display"
        opts = []
        for k, fix in enumerate(options):
            assert fix is not None
            opts.append(
                f'<button type="button" class="mq-opt" data-choice="{k}" aria-pressed="{"true" if k == 0 else "false"}"'
                f' title="{esc(fix.title)}"><span class="mq-opt-title">{esc(fix.title)}</span>'
                f'<span class="mq-diff">{diff_markup(doc.text, fix)}</span></button>'
            )
        checked = " checked" if app == "safe" else ""
        disabled = "" if applicable else " disabled"
        body = (
            f'<div class="mq-fix"><div class="mq-opts">{"".join(opts)}</div>'
            f'<div class="mq-actions"><label class="mq-accept"><input type="checkbox" class="mq-acc-box"{checked}'
            f'{disabled}> Accept</label><span class="mq-app mq-app-{app}">{APPLICABILITY_LABEL[app]}</span>'
            f'<button type="button" class="mq-dismiss">Dismiss</button>{mqm}</div>'
            f'<p class="mq-skipnote" hidden>Not applied: it overlaps a fix accepted earlier in the text.'
            f" Accept it after a re-check (run mtqa fix again).</p></div>"
        )
    else:
        body = (
            '<div class="mq-actions"><span class="mq-app">no automatic fix</span>'
            f'<button type="button" class="mq-dismiss">Dismiss</button>{mqm}</div>'
        )
    return (
        f'<li class="mq-card mq-{sev}{extra_class}" data-n="{n}" data-code="{esc(issue.code)}" data-sev="{sev}">'
        f"{head}{body}</li>"
    )


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_markup(report: Report) -> str:
    artefacts = report.artefacts()
    sev = Counter(i.severity.value for i in artefacts)
    parts = [
        f'<span class="mq-sumpart"><span class="mq-dot mq-{s.value}"></span>{plural(sev[s.value], s.value)}</span>'
        for s in SEVERITIES
        if sev[s.value]
    ]
    fixable = report.fixable_count()
    fix = f"{fixable['safe']} safe and {fixable['unsafe']} unsafe fixes"
    style = len(report.issues) - len(artefacts)
    if style:
        parts.append(f'<span class="mq-sumpart mq-sumstyle">{plural(style, "style suggestion")}</span>')
    return (
        f'<span class="mq-sumtotal">{plural(len(artefacts), "issue")}</span>{"".join(parts)}'
        f'<span class="mq-sumpart">{plural(len(report.documents), "document")}</span>'
        f'<span class="mq-sumpart">{fix}</span>'
    )


def common_folder(ids: Sequence[str]) -> str:
    """The folder all ids share (``/tmp/feed/``), left out of the document list to save room."""
    if len(ids) < 2:
        return ""
    first, last = min(ids), max(ids)  # the common prefix of all is the common prefix of these two
    k = 0
    while k < min(len(first), len(last)) and first[k] == last[k]:
        k += 1
    prefix = first[:k]
    return prefix[: max(prefix.rfind("/"), prefix.rfind("\\")) + 1]


def docname(doc_id: str, common: str = "") -> str:
    """A document's name for the list: the folder (muted, cut first when narrow) and the file name."""
    shown = doc_id[len(common) :] if common and doc_id.startswith(common) else doc_id
    cut = max(shown.rfind("/"), shown.rfind("\\")) + 1
    folder, base = shown[:cut], shown[cut:] or shown
    return (
        f'<span class="mq-docname"><span class="mq-docdir">{esc(folder)}</span>'
        f'<span class="mq-docbase">{esc(base)}</span></span>'
    )


def side_markup(report: Report, docs: list[tuple[Document, list[tuple[int, Issue]]]]) -> str:
    out = []
    if len(docs) > 1:
        buttons = []
        common = common_folder([doc.id for doc, _ in docs])
        for d, (doc, items) in enumerate(docs):
            worst = max((i.severity for _, i in items), key=lambda s: s.rank, default=None)
            dot = f"mq-{worst.value}" if worst else "mq-clean"
            current = ' aria-current="true"' if d == 0 else ""
            buttons.append(
                f'<li><button type="button" class="mq-docbtn" data-doc="{d}" title="{esc(doc.id)}"'
                f'{current}><span class="mq-dot {dot}"></span>'
                f'{docname(doc.id, common)}<span class="mq-count">{len(items)}</span></button></li>'
            )
        out.append(
            f'<section class="mq-panel"><h2>Documents <span class="mq-muted">{len(docs)}</span></h2>'
            '<input type="search" class="mq-docfilter" placeholder="Filter documents…" aria-label="Filter documents">'
            f'<ul class="mq-doclist">{"".join(buttons)}</ul></section>'
        )
    first = Counter(i.severity.value for _, i in docs[0][1]) if docs else Counter()
    sev_rows = "".join(
        f'<li><label class="mq-filter"><input type="checkbox" class="mq-sevbox" data-sev="{s.value}" checked>'
        f'<span class="mq-dot mq-{s.value}"></span><span class="mq-fname">{s.value.capitalize()}</span>'
        f'<span class="mq-count" data-count-sev="{s.value}">{first[s.value]}</span></label></li>'
        for s in SEVERITIES
    )
    rules: dict[str, str] = {}
    for issue in sorted(report.issues, key=lambda i: i.code):
        rules.setdefault(issue.code, issue.name)
    first_rules = Counter(i.code for _, i in docs[0][1]) if docs else Counter()
    rule_rows = "".join(
        f'<li><label class="mq-filter" title="{esc(name)}"><input type="checkbox" class="mq-rulebox" '
        f'data-code="{esc(code)}" checked><code>{esc(code)}</code><span class="mq-fname">{esc(name)}</span>'
        f'<span class="mq-count" data-count-rule="{esc(code)}">{first_rules[code]}</span></label></li>'
        for code, name in rules.items()
    )
    out.append(
        f'<section class="mq-panel"><h2>Severity</h2><ul class="mq-filters">{sev_rows}</ul></section>'
        f'<section class="mq-panel"><h2>Rules</h2><ul class="mq-filters">{rule_rows or "<li>No issues</li>"}</ul>'
        '<p class="mq-filter-actions"><button type="button" class="mq-link mq-all-rules">All</button> · '
        '<button type="button" class="mq-link mq-no-rules">None</button></p></section>'
    )
    if report.errors:
        rows = "".join(
            f"<li><code>{esc(e.code)}</code> {esc(e.path)}{f':{e.line}:{e.column}' if e.line else ''}: "
            f"{esc(e.message)}</li>"
            for e in report.errors
        )
        out.append(f'<section class="mq-panel mq-errors"><h2>Unreadable inputs</h2><ul>{rows}</ul></section>')
    out.append(
        '<section class="mq-panel mq-keys"><h2>Keys</h2><p><kbd>j</kbd>/<kbd>k</kbd> next/previous issue · '
        "<kbd>a</kbd> accept · <kbd>d</kbd> dismiss · <kbd>Esc</kbd> close</p></section>"
    )
    return "".join(out)


def fragment(report: Report, *, page: bool = False) -> str:
    """The report as one ``<div>`` with its own scoped style and script (the notebook view)."""
    docs = numbered(report)
    data = script_json(report_data(report))
    uid = hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]
    articles = []
    groups = []
    for d, (doc, items) in enumerate(docs):
        hidden = "" if d == 0 else " hidden"
        articles.append(
            f'<article class="mq-doc" data-doc="{d}" lang="{esc(doc.language)}"{hidden}>'
            f'<div class="mq-text">{document_markup(doc, items)}</div><div class="mq-corr" hidden></div></article>'
        )
        cards = "".join(card_markup(n, issue, doc) for n, issue in items if not is_style_suggestion(issue))
        style = "".join(card_markup(n, issue, doc, " mq-style") for n, issue in items if is_style_suggestion(issue))
        if style:
            cards += (
                '<li class="mq-group" role="presentation">Style suggestions <span class="mq-muted">house style, '
                "not translation artefacts</span></li>" + style
            )
        empty = "" if items else '<li class="mq-none">No issues in this document.</li>'
        groups.append(f'<ol class="mq-cards" data-doc="{d}"{hidden}>{cards}{empty}</ol>')
    first = docs[0][0].id if docs else "no documents"
    sig = report.signature
    signature = f"mtqa {esc(sig.version)} · rules {esc(' '.join(sig.rules))} · config {esc(sig.config_hash)}" + (
        f" · model {esc(sig.model)}" if sig.model else ""
    )
    mode = " mq-page-root" if page else ""
    return (
        f'<div class="mtqa-report{mode}" data-mq-uid="{uid}">'
        f"<style>{CSS}</style>"
        f'<header class="mq-top"><div class="mq-brand">mtqa <span>report</span></div>'
        f'<div class="mq-summary">{summary_markup(report)}</div>'
        f'<div class="mq-sig" title="{signature}">{signature}</div></header>'
        f'<div class="mq-body"><aside class="mq-side" aria-label="Documents and filters">'
        f"{side_markup(report, docs)}</aside>"
        '<main class="mq-main"><div class="mq-toolbar">'
        f'<h1 class="mq-title">{esc(first)}</h1>'
        '<div class="mq-tabs" role="tablist"><button type="button" role="tab" class="mq-tab" data-view="marked" '
        'aria-selected="true">Marked up</button><button type="button" role="tab" class="mq-tab" '
        'data-view="corrected" aria-selected="false">Corrected</button></div>'
        '<div class="mq-buttons"><button type="button" class="mq-btn mq-accept-safe">Accept all safe</button>'
        '<button type="button" class="mq-btn mq-accept-all">Accept all</button>'
        '<button type="button" class="mq-btn mq-reject-all">Reject all</button>'
        '<button type="button" class="mq-btn mq-primary mq-copy">Copy corrected text</button>'
        '<button type="button" class="mq-btn mq-save">Save…</button></div>'
        '<div class="mq-status" role="status" aria-live="polite"></div></div>'
        f'<div class="mq-scroll">{"".join(articles) or "<p>No documents.</p>"}'
        '<div class="mq-pop" role="dialog" aria-label="Issue" hidden></div></div></main>'
        f'<aside class="mq-list" aria-label="Issues"><h2>Suggestions</h2>{"".join(groups)}</aside></div>'
        '<textarea class="mq-out" readonly tabindex="-1" aria-hidden="true"></textarea>'
        f'<script type="application/json" class="mq-data">{data}</script>'
        f"<script>{JS}</script></div>"
    )


def render(report: Report, options: object = None) -> str:
    """The whole report as a standalone HTML page (``mtqa check --format html``)."""
    title = "mtqa report" + (f": {report.documents[0].id}" if len(report.documents) == 1 else "")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        '<link rel="icon" href="data:,">'
        f"<title>{esc(title)}</title></head>"
        f'<body class="mq-page">{fragment(report, page=True)}</body></html>\n'
    )


# ---------------------------------------------------------------------------- static views (notebook widgets)

STATIC_CSS = """
.mtqa-report.mq-static{display:block;height:auto;min-height:0;max-height:26rem;overflow:auto;padding:14px 20px;
background:var(--mq-paper);container-type:normal}
.mtqa-report.mq-static.mq-line{max-height:none;overflow:visible;padding:2px 8px;border:0;background:none;width:100%}
.mq-static .mq-text,.mq-static .mq-corr{max-width:none;font-size:15px;line-height:1.7}
.mq-static .mq-diff{display:inline}
.mq-static .mq-card-head{display:inline-flex;margin:0 8px 0 0}
.mq-static .mq-msg{display:inline;margin:0}
"""


def _static(body: str, extra_class: str = "") -> str:
    return f'<div class="mtqa-report mq-static{extra_class}"><style>{CSS}{STATIC_CSS}</style>{body}</div>'


def document_view(report: Report, document_id: str) -> str:
    """One document with its highlights, no script: hover tooltips come from ``title``."""
    for doc, items in numbered(report):
        if doc.id == document_id:
            return _static(f'<div class="mq-text">{document_markup(doc, items)}</div>')
    raise KeyError(document_id)


def issue_line(issue: Issue, doc: Document, fix: Fix | None = None) -> str:
    """One issue on one line: severity, code, message and the fix in place (for a checkbox label)."""
    sev = issue.severity.value
    fix = fix if fix is not None else issue.fix
    diff = f' <span class="mq-diff">{diff_markup(doc.text, fix)}</span>' if fix is not None else ""
    return _static(
        f'<span class="mq-card-head"><span class="mq-badge mq-{sev}">{sev}</span>'
        f'<code class="mq-code">{esc(issue.code)}</code>'
        f'<span class="mq-loc">{location_label(doc, issue.span.start)}</span></span>'
        f'<span class="mq-msg">{esc(issue.message)}</span>{diff}',
        " mq-line",
    )


def corrected_markup(text: str, fixes: Sequence[Fix]) -> str:
    """The text after ``fixes`` (disjoint) as a diff: deletions struck through, insertions marked."""
    edits = sorted(
        ((e, k) for k, e in enumerate(e for f in fixes for e in f.edits)), key=lambda ek: (ek[0].span.start, -ek[1])
    )
    out = []
    pos = 0
    for edit, _ in edits:
        if edit.span.start > pos:
            out.append(esc(text[pos : edit.span.start]))
        removed = edit.span.slice(text)
        if removed:
            out.append(f"<del>{esc(visible(removed))}</del>")
        if edit.replacement:
            out.append(f"<ins>{esc(visible(edit.replacement))}</ins>")
        pos = max(pos, edit.span.end)
    out.append(esc(text[pos:]))
    return _static(f'<div class="mq-corr">{"".join(out)}</div>')
