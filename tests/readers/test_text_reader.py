"""Reading text: UTF-8 with or without BOM; binary, invalid and empty input explained precisely."""

from __future__ import annotations

from pathlib import Path

from mtqa.readers.text import read_bytes, read_path


def test_plain_utf8_becomes_paragraph_segments() -> None:
    result = read_bytes(b"Title\n\nFirst paragraph.\nSecond one.\n", "a.txt")
    assert result.error is None and result.document is not None
    doc = result.document
    assert [s.text for s in doc.segments] == ["Title", "First paragraph.", "Second one."]
    for seg in doc.segments:
        assert doc.text[seg.span.start : seg.span.end] == seg.text


def test_bom_is_removed_and_remembered() -> None:
    result = read_bytes(b"\xef\xbb\xbfHello there.", "bom.txt")
    assert result.document is not None and result.document.text == "Hello there."
    assert result.had_bom


def test_crlf_segments_exclude_carriage_returns() -> None:
    result = read_bytes(b"One.\r\nTwo.\r\n", "crlf.txt")
    assert result.document is not None
    assert [s.text for s in result.document.segments] == ["One.", "Two."]


def test_invalid_utf8_names_file_and_byte_offset() -> None:
    data = "Línea uno\nbad: ".encode() + b"\xff\xfe" + b" tail"
    result = read_bytes(data, "latin.txt")
    assert result.document is None and result.error is not None
    err = result.error
    assert err.code == "X001" and err.path == "latin.txt"
    assert err.byte_offset == data.index(b"\xff")
    assert (err.line, err.column) == (2, 6)
    assert f"at byte {err.byte_offset}" in err.message


def test_binary_file_is_refused_with_offset() -> None:
    result = read_bytes(b"PK\x03\x04\x00\x00rest", "archive.zip")
    assert result.error is not None and "binary" in result.error.message
    assert result.error.byte_offset == 4


def test_empty_and_blank_files_are_errors() -> None:
    assert read_bytes(b"", "empty.txt").error is not None
    assert "whitespace" in read_bytes(b"  \n\n", "blank.txt").error.message


def test_missing_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    result = read_path(tmp_path / "nope.txt")
    assert result.error is not None and "nope.txt" in result.error.path


def test_huge_line_reads(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("word " * 400_000, encoding="utf-8")
    result = read_path(path)
    assert result.document is not None and len(result.document.segments) == 1
