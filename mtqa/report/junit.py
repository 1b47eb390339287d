"""JUnit XML: what CI test tabs read (GitLab, Jenkins, Azure, CircleCI, GitHub test reporters).

Shape::

    <testsuites name="mtqa" tests=… failures=… errors=…>
      <testsuite name="path/to/doc.txt" tests=… failures=… errors="0" skipped="0">
        <testcase classname="path/to/doc.txt" name="P101 doubled-punctuation" file="path/to/doc.txt">
          <failure type="P101" message="2 issues: doubled full stop '. .' (line 3, column 16); …">
            path/to/doc.txt:3:16: P101 doubled full stop '. .'
            …
          </failure>
        </testcase>
        …
      </testsuite>
      <testsuite name="bad.txt" tests="1" failures="0" errors="1">
        <testcase classname="bad.txt" name="X001 unreadable-input" file="bad.txt">
          <error type="X001" message="not valid UTF-8 …"/>
        </testcase>
      </testsuite>
    </testsuites>

One ``<testsuite>`` per document and one ``<testcase>`` per rule checked on it, which
fails with a single ``<failure>`` listing all of that rule's issues in the document
(several ``<failure>`` elements in one testcase are outside the common JUnit schema
and some CI servers show only the first). An unreadable input is a suite with one
erroring testcase. Baselined issues are not failures.

The XML is built with ElementTree, so markup in the text is escaped; control
characters that XML 1.0 cannot carry are shown as their Unicode pictures (ESC → ␛).
No timestamps or durations: the same input gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from mtqa.document import Document
from mtqa.issue import Issue
from mtqa.report.escaping import xml_text
from mtqa.report.model import InputError, Report


def _element(tag: str, attrib: dict[str, str] | None = None, text: str | None = None) -> ET.Element:
    el = ET.Element(tag, {k: xml_text(v) for k, v in (attrib or {}).items()})
    if text is not None:
        el.text = xml_text(text)
    return el


def _rule_names(report: Report) -> dict[str, str]:
    """Code → name for every rule of the run, in run order, then codes found only on issues."""
    from mtqa.rules import UnknownRuleError, resolve

    names: dict[str, str] = {}
    for code in report.signature.rules:
        try:
            names[code] = resolve(code).name
        except UnknownRuleError:
            names[code] = code
    for issue in report.issues:
        names.setdefault(issue.code, issue.name)
    return names


def _location(issue: Issue, doc: Document) -> str:
    """``path:line:column`` in the input file, and the unit of a bilingual or record file."""
    at = doc.position(issue.span.start)
    unit = f" (unit {at.unit})" if at.unit else ""
    return f"{doc.file}:{at.line}:{at.column}{unit}"


def _testcase(doc: Document, code: str, name: str, issues: list[Issue]) -> ET.Element:
    case = _element("testcase", {"classname": doc.id, "name": f"{code} {name}", "file": doc.file})
    if issues:
        first = issues[0]
        at = doc.position(first.span.start)
        line, column = at.line, at.column
        count = f"{len(issues)} issue{'s' if len(issues) != 1 else ''}"
        more = "; …" if len(issues) > 1 else ""
        body = "\n".join(f"{_location(i, doc)}: {i.code} {i.message}" for i in issues)
        case.append(
            _element(
                "failure",
                {
                    "type": code,
                    "message": f"{count}: {first.message} (line {line}, column {column}"
                    f"{f', unit {at.unit}' if at.unit else ''}){more}",
                },
                body + "\n",
            )
        )
    return case


def _document_suite(doc: Document, issues: tuple[Issue, ...], names: dict[str, str]) -> ET.Element:
    by_code: dict[str, list[Issue]] = {code: [] for code in names}
    for issue in issues:
        by_code.setdefault(issue.code, []).append(issue)
    cases = [_testcase(doc, code, names.get(code, code), found) for code, found in by_code.items()]
    failures = sum(1 for found in by_code.values() if found)
    suite = _element(
        "testsuite",
        {"name": doc.id, "tests": str(len(cases)), "failures": str(failures), "errors": "0", "skipped": "0"},
    )
    suite.extend(cases)
    return suite


def _error_suite(error: InputError) -> ET.Element:
    suite = _element("testsuite", {"name": error.path, "tests": "1", "failures": "0", "errors": "1", "skipped": "0"})
    case = _element("testcase", {"classname": error.path, "name": f"{error.code} {error.name}", "file": error.path})
    where = f"{error.path}:{error.line}:{error.column}: " if error.line else f"{error.path}: "
    case.append(_element("error", {"type": error.code, "message": error.message}, f"{where}{error.message}\n"))
    suite.append(case)
    return suite


def report_to_xml(report: Report) -> ET.Element:
    names = _rule_names(report)
    suites = [_document_suite(doc, report.issues_for(doc.id), names) for doc in report.documents]
    suites.extend(_error_suite(e) for e in report.errors)
    root = _element(
        "testsuites",
        {
            "name": "mtqa",
            "tests": str(sum(int(s.get("tests", "0")) for s in suites)),
            "failures": str(sum(int(s.get("failures", "0")) for s in suites)),
            "errors": str(len(report.errors)),
        },
    )
    root.extend(suites)
    return root


def render(report: Report, options: object = None) -> str:
    root = report_to_xml(report)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
