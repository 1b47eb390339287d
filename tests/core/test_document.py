"""Paragraph documents are split into segments on first use, and behave as if split at once."""

from __future__ import annotations

import dataclasses
import pickle

from mtqa.document import Document, paragraph_segments

TEXT = "First line.\n\n  Second line.\r\nThird.\n"


def test_the_split_waits_for_the_first_use_and_equals_splitting_at_once() -> None:
    doc = Document.of_paragraphs("d", TEXT, segment_id="r7")
    assert doc.paragraphs and doc.paragraph_id == "r7"
    assert doc.__dict__["_segments"] is None  # not split yet
    eager = Document("d", TEXT, paragraph_segments(TEXT, "r7"))
    assert doc.segments == eager.segments
    assert [s.text for s in doc.segments] == ["First line.", "  Second line.", "Third."]
    assert {s.id for s in doc.segments} == {"r7"}
    assert doc.segments is doc.segments  # split once
    assert doc == eager and hash(doc) == hash(eager)


def test_copies_pickles_and_plain_documents() -> None:
    lazy = Document.of_paragraphs("d", TEXT, language="de")
    back = pickle.loads(pickle.dumps(lazy))
    assert back.__dict__["_segments"] is None and back.paragraphs  # travels as text alone
    assert back == lazy and back.segments == lazy.segments
    assert len(pickle.dumps(Document.of_paragraphs("d", TEXT))) < len(pickle.dumps(back))  # once split, bigger
    # A copy with its source language set stays a (lazy) paragraph document.
    sourced = Document.of_paragraphs("d", TEXT, segment_id="r1").with_source_language("es")
    assert sourced.paragraphs and sourced.paragraph_id == "r1" and sourced.source_language == "es"
    assert sourced.__dict__["_segments"] is None
    assert sourced.segments == paragraph_segments(TEXT, "r1")
    # Other copies are ordinary documents with the segments they were given.
    other = dataclasses.replace(lazy, segments=lazy.segments[:1])
    assert not other.paragraphs and other.paragraph_id is None and len(other.segments) == 1
    plain = Document("p", "x", ())
    assert plain.segments == () and not plain.paragraphs and not plain.has_references


def test_references_are_known_without_splitting() -> None:
    from mtqa.metrics import attach_references

    lazy = Document.of_paragraphs("d", TEXT)
    assert not lazy.has_references and lazy.__dict__["_segments"] is None
    referenced = attach_references(Document.from_text("One.\nTwo.\n"), ["Un.", "Deux."])
    assert referenced.has_references


def test_segments_are_never_none() -> None:
    import pytest

    with pytest.raises(TypeError):
        Document("d", "x", None)  # type: ignore[arg-type]
    assert not hasattr(Document.__new__(Document), "segments")  # unset: AttributeError, not KeyError
