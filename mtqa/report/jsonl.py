"""JSON Lines: one JSON object per line, written as documents are checked.

Every line has a ``type``:

- ``"issue"``: the fields of an issue in the JSON report (``mtqa.report/1``) plus
  ``"path"``, the document it was found in;
- ``"error"``: an unreadable input (X001), with the fields of the JSON report's errors;
- ``"summary"``: always the last line, and only once the run is complete: the schema,
  the run signature, the JSON report's summary (counts by severity and rule) and
  ``suppressed``, the number of issues left out because the baseline has them.

We chose to end with a summary line (rather than issues only) so that a consumer can
tell a complete stream from one cut short: no summary line, not finished. Consumers
that want issues only keep the lines whose ``type`` is ``"issue"``.

``mtqa check --format jsonl`` streams: each document's issues as soon as that document
is checked and an unreadable input's error line where the input is met (inputs are read
lazily, in order), then the summary. ``render(report)`` produces the same lines from a finished Report.

Each line is complete JSON; besides the escapes JSON requires, U+0085, U+2028 and
U+2029 are escaped too, since some line readers split lines at them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from mtqa.document import Document
from mtqa.issue import Issue
from mtqa.report.escaping import json_line
from mtqa.report.json import SCHEMA, issue_to_dict
from mtqa.report.model import InputError, Report, RunSignature


def dumps(obj: dict[str, Any]) -> str:
    """One object as one line, newline included."""
    return json_line(json.dumps(obj, ensure_ascii=False, separators=(",", ":"))) + "\n"


def issue_lines(doc: Document, issues: Iterable[Issue]) -> Iterator[str]:
    for issue in issues:
        yield dumps({"type": "issue", "path": doc.id, **issue_to_dict(issue, doc)})


def segment_score_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Per-segment scores against references, one ``{"type": "segment_score", ...}`` line each."""
    for row in rows:
        yield dumps({"type": "segment_score", "path": row["document"], **row})


def error_line(error: InputError) -> str:
    return dumps({"type": "error", **error.to_dict()})


def summary_line(report: Report) -> str:
    return summary_object_line(report.signature, report.summary(), len(report.suppressed))


def summary_object_line(signature: RunSignature, summary: dict[str, Any], suppressed: int) -> str:
    """The summary line from its parts (a streamed run keeps counts, not a Report)."""
    return dumps(
        {"type": "summary", "schema": SCHEMA, "signature": signature.to_dict(), **summary, "suppressed": suppressed}
    )


def render(report: Report, options: object = None) -> str:
    lines = [error_line(e) for e in report.errors]
    for doc in report.documents:
        lines.extend(issue_lines(doc, report.issues_for(doc.id)))
    lines.extend(segment_score_lines(report.scores.get("segments", ())))
    lines.append(summary_line(report))
    return "".join(lines)
