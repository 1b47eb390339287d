"""Plain text: UTF-8 with or without a byte-order mark, one paragraph a line.

Unreadable input (binary, not UTF-8, empty) becomes an ``InputError`` that names
the file and the byte offset, never an exception: the rest of a batch still runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mtqa.document import Document
from mtqa.report.model import InputError

if TYPE_CHECKING:
    from mtqa.readers.options import ReaderOptions

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class ReadResult:
    """A document, or the error that kept it from being read; ``had_bom`` lets fixes write it back.

    ``format`` names the reader that produced it ("text", "jsonl", "xliff", "html", "feed"...):
    only "text" can be written back by ``mtqa fix``.
    """

    document: Document | None
    error: InputError | None = None
    had_bom: bool = False
    format: str = "text"


def read(data: bytes, name: str, options: ReaderOptions) -> list[ReadResult]:
    """The reader interface every format module has: one file's bytes in, its documents out."""
    return [read_bytes(data, name, options.language)]


def read_path(path: Path, display: str | None = None, language: str = "en") -> ReadResult:
    name = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadResult(None, InputError(name, f"cannot read file: {exc.strerror or exc}"))
    return read_bytes(data, name, language)


def read_bytes(data: bytes, name: str, language: str = "en") -> ReadResult:
    """Decode ``data`` as UTF-8 text, or explain precisely why it is not."""
    had_bom = data.startswith(BOM)
    body = data[len(BOM) :] if had_bom else data
    nul = body.find(b"\x00")
    if nul != -1:
        return ReadResult(None, _error(name, body, nul, "binary file (NUL byte)", had_bom))
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = body[exc.start : exc.start + 4].hex(" ")
        return ReadResult(None, _error(name, body, exc.start, f"not valid UTF-8 (bytes {bad}: {exc.reason})", had_bom))
    if not text.strip():
        what = "file is empty" if not text else "file contains only whitespace"
        return ReadResult(None, InputError(name, what, byte_offset=0, line=1, column=1))
    return ReadResult(Document.from_text(text, id=name, language=language), None, had_bom)


def _error(name: str, body: bytes, offset: int, message: str, had_bom: bool) -> InputError:
    line = body.count(b"\n", 0, offset) + 1
    line_start = body.rfind(b"\n", 0, offset) + 1
    column = len(body[line_start:offset].decode("utf-8", errors="replace")) + 1
    byte_offset = offset + (len(BOM) if had_bom else 0)
    return InputError(name, f"{message} at byte {byte_offset}", byte_offset=byte_offset, line=line, column=column)
