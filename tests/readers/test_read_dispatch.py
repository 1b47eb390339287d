"""Choosing a reader: by extension, .xml by its root element; a reader's crash is an error, not an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

import mtqa.readers.dispatch as dispatch
from mtqa.readers import ReaderOptions, format_for, read_data, read_file


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "text"),
        ("README.MD", "text"),
        ("notes.log", "text"),
        ("b.jsonl", "jsonl"),
        ("b.ndjson", "jsonl"),
        ("c.csv", "csv"),
        ("c.tsv", "tsv"),
        ("d.xlf", "xliff"),
        ("d.xliff", "xliff"),
        ("e.po", "po"),
        ("e.pot", "po"),
        ("f.tmx", "tmx"),
        ("g.html", "html"),
        ("g.htm", "html"),
        ("h.rss", "feed"),
        ("h.atom", "feed"),
    ],
)
def test_format_by_extension(name: str, fmt: str) -> None:
    assert format_for(name) == fmt


@pytest.mark.parametrize(
    ("root", "fmt"),
    [
        (b'<rss version="2.0"/>', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"/>', "feed"),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', "feed"),
        (b'<xliff version="1.2"/>', "xliff"),
        (b'<tmx version="1.4"/>', "tmx"),
        (b"<catalog/>", "xml"),
    ],
)
def test_xml_is_sniffed_past_prolog_comments_and_doctype(root: bytes, fmt: str) -> None:
    data = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- exported -->\n<!DOCTYPE x [\n]>\n' + root
    assert format_for("export.xml", data) == fmt


def test_missing_file_is_an_error_with_its_format(tmp_path: Path) -> None:
    (result,) = read_file(tmp_path / "gone.xlf", ReaderOptions())
    assert result.document is None and "cannot read file" in result.error.message and result.format == "xliff"


def test_a_crashing_reader_becomes_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(data: bytes, name: str, options: ReaderOptions):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(dispatch, "reader", lambda fmt: boom)
    (result,) = read_data(b"<p>x</p>", "deep.html")
    assert result.document is None and "RecursionError" in result.error.message and result.error.path == "deep.html"


def test_unknown_po_charset_names_the_header() -> None:
    data = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=klingon-8\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    (result,) = read_data(data, "tlh.po")
    assert result.document is None and "klingon-8" in result.error.message and result.error.line == 3
