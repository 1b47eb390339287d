"""JSON Lines: one object per line (issue, error, summary last), the JSON report's issue fields."""

from __future__ import annotations

import json

from mtqa.report import render
from mtqa.report.json import issue_to_dict
from mtqa.report.model import Report


def lines(report: Report) -> list[dict]:
    out = render(report, "jsonl")
    assert out.endswith("\n")
    raw = out[:-1].split("\n")
    # No character that some line readers treat as a line break survives unescaped.
    assert out.splitlines() == raw
    return [json.loads(line) for line in raw]


def test_issue_lines_are_the_json_issue_plus_path(example_report: Report) -> None:
    objs = lines(example_report)
    doc = example_report.documents[0]
    issues = [o for o in objs if o["type"] == "issue"]
    assert len(issues) == len(example_report.issues)
    for obj, issue in zip(issues, example_report.issues, strict=True):
        expected = json.loads(json.dumps(issue_to_dict(issue, doc)))
        assert obj == {"type": "issue", "path": doc.id, **expected}


def test_summary_is_the_last_line(example_report: Report) -> None:
    objs = lines(example_report)
    assert [o["type"] for o in objs].count("summary") == 1 and objs[-1]["type"] == "summary"
    summary = objs[-1]
    assert summary["schema"] == "mtqa.report/1"
    assert summary["issues"] == len(example_report.issues) and summary["suppressed"] == 0
    assert summary["by_rule"] == example_report.summary()["by_rule"]
    assert summary["signature"] == example_report.signature.to_dict()


def test_hostile_text_round_trips(hostile: Report, nasty) -> None:
    objs = lines(hostile)
    issues = [o for o in objs if o["type"] == "issue"]
    assert any(o["message"] == nasty.message and o["path"] == nasty.id for o in issues)
    assert any(o["text"] == ". ." for o in issues)
    assert any("\u2028" in o["text"] for o in issues)
    (error,) = [o for o in objs if o["type"] == "error"]
    assert error["code"] == "X001" and error["message"] == hostile.errors[0].message
    assert objs[-1]["suppressed"] == 1
    assert not any(o.get("message") == "in the baseline" for o in objs)
