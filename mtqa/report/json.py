"""The JSON report (schema ``mtqa.report/1``): the stable machine-readable shape.

Other tools read these field names; add fields, never rename or remove them.
``line`` and ``column`` are 1-based and derived here from the code-point offsets.
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
    line, column = doc.line_col(span.start)
    return {"start": span.start, "end": span.end, "line": line, "column": column, "text": span.slice(doc.text)}


def issue_to_dict(issue: Issue, doc: Document) -> dict[str, Any]:
    line, column = doc.line_col(issue.span.start)
    end_line, end_column = doc.line_col(issue.span.end)
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
            {"path": doc.id, "issues": [issue_to_dict(i, doc) for i in report.issues_for(doc.id)]}
            for doc in report.documents
        ],
        "summary": report.summary(),
        "scores": report.scores,
        "errors": [e.to_dict() for e in report.errors],
    }


def render(report: Report, options: object = None) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
