"""GitHub Actions workflow commands: each issue becomes an annotation on the pull request.

    ::error file=path,line=3,col=16,endLine=3,endColumn=19,title=P101 doubled-punctuation::doubled full stop '. .'

Severity maps to the command: error → ``::error``, warning → ``::warning``, info →
``::notice``; an unreadable input is an ``::error`` with its position. Values are
escaped as the Actions toolkit does (``%`` → ``%25``, CR → ``%0D``, LF → ``%0A``, and
in properties also ``:`` → ``%3A`` and ``,`` → ``%2C``), so that input text cannot
end the command early or inject another one; other control characters are shown as
their Unicode pictures (ESC → ␛) so that they cannot drive the log's terminal.

Lines and columns are 1-based positions in the input file (for XLIFF, PO, TMX and record
files the file's own line, the unit named in the message) and count code points, as
everywhere in mtqa; a span
over several lines gets ``line``/``endLine`` only, since GitHub takes columns on
one-line annotations alone. With ``--statistics`` the counts per rule follow as
plain log lines, and a one-line summary ends the output.
"""

from __future__ import annotations

from mtqa.issue import Issue, Severity
from mtqa.report.escaping import control_pictures
from mtqa.report.model import Report

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A command's message: ``%``, CR and LF escaped, other controls made visible."""
    return control_pictures(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as ``escape_data``, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{kind} {props}::{escape_data(message)}"


def annotation(
    issue: Issue,
    line: int,
    column: int,
    end_line: int,
    end_column: int,
    unit: str | None = None,
    file: str | None = None,
) -> str:
    """One workflow command; ``file`` is the input file (a JSONL record's file, not its id)."""
    properties: dict[str, object] = {"file": file or issue.document, "line": line}
    if column <= 0:  # only the unit's start line is known: a line annotation
        properties["endLine"] = line
    elif end_line == line:
        properties.update(col=column, endLine=end_line, endColumn=end_column)
    else:  # GitHub accepts columns only on one-line annotations
        properties["endLine"] = end_line
    properties["title"] = f"{issue.code} {issue.name}"
    message = issue.message if unit is None else f"{issue.message} (unit {unit})"
    if issue.fix is not None:
        message += f"\nfix ({issue.fix.applicability.value}): {issue.fix.title}"
    return command(COMMAND[issue.severity], properties, message)


def render(report: Report, options: object = None) -> str:
    lines: list[str] = []
    for doc in report.documents:
        for issue in report.issues_for(doc.id):
            at, to = doc.position(issue.span.start), doc.position(issue.span.end)
            if not at.exact:  # only the unit's start is known: annotate its line, no columns
                lines.append(annotation(issue, at.line, 0, at.line, 0, at.unit, doc.file))
                continue
            lines.append(annotation(issue, at.line, at.column, to.line, to.column, at.unit, doc.file))
    for err in report.errors:
        properties: dict[str, object] = {"file": err.path}
        if err.line is not None:
            properties["line"] = err.line
            if err.column is not None:
                properties["col"] = err.column
        properties["title"] = f"{err.code} {err.name}"
        lines.append(command("error", properties, err.message))
    if getattr(options, "statistics", False) and report.issues:
        counts = report.counts_by_rule()
        lines.extend(f"{n:>6}  {code}  {name}" for (code, name), n in counts.most_common())
    n = len(report.issues)
    lines.append(f"mtqa: {n} issue{'s' if n != 1 else ''} in {len(report.documents)} document(s).")
    return "\n".join(lines) + "\n"
