"""JSONL, CSV and TSV: one document per record, with configurable field names.

Each record gives one Document whose text is the record's target-text field. Its id is
``<file>#<record id>`` when the record has an id field, else ``<file>#<line>`` (the line
where the record starts), so that ids stay unique across a batch. With a source or
reference field the whole text is one Segment carrying them (the pair is the unit);
without, the text splits into paragraph segments as plain text does.

Each document knows where its text sits in the file (``Document.origin``): a JSONL record's
line and the column inside its JSON string, escapes (``\\"``, ``\\n``, ``\\u00e9``) counted; a
TSV cell, or an unquoted CSV cell, exactly; a quoted CSV cell only at its row's line, column 1
(its doubled quotes are not followed). The record id is the unit every report names.

Errors are per record and never stop the file: a malformed JSON line, a CSV row with the
wrong number of fields or a non-string text becomes an InputError naming the file and the
line (and byte offset), and the other records are still read. Records whose text is empty
or null are skipped without an error (untranslated); a text field missing from records
is reported once per file, listing the lines.

- JSONL / NDJSON: one JSON object a line; field names may be dotted paths into nested
  objects (``translation.en``). Blank lines are skipped. ``iter_jsonl`` reads a stream a
  line at a time (the same results as ``read_jsonl``), so that a feed of any size is
  checked in constant memory.
- CSV: RFC 4180 with a header row; quoted fields may hold newlines and commas. The delimiter
  is a comma, or a semicolon when the header has semicolons and no commas.
- TSV: a header row and tab-separated fields, no quoting (the IANA text/tab-separated-values
  convention: fields hold no tabs or newlines, and quotes are ordinary characters).
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import heapq
import io
import json
from array import array
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from mtqa.document import Document, Origin, Placement, Segment
from mtqa.readers.common import byte_offset_of_line, decode_utf8, error_at_line
from mtqa.readers.options import ReaderOptions
from mtqa.readers.positions import json_placement
from mtqa.readers.text import ReadResult
from mtqa.report.model import InputError
from mtqa.span import Span

_MISSING = object()
_JSON_KINDS = {list: "array", dict: "object", bool: "boolean", int: "number", float: "number", str: "string"}
_FIELD_LIMIT = 1 << 27  # 128 MiB: a whole article in one cell is normal, the default 128 KiB is not


@dataclass
class _Records:
    """What reading one file collects: documents and errors in order, and the lines missing the text field."""

    name: str
    fmt: str
    options: ReaderOptions
    results: list[ReadResult]
    missing_text: list[int]
    seen_ids: IdSet

    def error(self, message: str, line: int, column: int = 1, byte_offset: int | None = None) -> None:
        error = error_at_line(self.name, message, line, column, byte_offset)
        self.results.append(ReadResult(None, error, False, self.fmt))

    def add(
        self,
        record: Mapping[str, Any],
        line: int,
        byte_offset: int | None = None,
        where: Callable[[str, str | None], Placement] | None = None,
    ) -> None:
        """Turn one record into a document, an error, or nothing (empty text).

        ``where`` tells where the text field's value sits in the file (see ``_located``); it is
        asked only for a record that gives a document."""
        opts = self.options
        if lookup(record, opts.text_field) is _MISSING:
            self.missing_text.append(line)
            return
        values: dict[str, str | None] = {}
        for key, field in (
            ("text", opts.text_field),
            ("id", opts.id_field),
            ("source", opts.source_field),
            ("reference", opts.reference_field),
            ("language", opts.language_field),
        ):
            value = lookup(record, field)
            if value is _MISSING or value is None or (value == "" and key != "reference"):
                values[key] = None  # an empty reference stays "": scoring must refuse it, not skip it
                continue
            if key == "id" and isinstance(value, int | float) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                kind = _JSON_KINDS.get(type(value), type(value).__name__)
                message = f"field '{field}' is {_article(kind)} {kind} at line {line}, expected a string"
                self.error(message, line, byte_offset=byte_offset)
                return
            values[key] = value
        text = values["text"]
        if text is None or not text.strip():
            return
        record_id = values["id"]
        placement = where(text, record_id) if where is not None else Placement(0, line, 1, record_id, False)
        origin = Origin((placement,), "object", self.name)
        self.results.append(ReadResult(self._document(text, values, line, origin), None, False, self.fmt))

    def _document(self, text: str, values: dict[str, str | None], line: int, origin: Origin) -> Document:
        record_id = values["id"]
        doc_id = f"{self.name}#{record_id}" if record_id else f"{self.name}#{line}"
        if doc_id in self.seen_ids:
            doc_id = f"{doc_id}@{line}"
        self.seen_ids.add(doc_id)
        source, reference = values["source"], values["reference"]
        metadata = {"line": str(line)}
        if record_id:
            metadata["record_id"] = record_id
        language = values["language"] or self.options.language
        if source is None and reference is None:
            return Document.of_paragraphs(
                doc_id, text, segment_id=record_id, language=language, metadata=metadata, origin=origin
            )
        segment = Segment(0, Span(0, len(text)), text, source, reference, record_id)
        return Document(id=doc_id, text=text, segments=(segment,), language=language, metadata=metadata, origin=origin)

    def finish(self) -> list[ReadResult]:
        if self.missing_text:
            lines = self.missing_text
            shown = ", ".join(map(str, lines[:10])) + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")
            flag = "--field-text"
            message = (
                f"no field '{self.options.text_field}' in {len(lines)} record(s), at line(s) {shown}; "
                f"name the text field with {flag}"
            )
            self.results.append(ReadResult(None, error_at_line(self.name, message, lines[0]), False, self.fmt))
        return self.results


def _article(kind: str) -> str:
    return "an" if kind[:1] in "aeiou" else "a"


def lookup(record: Mapping[str, Any], field: str) -> Any:
    """``record[field]``, or a dotted path into nested objects; ``_MISSING`` when absent."""
    if field in record:
        return record[field]
    current: Any = record
    for part in field.split("."):
        if not isinstance(current, Mapping) or part not in current:
            return _MISSING
        current = current[part]
    return current


class IdSet:
    """The document ids a file has given so far, at 8 bytes an id, so that a feed of millions
    of records is read in constant memory.

    Ids are kept as 64-bit BLAKE2b digests: a sorted array plus a small set of recent ones,
    merged when the set grows. Two different ids share a digest with a probability of about
    n²/2⁶⁵ (3·10⁻⁸ for a million records); such an id would be marked as a repeat (``@line``).
    """

    _PENDING = 1 << 16

    def __init__(self) -> None:
        self._sorted: array[int] = array("Q")
        self._pending: set[int] = set()

    @staticmethod
    def _key(value: str) -> int:
        return int.from_bytes(hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, str):
            return False
        key = self._key(value)
        if key in self._pending:
            return True
        i = bisect.bisect_left(self._sorted, key)
        return i < len(self._sorted) and self._sorted[i] == key

    def add(self, value: str) -> None:
        self._pending.add(self._key(value))
        if len(self._pending) >= self._PENDING:
            self._sorted = array("Q", heapq.merge(self._sorted, sorted(self._pending)))
            self._pending = set()


def _collector(name: str, fmt: str, options: ReaderOptions) -> _Records:
    return _Records(name, fmt, options, [], [], IdSet())


def read_jsonl(data: bytes, name: str, options: ReaderOptions) -> list[ReadResult]:
    """One document per JSON object line; a bad line is an error at that line, the others are read."""
    return [result for result, _ in iter_jsonl(io.BytesIO(data), name, options)]


def iter_jsonl(stream: IO[bytes], name: str, options: ReaderOptions) -> Iterator[tuple[ReadResult, int]]:
    """``read_jsonl`` a line at a time: each result with the number of bytes read so far.

    Only the current line is in memory (and the ids seen, at 8 bytes each: see ``IdSet``).
    Lines end at ``\\n`` only, as in ``read_jsonl``.
    """
    records = _collector(name, "jsonl", options)
    pos = 0
    any_record = False
    for line, raw in enumerate(stream, 1):
        start = pos
        pos += len(raw)
        if raw.endswith(b"\n"):
            raw = raw[:-1]
        if line == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw, start = raw[3:], start + 3
        if raw.strip():
            any_record = True
            _jsonl_line(records, raw, start, line)
            for result in records.results:
                yield result, pos
            records.results.clear()
    if not any_record:
        records.error("file is empty" if pos == 0 else "file contains no records", 1)
    for result in records.finish():
        yield result, pos


def _jsonl_line(records: _Records, raw: bytes, start: int, line: int) -> None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        column = len(raw[: exc.start].decode("utf-8", "replace")) + 1
        at = start + exc.start
        records.error(f"not valid UTF-8 ({exc.reason}) at line {line}, byte {at}", line, column, at)
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        at = start + len(text[: exc.pos].encode("utf-8"))
        records.error(f"invalid JSON at line {line}, column {exc.colno}: {exc.msg}", line, exc.colno, at)
        return
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, nesting too deep
        records.error(f"invalid JSON at line {line}: {exc}", line, 1, start)
        return
    if not isinstance(value, dict):
        kind = _JSON_KINDS.get(type(value), "null")
        records.error(f"expected a JSON object at line {line}, got {_article(kind)} {kind}", line, 1, start)
        return
    field = records.options.text_field
    records.add(value, line, start, lambda value, unit: json_placement(text, line, field, value, unit))


def read_csv(data: bytes, name: str, options: ReaderOptions) -> list[ReadResult]:
    return _read_delimited(data, name, options, "csv")


def read_tsv(data: bytes, name: str, options: ReaderOptions) -> list[ReadResult]:
    return _read_delimited(data, name, options, "tsv")


def _read_delimited(data: bytes, name: str, options: ReaderOptions, fmt: str) -> list[ReadResult]:
    records = _collector(name, fmt, options)
    decoded = decode_utf8(data, name)
    if isinstance(decoded, InputError):
        return [ReadResult(None, decoded, False, fmt)]
    text, _ = decoded
    if not text.strip():
        return [ReadResult(None, InputError(name, "file is empty", byte_offset=0, line=1, column=1), False, fmt)]
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    lines = text.split("\n")
    if fmt == "tsv":
        delimiter = "\t"
        reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE, strict=True)
    else:
        first = lines[0]
        delimiter = ";" if first.count(";") > 0 and first.count(",") == 0 else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = _rows(reader, records)
    header_row = next(rows, None)
    if header_row is None:
        return records.finish()
    _, header = header_row
    header = [h.strip() for h in header]
    if options.text_field not in header:
        cols = ", ".join(f"'{h}'" for h in header)
        message = f"no column '{options.text_field}' in the header (columns: {cols}); name it with --field-text"
        records.error(message, 1)
        return records.results
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            message = f"{len(row)} field(s) at line {line}, the header has {len(header)}"
            if fmt == "tsv" and len(row) > len(header):
                message += " (a tab inside a field?)"
            records.error(message, line, 1, byte_offset_of_line(data, line))
            continue
        where = _cell_placement(lines, line, row, header.index(options.text_field), delimiter)
        records.add(dict(zip(header, row, strict=True)), line, where=where)
    return records.finish()


def _cell_placement(
    lines: list[str], line: int, row: list[str], column: int, delimiter: str
) -> Callable[[str, str | None], Placement]:
    """Where a row's text cell sits: exact when the row is its line, cells unquoted (TSV
    always, CSV without quotes); else the start of the row's line, column 1, inexact (a
    quoted CSV cell, whose quotes and doubled quotes shift the columns)."""

    def where(value: str, unit: str | None) -> Placement:
        raw = lines[line - 1].removesuffix("\r") if line <= len(lines) else ""
        if raw == delimiter.join(row):
            return Placement(0, line, sum(len(cell) + 1 for cell in row[:column]) + 1, unit)
        return Placement(0, line, 1, unit, False)

    return where


def _rows(reader: Any, records: _Records) -> Iterator[tuple[int, list[str]]]:
    """(line where the row starts, row); a malformed row is an error at its line and is skipped."""
    last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = reader.line_num
            records.error(f"malformed {records.fmt.upper()} at line {line}: {exc}", line)
            if reader.line_num == last:
                return  # no progress: give up on the rest rather than loop
            last = reader.line_num
            continue
        start = last + 1
        last = reader.line_num
        yield start, row
