"""GitLab Code Quality: the fields GitLab requires, its severities, stable unique fingerprints."""

from __future__ import annotations

import json

from mtqa.baseline import report_fingerprints
from mtqa.report import render
from mtqa.report.model import Report

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def entries(report: Report) -> list[dict]:
    data = json.loads(render(report, "gitlab"))
    assert isinstance(data, list)
    for entry in data:
        assert isinstance(entry["description"], str) and entry["description"]
        assert isinstance(entry["check_name"], str) and entry["check_name"]
        assert isinstance(entry["fingerprint"], str) and entry["fingerprint"]
        assert entry["severity"] in SEVERITIES
        assert isinstance(entry["location"]["path"], str)
        begin = entry["location"]["lines"]["begin"]
        assert isinstance(begin, int) and begin >= 1
    assert len({e["fingerprint"] for e in data}) == len(data)
    return data


def test_each_issue_is_an_entry(example_report: Report) -> None:
    data = entries(example_report)
    assert len(data) == len(example_report.issues)
    doc = example_report.documents[0]
    prints = report_fingerprints(example_report)
    for entry, issue in zip(data, example_report.issues, strict=True):
        assert entry["check_name"] == issue.code
        assert issue.message in entry["description"]
        assert entry["severity"] == {"info": "info", "warning": "minor", "error": "major"}[issue.severity.value]
        assert entry["location"] == {
            "path": doc.id,
            "lines": {"begin": doc.line_col(issue.span.start)[0], "end": doc.line_col(issue.span.end)[0]},
        }
        assert entry["fingerprint"] == prints[issue]


def test_hostile_text_round_trips_and_errors_are_critical(hostile: Report, nasty) -> None:
    data = entries(hostile)
    assert len(data) == len(hostile.issues) + len(hostile.errors)
    assert any(e["description"].startswith(nasty.message) and e["location"]["path"] == nasty.id for e in data)
    (error,) = [e for e in data if e["check_name"] == "X001"]
    assert error["severity"] == "critical"
    assert error["location"] == {"path": hostile.errors[0].path, "lines": {"begin": 2, "end": 2}}
    assert not any("in the baseline" in e["description"] for e in data)


def test_fingerprints_are_stable_across_runs(example_report: Report) -> None:
    assert render(example_report, "gitlab") == render(example_report, "gitlab")
