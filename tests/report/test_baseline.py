"""Baselines: offset-free fingerprints, splitting, pruning on rewrite, the file format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.baseline import (
    SCHEMA,
    Baseline,
    BaselineError,
    fingerprint_issues,
    load,
    normalise,
    report_fingerprints,
    write,
)
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.inputs import example_bytes
from mtqa.rules import Selection

ENGINE = Engine(RunOptions(selection=Selection(("P101", "W102"))))
TEXT = "First line ends. .\n\nThe second,, paragraph.\nAnd  a third. .\n"


def prints(text: str, id: str = "a.txt", engine: Engine = ENGINE) -> dict[tuple[str, str, int], str]:
    """Fingerprints keyed by (code, text, n-th such issue) — the identity a reader would give them."""
    doc = Document.from_text(text, id=id)
    issues = engine.check_document(doc)
    out: dict[tuple[str, str, int], str] = {}
    for issue, fp in zip(issues, fingerprint_issues(issues, doc), strict=True):
        n = sum(1 for key in out if key[:2] == (issue.code, issue.text))
        out[(issue.code, issue.text, n)] = fp
    return out


def test_normalise() -> None:
    assert normalise("e\u0301 \u00a0\t x") == "\u00e9 x"


def test_fingerprints_survive_a_paragraph_inserted_above_and_below() -> None:
    before = prints(TEXT)
    assert len(before) == 4 and len(set(before.values())) == 4
    assert prints("A new lead paragraph, with text.\n\n" + TEXT) == before
    assert prints("New first line\n" + TEXT + "\nTrailing paragraph. .\n").items() >= before.items()
    assert prints(TEXT.replace("\n", "\r\n")) == before


def test_fingerprints_survive_reordered_paragraphs_and_whitespace_changes() -> None:
    before = prints(TEXT)
    reordered = "And  a third. .\nFirst line ends. .\n\nThe second,, paragraph.\n"
    assert set(prints(reordered).values()) == set(before.values())
    assert prints(TEXT.replace("\n\n", "\n\n\n\n")) == before


def test_identical_issues_in_identical_context_stay_distinct() -> None:
    text = "Done. .\nDone. .\nDone. .\n"
    fps = prints(text)
    assert len(set(fps.values())) == 3
    assert prints("Intro.\n" + text) == fps


def test_what_makes_an_issue_new() -> None:
    before = prints(TEXT)
    edited = prints(TEXT.replace("First line ends", "The first line ends"))
    assert edited[("P101", ". .", 0)] != before[("P101", ". .", 0)]
    assert edited[("P101", ",,", 0)] == before[("P101", ",,", 0)]
    assert set(prints(TEXT, id="b.txt").values()).isdisjoint(before.values())
    assert prints(TEXT, id="./a.txt") == before
    assert prints(TEXT, id="dir\\a.txt") == prints(TEXT, id="dir/a.txt")


def test_nfc_and_decomposed_text_fingerprint_alike() -> None:
    composed = "Caf\u00e9 closed. .\n"
    assert prints(composed) == prints(composed.replace("\u00e9", "e\u0301"))


def test_apply_moves_baselined_issues_to_suppressed() -> None:
    doc = Document.from_text(TEXT, id="a.txt")
    report = ENGINE.check_documents([doc])
    baseline = Baseline.from_report(report)
    assert len(baseline) == len(report.issues) == 4
    moved = Document.from_text("Inserted, with a new error. .\n" + TEXT, id="a.txt")
    after = baseline.apply(ENGINE.check_documents([moved]))
    assert [i.text for i in after.issues] == [". ."] and after.issues[0].span.start < 30
    assert len(after.suppressed) == 4
    assert after.exit_code(None) == 0 and after.exit_code(after.issues[0].severity) == 1
    # Applying again is stable, and fingerprints cover suppressed issues too.
    again = baseline.apply(after)
    assert again.issues == after.issues and again.suppressed == after.suppressed
    assert set(report_fingerprints(after)) == {*after.issues, *after.suppressed}


def test_split_with_a_partial_baseline() -> None:
    doc = Document.from_text(TEXT, id="a.txt")
    issues = ENGINE.check_document(doc)
    partial = Baseline(Baseline.from_issues(issues, doc).entries[:2])
    new, old = partial.split(issues, doc)
    assert old == issues[:2] and new == issues[2:]
    assert Baseline().split(issues, doc) == (issues, [])


def test_rewriting_records_exactly_the_current_issues(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    report = ENGINE.check_documents([Document.from_text(TEXT, id="a.txt")])
    write(path, Baseline.from_report(report))
    first = load(path)
    fixed = TEXT.replace(",,", ",")
    report2 = first.apply(ENGINE.check_documents([Document.from_text(fixed, id="a.txt")]))
    assert not report2.issues and len(report2.suppressed) == 3
    write(path, Baseline.from_report(report2))
    second = load(path)
    assert second.fingerprints < first.fingerprints and len(second) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]


def test_file_format_is_sorted_and_readable(tmp_path: Path) -> None:
    doc = Document.from_text(example_bytes().decode("utf-8"), id="example/article.txt")
    report = Engine().check_documents([doc])
    path = tmp_path / "b.json"
    write(path, Baseline.from_report(report))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA
    assert len(data["issues"]) == len(report.issues)
    assert all(set(e) == {"fingerprint", "code", "path", "text"} for e in data["issues"])
    keys = [(e["path"], e["code"], e["text"], e["fingerprint"]) for e in data["issues"]]
    assert keys == sorted(keys)
    assert load(path).fingerprints == Baseline.from_report(report).fingerprints
    assert path.read_text(encoding="utf-8") == Baseline.from_report(report).dumps()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not found"),
        ("{not json", "not a JSON baseline"),
        ('{"schema": "other/1", "issues": []}', "not an mtqa baseline"),
        ('{"schema": "mtqa.baseline/1", "issues": {}}', "must be a list"),
        ('{"schema": "mtqa.baseline/1", "issues": [{"code": "P101"}]}', "fingerprint"),
    ],
)
def test_bad_baseline_files_are_errors_naming_the_file(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=message) as info:
        load(path)
    assert str(path) in str(info.value)
