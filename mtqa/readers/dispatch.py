"""Choosing a reader for a file: by its extension, and for ``.xml`` by its root element.

| extension                  | reader                         | documents          |
|----------------------------|--------------------------------|--------------------|
| .txt .md .text (and others)| :mod:`mtqa.readers.text`       | one per file       |
| .jsonl .ndjson             | :mod:`mtqa.readers.tabular`    | one per record     |
| .csv .tsv .tab             | :mod:`mtqa.readers.tabular`    | one per row        |
| .xlf .xliff                | :mod:`mtqa.readers.bilingual`  | one per file       |
| .po .pot                   | :mod:`mtqa.readers.bilingual`  | one per file       |
| .tmx                       | :mod:`mtqa.readers.bilingual`  | one per file       |
| .html .htm .xhtml          | :mod:`mtqa.readers.html`       | one per file       |
| .rss .atom                 | :mod:`mtqa.readers.feeds`      | one per item       |
| .xml                       | by root: rss/feed/RDF → feed, xliff, tmx, html |    |

A file with another extension, named explicitly, is read as plain text. Format modules
are imported on first use, so ``import mtqa`` does not pull in translate-toolkit,
feedparser or selectolax. Whatever a reader or its library raises becomes an InputError
for that file: one bad file never stops a batch.

``iter_file`` and ``iter_stream`` are the lazy forms used by ``mtqa check``: JSONL is read a
line at a time (a feed of any size in constant memory), other formats a file at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path, PurePath
from typing import IO

from mtqa.readers.options import ReaderOptions
from mtqa.readers.text import ReadResult
from mtqa.readers.xmlsafe import sniff_root
from mtqa.report.model import InputError

Reader = Callable[[bytes, str, ReaderOptions], list[ReadResult]]

SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".po": "po",
    ".pot": "po",
    ".tmx": "tmx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "xml",
}

READERS: dict[str, str] = {
    "text": "mtqa.readers.text:read",
    "jsonl": "mtqa.readers.tabular:read_jsonl",
    "csv": "mtqa.readers.tabular:read_csv",
    "tsv": "mtqa.readers.tabular:read_tsv",
    "xliff": "mtqa.readers.bilingual:read_xliff",
    "po": "mtqa.readers.bilingual:read_po",
    "tmx": "mtqa.readers.bilingual:read_tmx",
    "html": "mtqa.readers.html:read_html",
    "feed": "mtqa.readers.feeds:read_feed",
}

XML_ROOTS = {"rss": "feed", "feed": "feed", "rdf": "feed", "xliff": "xliff", "tmx": "tmx", "html": "html"}


def format_for(name: str, data: bytes | None = None) -> str:
    """The reader for a file name: "text", "jsonl", "csv", "tsv", "xliff", "po", "tmx", "html", "feed".

    ``.xml`` files are told apart by their root element when ``data`` is given ("xml" when
    it is not, or when the root is none of those).
    """
    fmt = SUFFIXES.get(PurePath(name).suffix.lower(), "text")
    if fmt == "xml" and data is not None:
        return XML_ROOTS.get(sniff_root(data) or "", "xml")
    return fmt


def is_supported(name: str) -> bool:
    """Whether a directory walk picks up a file of this name by default."""
    return PurePath(name).suffix.lower() in SUFFIXES


def reader(fmt: str) -> Reader:
    module, _, function = READERS[fmt].partition(":")
    return getattr(import_module(module), function)


def read_data(data: bytes, name: str, options: ReaderOptions | None = None) -> list[ReadResult]:
    """The documents (or errors) in one file's bytes; ``name`` chooses the reader and names them."""
    options = options or ReaderOptions()
    fmt = format_for(name, data)
    if fmt == "xml":
        root = sniff_root(data)
        what = f"root element <{root}>" if root else "no root element found"
        message = f"unrecognised XML ({what}): expected an RSS or Atom feed, XLIFF, TMX or XHTML"
        return [ReadResult(None, InputError(name, message, line=1, column=1), False, "xml")]
    try:
        results = reader(fmt)(data, name, options)
    except Exception as exc:  # a library's bug on a strange file must not end the batch
        message = f"cannot read as {fmt}: {type(exc).__name__}: {exc}"
        return [ReadResult(None, InputError(name, message), False, fmt)]
    return results


def read_file(path: Path, options: ReaderOptions | None = None, display: str | None = None) -> list[ReadResult]:
    """Read one file with the reader its name chooses; an unreadable file is an error, not an exception."""
    name = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        error = InputError(name, f"cannot read file: {exc.strerror or exc}")
        return [ReadResult(None, error, False, format_for(name))]
    return read_data(data, name, options)


def iter_stream(stream: IO[bytes], name: str, options: ReaderOptions | None = None) -> Iterator[tuple[ReadResult, int]]:
    """``read_data`` on a binary stream, lazily: each result with the bytes read so far.

    JSONL is read a line at a time; other formats are read whole, then split. A failure of
    the stream or the reader half-way becomes an InputError after the results before it.
    """
    options = options or ReaderOptions()
    fmt = format_for(name)
    if fmt != "jsonl":
        try:
            data = stream.read()
        except OSError as exc:
            yield ReadResult(None, InputError(name, f"cannot read file: {exc.strerror or exc}"), False, fmt), 0
            return
        for result in read_data(data, name, options):
            yield result, len(data)
        return
    from mtqa.readers.tabular import iter_jsonl

    done = 0
    try:
        for result, done in iter_jsonl(stream, name, options):
            yield result, done
    except OSError as exc:
        yield ReadResult(None, InputError(name, f"cannot read file: {exc.strerror or exc}"), False, fmt), done
    except Exception as exc:  # as in read_data: a reader's bug must not end the batch
        yield ReadResult(None, InputError(name, f"cannot read as {fmt}: {type(exc).__name__}: {exc}"), False, fmt), done


def iter_file(
    path: Path, options: ReaderOptions | None = None, display: str | None = None
) -> Iterator[tuple[ReadResult, int]]:
    """``read_file``, lazily (see ``iter_stream``): each result with the bytes of the file read so far."""
    name = display or str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        error = InputError(name, f"cannot read file: {exc.strerror or exc}")
        yield ReadResult(None, error, False, format_for(name)), 0
        return
    with handle:
        yield from iter_stream(handle, name, options)
