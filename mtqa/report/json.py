"""The JSON report (schema ``mtqa.report/1``): the stable machine-readable shape.

Other tools read these field names; add fields, never rename or remove them.
``line`` and ``column`` are 1-based positions in the input file (``Document.position``): for
plain text the line of the text, for XLIFF, PO, TMX, JSONL, CSV/TSV, HTML and feeds the line
and column of the file where the flagged character is, with ``unit`` naming the unit (XLIFF
trans-unit id, PO ``msgctxt::msgid``, TMX tuid, record id; null for plain text), ``file``
the file they count in (the path, or for a JSONL record ``feed.jsonl#r2`` its file), and
``exact_column`` false where only the unit's start is known (a quoted CSV cell, HTML markup
that could not be followed): line and column are then the unit's start. ``start`` and
``end`` are code-point offsets into the document text (the targets joined by "\n").
Each file names the target ``language`` it was checked in (given, declared by the file, or
found from its text): the rules that do not know that language stayed silent on it.
"""

from __future__ import annotations

import json
from typing import Any

from mtqa.document import Document
from mtqa.issue import Issue
from mtqa.report.model import Report
from mtqa.span import Fix, Span

SCHEMA = "mtqa.report/1"


def fix_to_dict(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "applicability": fix.applicability.value,
        "title": fix.title,
        "edits": [{"start": e.span.start, "end": e.span.end, "replacement": e.replacement} for e in fix.edits],
    }


def span_to_dict(span: Span, doc: Document) -> dict[str, Any]:
    at = doc.position(span.start)
    return {
        "start": span.start,
        "end": span.end,
        "line": at.line,
        "column": at.column,
        "text": span.slice(doc.text),
        "unit": at.unit,
    }


def issue_to_dict(issue: Issue, doc: Document) -> dict[str, Any]:
    at, to = doc.position(issue.span.start), doc.position(issue.span.end)
    line, column, end_line, end_column = at.line, at.column, to.line, to.column
    return {
        "code": issue.code,
        "name": issue.name,
        "severity": issue.severity.value,
        "category": issue.category,
        "message": issue.message,
        "start": issue.span.start,
        "end": issue.span.end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "unit": at.unit,
        "exact_column": at.exact,
        "file": doc.file,
        "text": issue.text,
        "fix": fix_to_dict(issue.fix),
        "alternatives": [fix_to_dict(f) for f in issue.alternatives],
        "related": [span_to_dict(s, doc) for s in issue.related],
        "mqm": issue.mqm,
        "segment": issue.segment,
        "confidence": issue.confidence,
        "data": issue.data,
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "signature": report.signature.to_dict(),
        "files": [
            {
                "path": doc.id,
                "language": doc.language,
                "issues": [issue_to_dict(i, doc) for i in report.issues_for(doc.id)],
            }
            for doc in report.documents
        ],
        "summary": report.summary(),
        "scores": report.scores,
        "errors": [e.to_dict() for e in report.errors],
    }


def render(report: Report, options: object = None) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
