"""``Detector.candidates``: the segments a rule's own cheap tests would pass, found over the
whole document. A rule that narrows the segments this way must flag exactly what it flags
when the engine hands it every segment: these tests run each such rule both ways over the
texts of every case file (flags and look-alikes of all rules), as one document of all the
texts and as the same texts in documents whose segments are not the text's lines.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mtqa.detectors.base import Detector, Scope
from mtqa.detectors.memo import PLAIN_MARKS, ascii_shape, segments_with, shape_table
from mtqa.document import Document, Segment
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection, all_rules
from mtqa.span import Span

CASES = Path(__file__).parent / "cases"
NARROWING = sorted(
    (r for r in all_rules() if r.scope is Scope.SEGMENT and "candidates" in vars(r)), key=lambda r: r.code
)


def _case_texts() -> list[str]:
    texts = []
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("flag", "pass"):
            for entry in data.get(kind, []):
                text = entry.get("text")
                if isinstance(text, str):
                    texts.append(text.replace("⟦", "").replace("⟧", ""))
    return texts


def _documents() -> list[Document]:
    texts = _case_texts()
    docs = [Document.from_text("\n".join(texts), id="all"), Document.from_text("\n\n".join(texts), id="blank")]
    # Segments that are not the text's lines: adjacent slices of one text, with no line break.
    text = "".join(texts)
    segments, pos = [], 0
    for n, t in enumerate(texts):
        segments.append(Segment(n, Span(pos, pos + len(t)), t))
        pos += len(t)
    docs.append(Document("adjacent", text, tuple(segments)))
    return docs


def _issues(code: str, docs: list[Document], narrowed: bool) -> list[tuple]:
    cls = next(r for r in NARROWING if r.code == code)
    engine = Engine(RunOptions(selection=Selection((code,))))
    saved = vars(cls)["candidates"]
    try:
        if not narrowed:
            cls.candidates = Detector.candidates  # type: ignore[method-assign]
        return [(i.document, i.span, i.message, i.fix) for d in docs for i in engine.check_document(d)]
    finally:
        cls.candidates = saved  # type: ignore[method-assign]


@pytest.mark.parametrize("code", [r.code for r in NARROWING])
def test_candidates_change_nothing(code: str) -> None:
    docs = _documents()
    assert _issues(code, docs, narrowed=True) == _issues(code, docs, narrowed=False)


def test_segments_with_finds_each_mark_once_in_order() -> None:
    doc = Document.from_text("no mark here\nа “quote”\n\nsome  spaces and\ttab\nx: 10:45 and 2024\nplain")
    texts = [s.text for s in doc.segments]
    assert [s.text for s in segments_with(doc, ("  ", "\t"))] == [texts[2]]
    assert [s.text for s in segments_with(doc, non_ascii=True)] == [texts[1]]
    assert [s.text for s in segments_with(doc, shape=(b"0:0",))] == [texts[3]]
    assert [s.text for s in segments_with(doc, ("  ",), shape=(b"0:0",), non_ascii=True)] == texts[1:4]
    # Only curly quotes outside ASCII: not "beyond the marks"; a Cyrillic letter is.
    assert segments_with(Document.from_text("a “quote”\nb"), beyond_marks=True) == []
    assert [s.text for s in segments_with(doc, beyond_marks=True)] == [texts[1]]


def test_segments_with_gives_up_on_segments_that_are_not_slices() -> None:
    doc = Document("d", "abc def", (Segment(0, Span(0, 3), "xyz"),))
    assert segments_with(doc, ("x",)) is None


def test_ascii_shape_keeps_offsets() -> None:
    text = "Kyiv, 2024 – “É”"
    shape = ascii_shape(text)
    assert len(shape) == len(text)
    assert shape == b"Aaaa, 0000 ? ???"
    assert ascii_shape(text, shape_table({"?": "."}, other=" ")) == b"           . ..."


def test_plain_marks_are_neither_letters_digits_nor_spaces() -> None:
    for ch in PLAIN_MARKS:
        assert not ch.isalnum() and not ch.isspace() and not "\u00c2" <= ch <= "\u00f4", ch
