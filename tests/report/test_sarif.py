"""SARIF 2.1.0: valid against the OASIS schema, and every location, fix and fingerprint right."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from mtqa.baseline import report_fingerprints
from mtqa.report import render
from mtqa.report.model import Report
from mtqa.report.sarif import artifact_uri
from mtqa.rules import resolve

SCHEMA_COPY = Path(__file__).with_name("sarif-2.1.0.json")
SHARED_SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "sarif-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_COPY.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def sarif(report: Report, validator: jsonschema.Draft4Validator) -> dict:
    out = render(report, "sarif")
    log = json.loads(out)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    return log


@pytest.mark.skipif(not SHARED_SCHEMA.is_file(), reason="../shared is not checked out")
def test_schema_copy_is_the_shared_schema() -> None:
    assert SCHEMA_COPY.read_bytes() == SHARED_SCHEMA.read_bytes()


def test_validator_rejects_a_broken_log(validator: jsonschema.Draft4Validator) -> None:
    """The schema really constrains: a result without a message is caught."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "mtqa"}}, "results": [{"ruleId": "P101"}]}]}
    assert list(validator.iter_errors(bad))


def test_example_report_is_valid_and_complete(example_report: Report, validator) -> None:
    log = sarif(example_report, validator)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "mtqa" and driver["version"] and driver["informationUri"].startswith("https://")
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == list(example_report.signature.rules)
    for descriptor in driver["rules"]:
        rule = resolve(descriptor["id"])
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"]
        assert "What it flags" in descriptor["help"]["text"]
        level = {"error": "error", "warning": "warning", "info": "note"}[rule.severity.value]
        assert descriptor["defaultConfiguration"]["level"] == level
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    assert len(run["results"]) == len(example_report.issues)
    doc = example_report.documents[0]
    for res, issue in zip(run["results"], example_report.issues, strict=True):
        assert res["ruleId"] == issue.code and rule_ids[res["ruleIndex"]] == issue.code
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[issue.severity.value]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert doc.text[region["charOffset"] : region["charOffset"] + region["charLength"]] == issue.text
        assert (region["startLine"], region["startColumn"]) == doc.line_col(issue.span.start)
        assert (region["endLine"], region["endColumn"]) == doc.line_col(issue.span.end)
        assert "suppressions" not in res
        assert (issue.fix is not None) == ("fixes" in res)


def test_fixes_replay_to_the_fixed_text(example_report: Report, validator) -> None:
    log = sarif(example_report, validator)
    text = example_report.documents[0].text
    for res, issue in zip(log["runs"][0]["results"], example_report.issues, strict=True):
        if issue.fix is None:
            continue
        out = text
        replacements = res["fixes"][0]["artifactChanges"][0]["replacements"]
        for rep in sorted(replacements, key=lambda r: r["deletedRegion"]["charOffset"], reverse=True):
            start = rep["deletedRegion"]["charOffset"]
            out = out[:start] + rep["insertedContent"]["text"] + out[start + rep["deletedRegion"]["charLength"] :]
        assert out == issue.fix.apply(text)
        assert res["fixes"][0]["properties"]["applicability"] == issue.fix.applicability.value
        assert len(res["fixes"]) == 1 + len(issue.alternatives)


def test_hostile_text_round_trips_and_stays_valid(hostile: Report, validator, nasty) -> None:
    log = sarif(hostile, validator)
    (run,) = log["runs"]
    messages = [r["message"]["text"] for r in run["results"]]
    assert nasty.message in messages
    made_up = run["results"][messages.index(nasty.message)]
    assert made_up["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == '<b>&amp;"\x1b'
    assert made_up["fixes"][1]["properties"]["applicability"] == "display"
    assert made_up["relatedLocations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "Étienne"
    uri = made_up["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == artifact_uri(hostile.documents[0].id) and "<" not in uri and '"' not in uri and "," not in uri


def test_multiline_span_and_empty_span_regions(hostile: Report, validator, nasty) -> None:
    log = sarif(hostile, validator)
    results = log["runs"][0]["results"]
    two_lines = next(r for r in results if r["message"]["text"] == "spans two lines")
    region = two_lines["locations"][0]["physicalLocation"]["region"]
    assert region["endLine"] == region["startLine"] + 1
    insertion = next(r for r in results if r["message"]["text"] == nasty.message)["fixes"][1]
    deleted = insertion["artifactChanges"][0]["replacements"][0]["deletedRegion"]
    assert deleted["charLength"] == 0 and deleted["startColumn"] == deleted["endColumn"]


def test_suppressed_issues_are_listed_with_a_suppression(hostile: Report, validator) -> None:
    log = sarif(hostile, validator)
    results = log["runs"][0]["results"]
    assert len(results) == len(hostile.issues) + len(hostile.suppressed)
    suppressed = [r for r in results if "suppressions" in r]
    assert [r["message"]["text"] for r in suppressed] == ["in the baseline"]
    assert suppressed[0]["suppressions"][0]["kind"] == "external"
    prints = report_fingerprints(hostile)
    assert suppressed[0]["partialFingerprints"] == {"mtqa/v1": prints[hostile.suppressed[0]]}
    assert len({r["partialFingerprints"]["mtqa/v1"] for r in results}) == len(results)
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert all(ids[r["ruleIndex"]] == r["ruleId"] for r in results)


def test_unreadable_input_is_a_tool_execution_notification(hostile: Report, validator) -> None:
    log = sarif(hostile, validator)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["descriptor"]["id"] == "X001"
    assert "\x1b[31m<here>" in note["message"]["text"]
    region = note["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "startColumn": 3, "byteOffset": 8}
    assert log["runs"][0]["tool"]["driver"]["notifications"][0]["id"] == "X001"


def test_artifact_uris() -> None:
    assert artifact_uri("news/story one.txt") == "news/story%20one.txt"
    assert artifact_uri("/srv/feed/a.txt") == "file:///srv/feed/a.txt"
    assert artifact_uri("C:\\feed\\a.txt") == "file:///C:/feed/a.txt"
    assert artifact_uri("<stdin>") == "%3Cstdin%3E"
