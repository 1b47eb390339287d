"""Run every case file in tests/detectors/cases/ against its rule alone.

Each ``[[flag]]`` entry marks the expected spans with ⟦…⟧; the flagged spans must
equal the marks exactly. An optional ``fixed`` gives the text after the rule's fixes
(SAFE and UNSAFE), and the rule must be silent on that fixed text. Each ``[[pass]]``
entry is a look-alike the rule must leave alone. An entry may carry ``reference``
text: each non-blank line's segment then gets the same line of it as its reference
(reference-based rules, R2xx); ``source`` likewise gives line i's segment its source (S rules).
``language`` sets the document's target language (default "en"; a rule is silent in a language
it does not declare) and ``source_language`` its source language.
An entry may hold ``documents = ["...", "..."]`` instead of ``text``: one run over several
documents (corpus rules, N102), marks in any of them, and ``fixed`` then a list with one
text per document. Model rules (M101) take ``proposals``, a table of sentence -> rewrite
that a stub model proposes (the guard then decides).
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
    """The entry's text as a document; with ``reference`` (``source``), line i's segment gets
    reference (source) line i."""
    doc = Document.from_text(text, language=entry.get("language", "en"), source_language=entry.get("source_language"))
    if "reference" not in entry and "source" not in entry:
        return doc
    lines = [doc.line_col(seg.span.start)[0] - 1 for seg in doc.segments]
    segments = tuple(
        replace(seg, reference=_line(entry, "reference", line), source=_line(entry, "source", line))
        for seg, line in zip(doc.segments, lines, strict=True)
    )
    return replace(doc, segments=segments)


def _line(entry: dict, key: str, line: int) -> str | None:
    """Line ``line`` of the entry's ``key`` text (None when it has none or that line is blank)."""
    lines = entry.get(key, "").split("\n")
    return lines[line] if line < len(lines) and lines[line].strip() else None


def engine_for(code: str, settings: dict | None = None, proposals: dict | None = None) -> Engine:
    rule = next(r for r in all_rules() if r.code == code)
    options = RunOptions(selection=Selection((code,), preview=True), rule_settings={rule.name: settings or {}})
    if proposals is not None:  # model rules (M1xx): a stub model proposes exactly these rewrites
        from tests.corrector.stubs import stub_corrector

        options = replace(options, corrector=stub_corrector(proposals))
    return Engine(options)


@pytest.mark.parametrize(("code", "kind", "entry"), load_cases())
def test_case(code: str, kind: str, entry: dict) -> None:
    engine = engine_for(code, entry.get("settings"), entry.get("proposals"))
    if "documents" in entry:
        check_run(engine, code, kind, entry)
        return
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
            return engine.check_document(document_for(t, entry))

        outcome = fix_text(text, check, Applicability.UNSAFE)
        assert outcome.text == entry["fixed"]
        assert engine.check_document(document_for(outcome.text, entry)) == []


def check_run(engine: Engine, code: str, kind: str, entry: dict) -> None:
    """An entry with several documents, checked as one run: each document's flags equal its marks."""
    marked = [strip_marks(d) for d in entry["documents"]]
    docs = [Document.from_text(text, id=f"doc{n}") for n, (text, _) in enumerate(marked)]
    issues = engine.check_documents(docs).issues
    for doc, (text, expected) in zip(docs, marked, strict=True):
        found = sorted({i.span for i in issues if i.document == doc.id})
        wanted = [] if kind == "pass" else sorted(expected)
        assert found == wanted, (
            f"{code} in {doc.id}: flagged {[s.slice(text) for s in found]}, expected {[s.slice(text) for s in wanted]}"
        )
    assert all(i.code == code for i in issues)
    if "fixed" in entry:
        corpus = engine.finish_corpus(engine.collect_corpus(docs))

        def check(doc_id: str):
            return lambda t: engine.check_document(Document.from_text(t, id=doc_id), corpus)

        fixed = [fix_text(doc.text, check(doc.id), Applicability.UNSAFE).text for doc in docs]
        assert fixed == entry["fixed"]
        again = [Document.from_text(t, id=f"doc{n}") for n, t in enumerate(fixed)]
        assert list(engine.check_documents(again).issues) == []


def test_every_rule_has_a_case_file_with_enough_entries() -> None:
    for rule in all_rules():
        path = CASES / f"{rule.code}.toml"
        assert path.exists(), f"missing case file {path.name}"
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert len(data.get("flag", [])) >= 3, f"{rule.code}: fewer than 3 [[flag]] cases"
        assert len(data.get("pass", [])) >= 3, f"{rule.code}: fewer than 3 [[pass]] cases"
