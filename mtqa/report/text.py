"""The text report, in the compiler/ruff style an editor and a terminal both read.

    path:line:col: CODE message
      |
    3 | …the line, windowed around the span…
      |          ^^^^^^^^^
      = fix (unsafe): title → replacement

Colour comes from rich, which emits none when the output is not a terminal and
honours NO_COLOR. Input text is escaped before it reaches rich's markup parser.
"""

from __future__ import annotations

import io
from collections import Counter

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape

from mtqa.document import Document
from mtqa.issue import Issue, Severity
from mtqa.report import RenderOptions
from mtqa.report.escaping import control_pictures
from mtqa.report.model import Report

CONTEXT = 48
STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def safe(text: str) -> str:
    """Input text made harmless for a terminal: control characters (ESC, a lone CR) shown as
    pictures, so no escape sequence from a document reaches the terminal, then rich markup escaped."""
    return escape(control_pictures(text).replace("\r", "␍"))


def window(line: str, start: int, end: int, context: int = CONTEXT) -> tuple[str, int, int]:
    """Cut a long line to the span plus ``context`` characters each side, marking cuts with …."""
    left = max(0, start - context)
    right = min(len(line), max(end, start + 1) + context)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    shown = prefix + line[left:right] + suffix
    return shown, start - left + len(prefix), end - left + len(prefix)


def visible(text: str) -> str:
    """Make invisible characters visible in the snippet (tabs, NBSP, zero-width)."""
    return text.replace("\t", "→").replace("\u00a0", "⍽").replace("\u200b", "∅").replace("\ufeff", "∅")


UNIT_SHOWN = 60  # a PO unit id is its msgid, which may be a paragraph


def unit_note(unit: str | None, exact: bool = True) -> str:
    """The unit of an issue in a bilingual or record file, as "; unit 't2'" (long ids cut), else
    ''; where only the unit's start is known, the note says the position is that start."""
    start = "" if exact else ", at its start"
    if not unit:
        return "; at the unit's start" if start else ""
    shown = unit if len(unit) <= UNIT_SHOWN else unit[: UNIT_SHOWN - 1] + "…"
    return f"; unit {shown!r}{start}"


def format_issue(issue: Issue, doc: Document, color: bool = True) -> str:
    """One issue: the file's line and column (``Document.position``), then the flagged line of
    the document text (for a bilingual file, its target text) under the file's line number."""
    text_line, text_col = doc.line_col(issue.span.start)
    at = doc.position(issue.span.start)
    line_no, col = at.line, at.column
    line = doc.line_text(text_line)
    start = text_col - 1
    end = min(len(line), start + len(issue.span)) if issue.span.end > issue.span.start else start
    shown, s, e = window(line, start, end)
    shown = visible(shown)
    gutter = " " * len(str(line_no))
    caret = " " * cell_len(shown[:s]) + "^" * max(1, cell_len(shown[s:e]))
    style = STYLE[issue.severity]
    fixable = " [*]" if issue.fix is not None and issue.fix.applicability.value == "safe" else ""
    head = (
        f"[bold]{safe(doc.file)}[/]:{line_no}:{col}: [{style}]{issue.code}[/]{fixable} "
        f"{safe(issue.message)} [dim]({issue.name}, {issue.severity.value}){safe(unit_note(at.unit, at.exact))}[/]"
    )
    out = [
        head,
        f"[blue]{gutter} |[/]",
        f"[blue]{line_no} |[/] {safe(shown)}",
        f"[blue]{gutter} |[/] [{style}]{caret}[/]",
    ]
    if issue.fix is not None:
        before, after = issue.fix_preview(doc.text)
        change = f"{visible(before)!r} → {visible(after)!r}"
        shown_change = "" if after and repr(after) in issue.fix.title else f": {safe(change)}"
        out.append(
            f"[blue]{gutter} =[/] [green]fix ({issue.fix.applicability.value})[/]: "
            f"{safe(issue.fix.title)}{shown_change}"
        )
    for rel in issue.related[:3]:
        where = doc.position(rel.start)
        r_line, r_col = where.line, where.column
        out.append(f"[blue]{gutter} =[/] [dim]see also {r_line}:{r_col} {safe(repr(rel.slice(doc.text)))}[/]")
    return "\n".join(out)


def summary_line(report: Report) -> str:
    artefacts = report.artefacts()
    n = len(artefacts)
    sev = Counter(i.severity.value for i in artefacts)
    parts = [f"{sev[s.value]} {s.value}{'s' if sev[s.value] != 1 else ''}" for s in reversed(Severity) if sev[s.value]]
    docs = len(report.documents)
    text = f"Found {n} issue{'s' if n != 1 else ''}"
    if parts:
        text += f" ({', '.join(parts)})"
    text += f" in {docs} document{'s' if docs != 1 else ''}"
    style = len(report.issues) - n
    text += f", and {style} style suggestion{'s' if style != 1 else ''}." if style else "."
    fixable = report.fixable_count()
    if fixable["safe"]:
        text += f" {fixable['safe']} fixable with `mtqa fix`"
        text += f", {fixable['unsafe']} more with `--unsafe-fixes`." if fixable["unsafe"] else "."
    elif fixable["unsafe"]:
        text += f" {fixable['unsafe']} fixable with `mtqa fix --unsafe-fixes`."
    return text


def scores_line(scores: dict) -> str:
    """Corpus scores against references, with sacrebleu's signatures (or why there are none)."""
    if "error" in scores:
        return f"Scores against references: not computed: {scores['error']}"
    parts = [
        f"{value['name']} {value['score']:.1f} ({value['signature']})"
        for value in scores.values()
        if isinstance(value, dict) and "score" in value
    ]
    return f"Scores against references over {scores.get('n_segments', 0)} segments: " + "; ".join(parts)


def statistics(report: Report) -> str:
    """Counts per rule, most frequent first (``--statistics``)."""
    counts: Counter[tuple[str, str]] = report.counts_by_rule()
    fixable = Counter(i.code for i in report.issues if i.fix is not None)
    rows = [f"{n:>6}  {code}  {name:<32} {'[*]' if fixable[code] else ''}" for (code, name), n in counts.most_common()]
    return "\n".join(rows)


def render(report: Report, options: RenderOptions | None = None) -> str:
    """The whole report as text; ``options.color`` forces ANSI colours (the CLI decides from the terminal)."""
    options = options or RenderOptions()
    color, show_statistics = options.color, options.statistics
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=color, no_color=not color, highlight=False, soft_wrap=True, emoji=False
    )
    style = report.style_suggestions()
    apart = {id(i) for i in style}
    for doc in report.documents:
        for issue in report.issues_for(doc.id):
            if id(issue) not in apart:
                console.print(format_issue(issue, doc, color))
                console.print()
    if style:
        console.print(
            f"[bold]Style suggestions[/] [dim]({len(style)}; house style: preferred spellings and banned terms, "
            "not translation artefacts; reported at info)[/]"
        )
        console.print()
        for doc in report.documents:
            for issue in report.issues_for(doc.id):
                if id(issue) in apart:
                    console.print(format_issue(issue, doc, color))
                    console.print()
    for err in report.errors:
        where = f":{err.line}:{err.column}" if err.line else ""
        console.print(f"[bold]{safe(err.path)}[/]{where}: [bold red]{err.code}[/] {safe(err.message)}")
    if show_statistics and report.issues:
        console.print(safe(statistics(report)))
    if report.scores:
        console.print(safe(scores_line(report.scores)))
    console.print(safe(summary_line(report)))
    return buffer.getvalue()
