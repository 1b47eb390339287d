"""Documents and their segments.

A Document holds the target text as one string. Segments are the units that
segment-scoped detectors see (paragraphs of running text, or the units of a
bilingual file); each knows its offset so that its spans lift into document spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
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
    #: The inline codes of a bilingual unit (XLIFF ``<g>``/``<x>``/``<ph>``/``<pc>``..., TMX
    #: ``<bpt>``/``<ph>``...) that its source and its target hold, each ``"name#id"`` in document
    #: order (``"g#1"``, ``"x#2"``), so that S103 can tell a dropped code from a moved one: the
    #: reader strips them from the text. Empty for every other input.
    source_codes: tuple[str, ...] = ()
    target_codes: tuple[str, ...] = ()


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
    #: True when ``segments`` is exactly ``paragraph_segments(text, paragraph_id)``: set only by
    #: ``of_paragraphs`` (``from_text``, the JSONL/CSV readers), never by the constructor nor by
    #: ``dataclasses.replace``, which resets it (a copy with other segments, references attached
    #: say, must not keep the promise). Such a document is split on first use of ``segments``
    #: (see ``_ParagraphSegments``), and a process pool sends its text alone.
    paragraphs: bool = field(default=False, init=False, compare=False)

    @property
    def paragraph_id(self) -> str | None:
        """The id every segment of a paragraph document carries (None otherwise, or when unset)."""
        return self.__dict__.get("_paragraph_id") if self.paragraphs else None

    @property
    def has_references(self) -> bool:
        """Whether any segment has a reference translation (never a paragraph document: no split needed)."""
        return not self.paragraphs and any(seg.reference is not None for seg in self.segments)

    def with_source_language(self, language: str | None) -> Document:
        """This document with its source language set (the same segments, so a paragraph
        document stays one)."""
        return self.with_languages(self.language, language)

    def with_languages(self, language: str, source_language: str | None) -> Document:
        """This document with its target and source languages set (the same segments, so a
        paragraph document stays one)."""
        from dataclasses import replace

        if not self.paragraphs:
            return replace(self, language=language, source_language=source_language)
        doc = replace(self, segments=(), language=language, source_language=source_language)
        return _promise_paragraphs(doc, self.paragraph_id)  # split again on use, not now

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
    def from_text(
        cls, text: str, id: str = "<text>", language: str = "en", source_language: str | None = None
    ) -> Document:
        """Split running text into paragraph segments (one per non-blank line)."""
        return cls.of_paragraphs(id, text, language=language, source_language=source_language)

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
        doc = cls(id, text, (), language, source_language, metadata or {}, boundaries)
        return _promise_paragraphs(doc, segment_id)

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


def _promise_paragraphs(doc: Document, segment_id: str | None) -> Document:
    """Make ``doc`` a paragraph document (``Document.paragraphs``), in place: its segments are
    split from its text, each with ``segment_id``, when first asked for."""
    object.__setattr__(doc, "paragraphs", True)
    doc.__dict__["_paragraph_id"] = segment_id
    doc.__dict__[_SEGMENTS_KEY] = None
    return doc


_SEGMENTS_KEY = "_segments"


class _ParagraphSegments:
    """``Document.segments``: stored as given, or, for a paragraph document, split on first use.

    Splitting a feed into paragraph segments costs about as much as reading it (a hundred
    thousand segments in every 10 MB), and much of a run never looks at them: the first pass
    of a corpus rule reads a document's text only, and the parent process of a pool only
    reads inputs and writes results while its workers check. A data descriptor keeps the
    dataclass as it is (its constructor, ``replace``, equality and pickling see a plain
    field) while the split waits until a detector asks for the segments.
    """

    def __get__(self, doc: Document | None, owner: type | None = None) -> Any:
        if doc is None:
            return ()
        try:
            stored = doc.__dict__[_SEGMENTS_KEY]
        except KeyError:
            raise AttributeError("segments") from None
        if stored is None:  # a paragraph document not split yet (only _promise_paragraphs stores None)
            stored = paragraph_segments(doc.text, doc.__dict__.get("_paragraph_id"))
            doc.__dict__[_SEGMENTS_KEY] = stored
        return stored

    def __set__(self, doc: Document, value: tuple[Segment, ...]) -> None:
        if value is None:
            raise TypeError("a Document's segments are a tuple of Segment, not None")
        doc.__dict__[_SEGMENTS_KEY] = value


Document.segments = _ParagraphSegments()  # type: ignore[assignment]  # after @dataclass read the field


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
_CODES_SET = _slot_setters(Segment, ("source_codes", "target_codes")) or ()


def trusted_segment(
    index: int, start: int, end: int, text: str, source: str | None, reference: str | None, sid: str | None
) -> Segment:
    """A Segment from values known to be valid (``0 <= start <= end``), built through the slots.

    This skips the frozen dataclass's per-field ``__setattr__`` and Span's validation, which
    is about 2.5x faster: a feed has a hundred thousand segments in every 10 MB, built in
    the process that checks them (``paragraph_segments``, and ``mtqa.parallel.unpack``).
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
    for setter in _CODES_SET:  # slots have no class default: an unset one would raise on access
        setter(seg, ())
    return seg


@lru_cache(maxsize=16)
def distinct_tokens(text: str) -> frozenset[str]:
    """The distinct whitespace-delimited tokens of a document's text, split once for all the
    rules that look a document's words up (W101's glue without a case change; C104's
    lower-case names do the same split): the split is most of what such a prefilter costs.
    Keyed on the text, so a rule that asks for a segment's text gets that text's tokens."""
    return frozenset(text.split())
