"""Helpers the readers share: decoding with precise errors, and building multi-segment documents.

A document read from a multi-segment format (XLIFF, PO, TMX, HTML, a feed item) is its
segments joined by "\\n", one segment a line; each Segment keeps its span in that text and
its bilingual companions. Inline-element boundaries are lifted from segment offsets to
document offsets on the way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mtqa.document import Document, Segment
from mtqa.report.model import InputError
from mtqa.span import Span

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Part:
    """One segment before it is placed in a document: its text and what goes with it."""

    text: str
    source: str | None = None
    reference: str | None = None
    id: str | None = None
    #: (offset in ``text``, element name) of inline-element boundaries inside the segment.
    boundaries: tuple[tuple[int, str], ...] = ()
    #: The inline codes (``"name#id"``) of the source and of the target: ``Segment.source_codes``.
    source_codes: tuple[str, ...] = ()
    target_codes: tuple[str, ...] = ()


def line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset in UTF-8-ish data."""
    line = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def error_at_byte(name: str, data: bytes, offset: int, message: str) -> InputError:
    """An InputError at a byte offset of ``data``, with line and column derived from it."""
    line, column = line_col(data, offset)
    return InputError(name, message, byte_offset=offset, line=line, column=column)


def error_at_line(name: str, message: str, line: int, column: int = 1, byte_offset: int | None = None) -> InputError:
    return InputError(name, message, byte_offset=byte_offset, line=line, column=column)


def byte_offset_of_line(data: bytes, line: int) -> int:
    """Byte offset where 1-based ``line`` starts (the end of ``data`` when there are fewer lines)."""
    pos = 0
    for _ in range(line - 1):
        nl = data.find(b"\n", pos)
        if nl == -1:
            return len(data)
        pos = nl + 1
    return pos


def decode_utf8(data: bytes, name: str) -> tuple[str, bool] | InputError:
    """``(text, had_bom)``, or an InputError naming the byte offset of the first bad byte.

    NUL bytes are refused as binary, the way the plain-text reader does.
    """
    had_bom = data.startswith(BOM)
    skip = len(BOM) if had_bom else 0
    nul = data.find(b"\x00", skip)
    if nul != -1:
        return error_at_byte(name, data, nul, f"binary file (NUL byte) at byte {nul}")
    try:
        return data[skip:].decode("utf-8"), had_bom
    except UnicodeDecodeError as exc:
        at = exc.start + skip
        bad = data[at : at + 4].hex(" ")
        return error_at_byte(name, data, at, f"not valid UTF-8 (bytes {bad}: {exc.reason}) at byte {at}")


def build_document(
    doc_id: str,
    parts: Sequence[Part],
    *,
    language: str,
    source_language: str | None = None,
    metadata: dict[str, str] | None = None,
    separators: Sequence[str] = (),
) -> Document:
    """Join ``parts`` into one Document, each part a Segment with its span.

    Parts are joined by "\n", or by ``separators[i]`` between part ``i`` and part ``i + 1``
    where given (a feed item puts a blank line after its title).
    """
    pieces: list[str] = []
    segments: list[Segment] = []
    boundaries: list[tuple[int, str]] = []
    pos = 0
    for part in parts:
        if segments:
            i = len(segments) - 1
            separator = separators[i] if i < len(separators) else "\n"
            pieces.append(separator)
            pos += len(separator)
        pieces.append(part.text)
        span = Span(pos, pos + len(part.text))
        segments.append(
            Segment(
                len(segments),
                span,
                part.text,
                part.source,
                part.reference,
                part.id,
                part.source_codes,
                part.target_codes,
            )
        )
        boundaries.extend((pos + offset, tag) for offset, tag in part.boundaries)
        pos += len(part.text)
    return Document(
        id=doc_id,
        text="".join(pieces),
        segments=tuple(segments),
        language=language,
        source_language=source_language,
        metadata=dict(metadata or {}),
        boundaries=tuple(sorted(set(boundaries))),
    )


def missing_extra(name: str, what: str, package: str) -> InputError:
    """The error for a format whose library is not installed."""
    return InputError(
        name, f"reading {what} needs the '{package}' package: pip install 'mtqa[formats]'", line=None, column=None
    )
