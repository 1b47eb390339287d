"""GitLab Code Quality JSON: the ``codequality`` report artifact that merge requests show.

A JSON array with one object per issue::

    {"description": "doubled full stop '. .' (P101 doubled-punctuation)",
     "check_name": "P101", "fingerprint": "…", "severity": "major",
     "categories": ["Style"], "type": "issue", "engine_name": "mtqa",
     "location": {"path": "doc.txt", "lines": {"begin": 3, "end": 3}}}

Severity: info → ``info``, warning → ``minor``, error → ``major``; an unreadable
input (X001) is ``critical``, so that it is not lost in the widget. The fingerprint
is the baseline fingerprint (offset-free), so GitLab tracks an issue across commits
that move it; for X001 it hashes the code and the path. Lines are the input file's (for a
bilingual or record file the unit is named in the description).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from mtqa.baseline import normalise_path, report_fingerprints
from mtqa.issue import Issue, Severity
from mtqa.report.model import InputError, Report

SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}
UNREADABLE = "critical"


def issue_entry(
    issue: Issue, begin: int, end: int, fingerprint: str, unit: str | None = None, file: str | None = None
) -> dict[str, Any]:
    where = f", unit {unit}" if unit else ""
    return {
        "description": f"{issue.message} ({issue.code} {issue.name}{where})",
        "check_name": issue.code,
        "fingerprint": fingerprint,
        "severity": SEVERITY[issue.severity],
        "categories": ["Style"],
        "type": "issue",
        "engine_name": "mtqa",
        "location": {"path": file or issue.document, "lines": {"begin": begin, "end": end}},
    }


def error_entry(error: InputError) -> dict[str, Any]:
    blob = json.dumps([error.code, normalise_path(error.path)]).encode("utf-8")
    line = error.line or 1
    return {
        "description": f"{error.message} ({error.code} {error.name})",
        "check_name": error.code,
        "fingerprint": hashlib.sha256(blob).hexdigest()[:32],
        "severity": UNREADABLE,
        "categories": ["Bug Risk"],
        "type": "issue",
        "engine_name": "mtqa",
        "location": {"path": error.path, "lines": {"begin": line, "end": line}},
    }


def report_to_list(report: Report) -> list[dict[str, Any]]:
    prints = report_fingerprints(report)
    out: list[dict[str, Any]] = []
    for doc in report.documents:
        for issue in report.issues_for(doc.id):
            at, to = doc.position(issue.span.start), doc.position(issue.span.end)
            out.append(issue_entry(issue, at.line, max(at.line, to.line), prints[issue], at.unit, doc.file))
    out.extend(error_entry(e) for e in report.errors)
    return out


def render(report: Report, options: object = None) -> str:
    return json.dumps(report_to_list(report), ensure_ascii=False, indent=2) + "\n"
