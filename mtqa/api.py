"""The Python API: what notebooks and other programs call."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.fixes import fix_text as _fix_text
from mtqa.readers import ReaderOptions, read_file
from mtqa.report.model import Report
from mtqa.rules import Selection
from mtqa.span import Applicability


def _engine(select: Sequence[str] | None, ignore: Sequence[str] | None, preview: bool) -> Engine:
    selection = Selection(tuple(select or ("ALL",)), tuple(ignore or ()), preview)
    return Engine(RunOptions(selection=selection))


def check_text(
    text: str,
    *,
    id: str = "<text>",
    language: str = "auto",
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    preview: bool = False,
) -> Report:
    """Check one text and return its Report."""
    doc = Document.from_text(text, id=id, language=language)
    return _engine(select, ignore, preview).check_documents([doc])


def check_files(
    paths: Iterable[str | Path],
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    preview: bool = False,
) -> Report:
    """Check files of any supported format (the extension chooses the reader: text, JSONL, CSV,
    XLIFF, PO, TMX, HTML, feeds); unreadable ones become errors in the Report instead of exceptions."""
    docs, errors = [], []
    for path in paths:
        for result in read_file(Path(path), ReaderOptions()):
            if result.document is not None:
                docs.append(result.document)
            elif result.error is not None:
                errors.append(result.error)
    return _engine(select, ignore, preview).check_documents(docs, errors)


def fix_text(
    text: str,
    *,
    unsafe: bool = False,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    preview: bool = False,
) -> str:
    """The text with its SAFE fixes applied (and UNSAFE ones with ``unsafe=True``)."""
    engine = _engine(select, ignore, preview)
    level = Applicability.UNSAFE if unsafe else Applicability.SAFE
    return _fix_text(text, lambda t: engine.check_document(Document.from_text(t)), level).text
