"""The Python API for notebooks: Report.to_dataframe, fixed_text, _repr_html_, and the review panel."""

from __future__ import annotations

import pickle

import pytest

import mtqa
from mtqa.fixes import applicable, apply_batch, non_overlapping
from mtqa.inputs import example_bytes
from mtqa.span import Applicability

EXAMPLE = example_bytes().decode("utf-8")
COLUMNS = [
    "document",
    "code",
    "name",
    "severity",
    "category",
    "mqm",
    "message",
    "start",
    "end",
    "line",
    "column",
    "text",
    "fix_applicability",
    "fix_title",
    "fixed_preview",
    "style",
    "unit",
]


@pytest.fixture(scope="module")
def report() -> mtqa.Report:
    return mtqa.check_text(EXAMPLE, id="example/article.txt")


def one_pass(report: mtqa.Report, level: Applicability) -> str:
    fixes = [(i.code, i.fix) for i in report.issues if applicable(i, level) and i.fix is not None]
    return apply_batch(report.documents[0].text, [f for _, f in non_overlapping(fixes)])


def test_dataframe_has_one_row_per_issue_and_the_documented_columns(report: mtqa.Report) -> None:
    pytest.importorskip("pandas")
    df = report.to_dataframe()
    assert list(df.columns) == COLUMNS
    assert len(df) == len(report.issues)
    first = df.iloc[0]
    issue = report.issues[0]
    assert (first["code"], first["start"], first["end"], first["text"]) == (
        issue.code,
        issue.span.start,
        issue.span.end,
        issue.text,
    )
    assert (first["line"], first["column"]) == report.documents[0].line_col(issue.span.start)
    merged = df[df["code"] == "W101"].iloc[0]
    assert merged["fix_applicability"] == "unsafe" and merged["fixed_preview"] == "Marchetti. She"
    assert set(df["severity"]) <= {"info", "warning", "error"}
    assert df.groupby("code").size().to_dict() == {code: n for (code, _), n in report.counts_by_rule().items()}


def test_dataframe_of_a_clean_text_is_empty_with_the_same_columns() -> None:
    pytest.importorskip("pandas")
    df = mtqa.check_text("The minister met his counterpart in Geneva on Thursday.\n").to_dataframe()
    assert list(df.columns) == COLUMNS and df.empty


def test_fixed_text_is_what_mtqa_fix_gives(report: mtqa.Report) -> None:
    assert report.fixed_text() == mtqa.fix_text(EXAMPLE)
    assert report.fixed_text("example/article.txt", unsafe=True) == mtqa.fix_text(EXAMPLE, unsafe=True)
    # Unsafe fixes need a second pass here (a deleted line covers an irregular space).
    assert report.fixed_text(unsafe=True) != one_pass(report, Applicability.UNSAFE)


def test_fixed_text_needs_a_document_id_when_there_are_several(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("It ended. .\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Two  spaces.\n", encoding="utf-8")
    report = mtqa.check_files(sorted(tmp_path.iterdir()))
    with pytest.raises(ValueError, match="pass document_id"):
        report.fixed_text()
    ids = [d.id for d in report.documents]
    assert [report.fixed_text(i) for i in ids] == ["It ended.\n", "Two spaces.\n"]
    with pytest.raises(KeyError):
        report.fixed_text("missing.txt")


def test_fixed_text_uses_the_rules_of_the_report() -> None:
    text = "Two  spaces and a stop. ."
    only_p = mtqa.check_text(text, select=["P101"])
    assert only_p.fixed_text() == "Two  spaces and a stop."


def test_report_stays_picklable_and_renders_for_jupyter(report: mtqa.Report) -> None:
    again = pickle.loads(pickle.dumps(report))
    assert again == report
    html = report._repr_html_()
    assert html.startswith('<div class="mtqa-report"') and html.count("<mark") >= len(report.issues)


def test_review_panel_ticks_safe_fixes_and_gives_the_corrected_text(report: mtqa.Report) -> None:
    pytest.importorskip("ipywidgets")
    from mtqa.notebook import review

    panel = review(report)
    safe = [i for i in panel.issues if i.fix is not None and i.fix.applicability is Applicability.SAFE]
    assert [c.value for c in panel.checkboxes].count(True) == len(safe) > 0
    assert panel.corrected_text() == one_pass(report, Applicability.SAFE) == mtqa.fix_text(EXAMPLE)
    assert panel._text.value == panel.corrected_text()
    panel.accept_all(unsafe=True)
    assert panel.corrected_text() == one_pass(report, Applicability.UNSAFE)
    assert "not applied" in panel._status.value
    panel.reject_all()
    assert panel.corrected_text() == EXAMPLE
    row = next(k for k, i in enumerate(panel.issues) if i.code == "W101")
    panel.accept(row)
    assert "Elena Marchetti. She promised" in panel.corrected_text()
    # The W101 row offers the alternative fix ("Marchetti She") in a drop-down.
    pick = panel._options[panel.document_id][row]
    pick.value = 1
    assert "Elena Marchetti She promised" in panel.corrected_text()
    panel.reject(row)
    assert panel.corrected_text() == EXAMPLE


def test_review_panel_switches_documents(tmp_path) -> None:
    pytest.importorskip("ipywidgets")
    from mtqa.notebook import review

    (tmp_path / "a.txt").write_text("It ended. .\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Two  spaces.\n", encoding="utf-8")
    report = mtqa.check_files(sorted(tmp_path.iterdir()))
    panel = review(report)
    a, b = (d.id for d in report.documents)
    assert panel.corrected_text() == "It ended.\n"
    assert panel.corrected_text(b) == "Two spaces.\n"
    panel.show(b)
    assert panel.document_id == b and panel._text.value == "Two spaces.\n"
    panel.reject_all()
    assert panel.corrected_text() == "Two  spaces.\n" and panel.corrected_text(a) == "It ended.\n"
