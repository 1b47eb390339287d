"""SARIF 2.1.0: the format code-scanning services read (GitHub code scanning, Azure DevOps, IDEs).

One run, with:

- ``tool.driver``: name, version, informationUri, and a ``rules`` array built from the
  registry for every rule the run used (id = code, name, descriptions and help from the
  rule's docstring, default level); ``notifications`` describes X001 (unreadable input).
- ``results``: one per issue, with ``ruleId``/``ruleIndex``, ``level`` (error, warning,
  note), the message, the location and region, the fix (and alternatives) as
  ``fixes``, related spans as ``relatedLocations``, and the baseline fingerprint in
  ``partialFingerprints``. Issues matched by the baseline are included too, with
  ``suppressions: [{"kind": "external"}]``, so a code-scanning service can close them.
- ``columnKind: "unicodeCodePoints"``: mtqa counts columns in code points, not the UTF-16
  units SARIF assumes by default. ``charOffset``/``charLength`` are code points into the
  decoded text too (after a byte-order mark, which is not part of the text).
- ``invocations``: ``executionSuccessful`` is false when an input could not be read, and
  each unreadable input is a ``toolExecutionNotifications`` entry with its position.

Regions follow SARIF: 1-based lines and columns, ``endColumn`` one past the last
character; an empty span (an insertion point) has ``charLength`` 0.

Regions are in the input file (``Document.position``). For a file whose document text is
not the file's text (XLIFF, PO, TMX, JSONL, CSV/TSV, HTML, feeds) the region has lines and
columns but no ``charOffset``/``charLength`` (those would count in the joined targets), a
``snippet`` only where the span is written as it reads (no tag or escape inside it), the
unit is a ``logicalLocations`` entry (``name`` and ``fullyQualifiedName`` the unit id,
``kind`` "element" for an XML unit, "object" for a record) and the ``unit`` property; where
only the unit's start is known the region is that start alone (``startLine`` and
``startColumn``). Such a file gets a fix only where every edit is a plain run of the file
(no tag, escape or line break inside it) and its replacement needs no escaping.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from mtqa.baseline import report_fingerprints
from mtqa.document import Document, Position
from mtqa.issue import Issue, Severity
from mtqa.report.model import InputError, Report
from mtqa.span import Fix, Span

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
#: Used when the installed package declares no Homepage/Source project URL.
DEFAULT_INFORMATION_URI = "https://pypi.org/project/mtqa/"
FINGERPRINT_KEY = "mtqa/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
X001 = {
    "id": "X001",
    "name": "unreadable-input",
    "shortDescription": {"text": "An input that could not be read (binary, not UTF-8, empty or inaccessible)"},
    "defaultConfiguration": {"level": "error"},
}


def information_uri() -> str:
    """The project's home page as the installed metadata declares it, else the package index page."""
    try:
        from importlib.metadata import metadata

        for entry in metadata("mtqa").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() in {"homepage", "home", "source", "repository"} and url.strip():
                return url.strip()
    except Exception:  # metadata missing (running from a source tree): not worth failing a report for
        pass
    return DEFAULT_INFORMATION_URI


def artifact_uri(path: str) -> str:
    """A URI reference for a document path: relative paths stay relative, absolute ones become file URIs."""
    if PureWindowsPath(path).drive and PureWindowsPath(path).is_absolute():
        return PureWindowsPath(path).as_uri()
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return PurePosixPath(posix).as_uri()
    return quote(posix, safe="/-._~")


def _markdown_help(sections: dict[str, str]) -> str:
    """The docstring's sections as Markdown: bold headings, bodies without their indentation."""
    parts = [sections.get("summary", "")]
    for head, body in sections.items():
        if head != "summary" and body:
            flat = "\n".join(line.strip() for line in body.splitlines())
            parts.append(f"**{head}**\n\n{flat}")
    return "\n\n".join(p for p in parts if p)


def rule_descriptor(code: str, example: Issue | None = None) -> dict[str, Any]:
    """The reportingDescriptor of a rule, from the registry (or from an issue of an unknown rule)."""
    from mtqa.rules import UnknownRuleError, resolve

    try:
        rule = resolve(code)
    except UnknownRuleError:
        name = example.name if example else code
        return {
            "id": code,
            "name": name,
            "shortDescription": {"text": name},
            "defaultConfiguration": {"level": LEVEL[example.severity] if example else "warning"},
        }
    sections = rule.doc_sections()
    documentation = rule.documentation()
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": sections.get("summary") or rule.summary},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "category": rule.category,
            "mqm": rule.mqm,
            "scope": rule.scope.value,
            "stability": rule.stability.value,
            "fixable": rule.fixable,
            "tags": [t for t in (rule.category, rule.mqm) if t],
        },
    }
    if documentation:
        descriptor["help"] = {"text": documentation, "markdown": _markdown_help(sections)}
    return descriptor


def region(span: Span, doc: Document | None) -> dict[str, Any]:
    if doc is None:
        return {"charOffset": span.start, "charLength": len(span)}
    at, to = doc.position(span.start), doc.position(span.end)
    out: dict[str, Any] = {"startLine": at.line, "startColumn": at.column}
    if at.exact:
        out.update(endLine=to.line, endColumn=to.column)
    if doc.origin is None:
        out.update(charOffset=span.start, charLength=len(span))
    if doc.origin is None or _plain_run(span, at, to):
        out["snippet"] = {"text": span.slice(doc.text)}  # only where it is the file's own text there
    return out


def _plain_run(span: Span, at: Position, to: Position) -> bool:
    """Whether a span of a bilingual or record file is written as it reads in the file: on one
    line, with no tag, escape or line break inside it."""
    return at.exact and to.exact and at.line == to.line and to.column - at.column == len(span)


def physical_location(uri: str, span: Span, doc: Document | None) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region(span, doc)}}


def location(uri: str, span: Span, doc: Document | None) -> dict[str, Any]:
    """A physical location, with the unit as a logical location in a bilingual or record file."""
    out = physical_location(uri, span, doc)
    unit = doc.position(span.start).unit if doc is not None else None
    if unit is not None and doc is not None and doc.origin is not None:
        kind = doc.origin.unit_kind
        out["logicalLocations"] = [{"name": unit, "fullyQualifiedName": unit, "kind": kind}]
    return out


_NEEDS_ESCAPING = frozenset('&<>"\\\n\r')


def _fixable_in_file(fix: Fix, doc: Document | None) -> bool:
    """Whether the fix's edits can be written as regions of the input file (always, for plain text)."""
    if doc is None or doc.origin is None:
        return True
    for edit in fix.edits:
        if _NEEDS_ESCAPING.intersection(edit.replacement):
            return False
        if not _plain_run(edit.span, doc.position(edit.span.start), doc.position(edit.span.end)):
            return False  # a tag, an escape or a line break of the file inside the edit
    return True


def sarif_fix(fix: Fix, uri: str, doc: Document | None) -> dict[str, Any]:
    replacements = []
    for edit in sorted(fix.edits, key=lambda e: e.span.start):
        deleted = region(edit.span, doc)
        deleted.pop("snippet", None)
        replacements.append({"deletedRegion": deleted, "insertedContent": {"text": edit.replacement}})
    return {
        "description": {"text": fix.title},
        "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
        "properties": {"applicability": fix.applicability.value},
    }


def result(
    issue: Issue, doc: Document | None, rule_index: int, fingerprint: str | None, suppressed: bool
) -> dict[str, Any]:
    uri = artifact_uri(doc.file if doc is not None else issue.document)
    out: dict[str, Any] = {
        "ruleId": issue.code,
        "ruleIndex": rule_index,
        "kind": "fail",
        "level": LEVEL[issue.severity],
        "message": {"text": issue.message},
        "locations": [location(uri, issue.span, doc)],
    }
    if fingerprint is not None:
        out["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if issue.related:
        out["relatedLocations"] = [
            {
                "id": n,
                **location(uri, span, doc),
                "message": {"text": f"related: {span.slice(doc.text)!r}" if doc else "related"},
            }
            for n, span in enumerate(issue.related)
        ]
    fixes = [f for f in (issue.fix, *issue.alternatives) if f is not None and _fixable_in_file(f, doc)]
    if fixes:
        out["fixes"] = [sarif_fix(f, uri, doc) for f in fixes]
    if suppressed:
        out["suppressions"] = [{"kind": "external", "status": "accepted", "justification": "in the mtqa baseline"}]
    properties: dict[str, Any] = {"name": issue.name, "category": issue.category}
    if issue.mqm:
        properties["mqm"] = issue.mqm
    if issue.segment is not None:
        properties["segment"] = issue.segment
    unit = doc.position(issue.span.start).unit if doc is not None else None
    if unit is not None:
        properties["unit"] = unit
    if issue.confidence is not None:
        properties["confidence"] = issue.confidence
    if issue.data:
        properties["data"] = issue.data
    out["properties"] = properties
    return out


def notification(error: InputError) -> dict[str, Any]:
    where: dict[str, Any] = {}
    if error.line is not None:
        where["startLine"] = error.line
        if error.column is not None:
            where["startColumn"] = error.column
    if error.byte_offset is not None:
        where["byteOffset"] = error.byte_offset
    location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(error.path)}}
    if where:
        location["region"] = where
    return {
        "level": "error",
        "message": {"text": f"{error.path}: {error.message}"},
        "descriptor": {"id": error.code, "index": 0},
        "locations": [{"physicalLocation": location}],
    }


def rule_codes(report: Report) -> list[str]:
    """The rules of the run (registry order), then any other code an issue carries."""
    codes = list(dict.fromkeys(report.signature.rules))
    for issue in (*report.issues, *report.suppressed):
        if issue.code not in codes:
            codes.append(issue.code)
    return codes


def _in_document_order(report: Report) -> list[tuple[Issue, bool]]:
    """(issue, suppressed) pairs: documents in report order, issues by position within each."""
    rank = {doc.id: n for n, doc in enumerate(report.documents)}
    tagged = [(i, False) for i in report.issues] + [(i, True) for i in report.suppressed]
    tagged.sort(key=lambda pair: (rank.get(pair[0].document, len(rank)), pair[0].sort_key))
    return tagged


def report_to_sarif(report: Report) -> dict[str, Any]:
    from mtqa import __version__

    examples = {i.code: i for i in (*report.issues, *report.suppressed)}
    codes = rule_codes(report)
    index = {code: n for n, code in enumerate(codes)}
    prints = report_fingerprints(report)
    docs = {d.id: d for d in report.documents}
    tagged = _in_document_order(report)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "mtqa",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": information_uri(),
                "rules": [rule_descriptor(code, examples.get(code)) for code in codes],
                "notifications": [X001],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not report.errors,
                "toolExecutionNotifications": [notification(e) for e in report.errors],
            }
        ],
        "columnKind": "unicodeCodePoints",
        "results": [
            result(issue, docs.get(issue.document), index[issue.code], prints.get(issue), suppressed)
            for issue, suppressed in tagged
        ],
        "properties": {"signature": report.signature.to_dict(), "summary": report.summary()},
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(report: Report, options: object = None) -> str:
    return json.dumps(report_to_sarif(report), ensure_ascii=False, indent=2) + "\n"
