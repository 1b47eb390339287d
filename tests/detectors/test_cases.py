"""Run every case file in tests/detectors/cases/ against its rule alone.

Each ``[[flag]]`` entry marks the expected spans with ⟦…⟧; the flagged spans must
equal the marks exactly. An optional ``fixed`` gives the text after the rule's fixes
(SAFE and UNSAFE), and the rule must be silent on that fixed text. Each ``[[pass]]``
entry is a look-alike the rule must leave alone. An entry may carry ``reference``
text: each non-blank line's segment then gets the same line of it as its reference
(reference-based rules, R2xx).
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.fixes import fix_text
from mtqa.rules import Selection, all_rules
from mtqa.span import Applicability, Span

CASES = Path(__file__).parent / "cases"
OPEN, CLOSE = "⟦", "⟧"


def strip_marks(marked: str) -> tuple[str, list[Span]]:
    """The text without ⟦ ⟧ and the spans they marked, in text coordinates."""
    text: list[str] = []
    spans: list[Span] = []
    start = None
    for ch in marked:
        if ch == OPEN:
            start = len(text)
        elif ch == CLOSE:
            assert start is not None, f"unbalanced marks in {marked!r}"
            spans.append(Span(start, len(text)))
            start = None
        else:
            text.append(ch)
    return "".join(text), spans


def load_cases() -> list[tuple[str, str, dict]]:
    cases = []
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("flag", "pass"):
            for n, entry in enumerate(data.get(kind, [])):
                cases.append(pytest.param(path.stem, kind, entry, id=f"{path.stem}-{kind}-{n}"))
    return cases


def document_for(text: str, entry: dict) -> Document:
    """The entry's text as a document; with ``reference``, line i's segment gets reference line i."""
    doc = Document.from_text(text)
    if "reference" not in entry:
        return doc
    refs = entry["reference"].split("\n")
    lines = [doc.line_col(seg.span.start)[0] - 1 for seg in doc.segments]
    segments = tuple(
        replace(seg, reference=refs[line] if line < len(refs) and refs[line].strip() else None)
        for seg, line in zip(doc.segments, lines, strict=True)
    )
    return replace(doc, segments=segments)


def engine_for(code: str, settings: dict | None = None) -> Engine:
    rule = next(r for r in all_rules() if r.code == code)
    options = RunOptions(selection=Selection((code,), preview=True), rule_settings={rule.name: settings or {}})
    return Engine(options)


@pytest.mark.parametrize(("code", "kind", "entry"), load_cases())
def test_case(code: str, kind: str, entry: dict) -> None:
    engine = engine_for(code, entry.get("settings"))
    text, expected = strip_marks(entry["text"])
    issues = engine.check_document(document_for(text, entry))
    found = sorted({i.span for i in issues})
    if kind == "pass":
        assert found == [], f"{code} flagged look-alike: {[s.slice(text) for s in found]}"
        return
    assert found == sorted(expected), (
        f"{code}: flagged {[s.slice(text) for s in found]}, expected {[s.slice(text) for s in expected]}"
    )
    assert all(i.code == code for i in issues)
    if "fixed" in entry:

        def check(t: str):
            return engine.check_document(Document.from_text(t))

        outcome = fix_text(text, check, Applicability.UNSAFE)
        assert outcome.text == entry["fixed"]
        assert engine.check_document(Document.from_text(outcome.text)) == []


def test_every_rule_has_a_case_file_with_enough_entries() -> None:
    for rule in all_rules():
        path = CASES / f"{rule.code}.toml"
        assert path.exists(), f"missing case file {path.name}"
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert len(data.get("flag", [])) >= 3, f"{rule.code}: fewer than 3 [[flag]] cases"
        assert len(data.get("pass", [])) >= 3, f"{rule.code}: fewer than 3 [[pass]] cases"
