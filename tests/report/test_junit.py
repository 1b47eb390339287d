"""JUnit XML: parsed back with ElementTree; one suite per document, one testcase per rule."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from mtqa.report import render
from mtqa.report.escaping import xml_text
from mtqa.report.model import Report


def parse(report: Report) -> ET.Element:
    out = render(report, "junit")
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(out.encode("utf-8"))


def test_one_suite_per_document_and_one_testcase_per_rule(example_report: Report) -> None:
    root = parse(example_report)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    doc = example_report.documents[0]
    assert suite.get("name") == doc.id
    cases = suite.findall("testcase")
    codes = [c.get("name", "").split()[0] for c in cases]
    assert codes == list(example_report.signature.rules)
    failing = {c for c in codes if any(i.code == c for i in example_report.issues)}
    assert suite.get("tests") == str(len(cases)) and suite.get("failures") == str(len(failing))
    assert root.get("tests") == str(len(cases)) and root.get("failures") == str(len(failing))
    for case in cases:
        code = case.get("name", "").split()[0]
        issues = [i for i in example_report.issues if i.code == code]
        failures = case.findall("failure")
        assert len(failures) == (1 if issues else 0)
        assert case.get("classname") == doc.id and case.get("file") == doc.id
        if issues:
            assert failures[0].get("type") == code
            assert failures[0].get("message", "").startswith(f"{len(issues)} issue")
            body = (failures[0].text or "").splitlines()
            assert len(body) == len(issues)
            for line, issue in zip(body, issues, strict=True):
                row, col = doc.line_col(issue.span.start)
                assert line == f"{doc.id}:{row}:{col}: {issue.code} {issue.message}"


def test_unreadable_input_is_an_error_suite(hostile: Report) -> None:
    root = parse(hostile)
    suites = root.findall("testsuite")
    assert len(suites) == 2 and root.get("errors") == "1"
    err_suite = suites[1]
    assert err_suite.get("name") == hostile.errors[0].path
    assert err_suite.get("errors") == "1" and err_suite.get("failures") == "0"
    (case,) = err_suite.findall("testcase")
    (error,) = case.findall("error")
    assert error.get("type") == "X001"
    assert error.get("message") == xml_text(hostile.errors[0].message)


def test_hostile_text_is_escaped_and_parses(hostile: Report, nasty) -> None:
    out = render(hostile, "junit")
    assert "<script>" not in out and "\x1b" not in out and "\x00" not in out
    root = ET.fromstring(out)
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == nasty.id
    failure = next(c.find("failure") for c in suite.iter("testcase") if c.get("name", "").startswith("W101"))
    assert failure is not None
    # XML parsers turn CR LF in text content into LF (XML 1.0, section 2.11), so compare that way.
    expected = xml_text(nasty.message).replace("\r\n", "\n")
    assert expected in (failure.text or "")
    assert "␛[31m" in (failure.text or "") and "␀" in (failure.text or "")
    assert '<script>alert("x&y")</script>' in (failure.text or "")


def test_baselined_issues_are_not_failures(hostile: Report) -> None:
    root = parse(hostile)
    names = [c.get("name") for c in root.iter("testcase") if c.find("failure") is not None]
    assert "C101 capital-after-comma" not in names


def test_same_report_same_bytes(example_report: Report) -> None:
    assert render(example_report, "junit") == render(example_report, "junit")
