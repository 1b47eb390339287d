"""Documents and their segments.

A Document holds the target text as one string. Segments are the units that
segment-scoped detectors see (paragraphs of running text, or the units of a
bilingual file); each knows its offset so that its spans lift into document spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from mtqa.span import Span


@dataclass(frozen=True, slots=True)
class Segment:
    """A contiguous piece of the document text, with optional bilingual companions."""

    index: int
    span: Span
    text: str
    source: str | None = None
    reference: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Document:
    """The text of one input, and how it splits into segments."""

    id: str
    text: str
    segments: tuple[Segment, ...] = ()
    language: str = "en"
    source_language: str | None = None
    metadata: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    #: Where inline markup was stripped (HTML ``<a>``/``<strong>``, XLIFF ``<g>``/``<pc>``...): sorted
    #: ``(offset, element)`` pairs, the offset being a code-point offset into ``text`` where the
    #: element opens or closes inside a segment. A glued token at such an offset ("Blinken|He" at
    #: ``</a>``) was born when the markup was removed. Empty for plain text.
    boundaries: tuple[tuple[int, str], ...] = ()
    #: True when ``segments`` is exactly ``paragraph_segments(text, <the segments' id>)``: set
    #: only by ``of_paragraphs`` (``from_text``, the JSONL/CSV readers), never by the constructor
    #: nor by ``dataclasses.replace``, which resets it (a copy with other segments, references
    #: attached say, must not keep the promise). It lets a process pool send the text alone and
    #: split it again in the worker.
    paragraphs: bool = field(default=False, init=False, compare=False)

    def with_source_language(self, language: str | None) -> Document:
        """This document with its source language set (the same segments, so a paragraph
        document stays one)."""
        from dataclasses import replace

        doc = replace(self, source_language=language)
        return _promise_paragraphs(doc) if self.paragraphs else doc

    def boundaries_at(self, offset: int) -> tuple[str, ...]:
        """The inline elements that open or close at ``offset`` (``("a",)`` at the seam of "Blinken</a>He")."""
        from bisect import bisect_left

        i = bisect_left(self.boundaries, (offset, ""))
        found: list[str] = []
        while i < len(self.boundaries) and self.boundaries[i][0] == offset:
            found.append(self.boundaries[i][1])
            i += 1
        return tuple(found)

    @classmethod
    def from_text(cls, text: str, id: str = "<text>", language: str = "en") -> Document:
        """Split running text into paragraph segments (one per non-blank line)."""
        return cls.of_paragraphs(id, text, language=language)

    @classmethod
    def of_paragraphs(
        cls,
        id: str,
        text: str,
        *,
        segment_id: str | None = None,
        language: str = "en",
        source_language: str | None = None,
        metadata: dict[str, str] | None = None,
        boundaries: tuple[tuple[int, str], ...] = (),
    ) -> Document:
        """A document split into one segment per non-blank line, each with ``segment_id``."""
        doc = cls(id, text, paragraph_segments(text, segment_id), language, source_language, metadata or {}, boundaries)
        return _promise_paragraphs(doc)

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return tuple(starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a code-point offset."""
        from bisect import bisect_right

        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end != -1 else len(self.text)].rstrip("\r")


def _promise_paragraphs(doc: Document) -> Document:
    """Mark a document whose segments are its paragraphs (``Document.paragraphs``), in place."""
    object.__setattr__(doc, "paragraphs", True)
    return doc


def paragraph_segments(text: str, segment_id: str | None = None) -> tuple[Segment, ...]:
    """One segment per non-blank line: news feeds put one paragraph on a line.

    ``segment_id`` is given to every segment (a JSONL record's id, say).
    """
    segments: list[Segment] = []
    pos = 0
    for line in text.split("\n"):
        body = line.rstrip("\r")
        if body.strip():
            segments.append(trusted_segment(len(segments), pos, pos + len(body), body, None, None, segment_id))
        pos += len(line) + 1
    return tuple(segments)


def _slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Any, ...] | None:
    """The slot descriptors' setters of a slotted dataclass (None when it has no such slots)."""
    try:
        return tuple(cls.__dict__[name].__set__ for name in names)
    except (KeyError, AttributeError):
        return None


_SPAN_SET = _slot_setters(Span, ("start", "end"))
_SEGMENT_SET = _slot_setters(Segment, ("index", "span", "text", "source", "reference", "id"))


def trusted_segment(
    index: int, start: int, end: int, text: str, source: str | None, reference: str | None, sid: str | None
) -> Segment:
    """A Segment from values known to be valid (``0 <= start <= end``), built through the slots.

    This skips the frozen dataclass's per-field ``__setattr__`` and Span's validation, which
    is about 2.5x faster: a feed has a hundred thousand segments in every 10 MB, built once
    when read and once more in each worker that checks them.
    """
    if _SPAN_SET is None or _SEGMENT_SET is None:
        return Segment(index, Span(start, end), text, source, reference, sid)
    span = object.__new__(Span)
    _SPAN_SET[0](span, start)
    _SPAN_SET[1](span, end)
    seg = object.__new__(Segment)
    set_index, set_span, set_text, set_source, set_reference, set_id = _SEGMENT_SET
    set_index(seg, index)
    set_span(seg, span)
    set_text(seg, text)
    set_source(seg, source)
    set_reference(seg, reference)
    set_id(seg, sid)
    return seg
