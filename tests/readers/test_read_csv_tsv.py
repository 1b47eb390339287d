"""CSV and TSV: a header row, one document per row, quoted newlines, bad rows at their line."""

from __future__ import annotations

from pathlib import Path

from mtqa.readers import ReaderOptions, read_file

CSV = (
    "id,source,text,reference\r\n"
    'n1,"Der Minister sagte: ""Nein"".","The minister said: ""No"".",\r\n'
    'n2,"Erste Zeile\nzweite Zeile","First line,\nsecond line","First line, second line"\r\n'
    "n3,Leer,,\r\n"
    'n4,Zu viele,"Too many",fields,here\r\n'
    'n5,Letzte,"The last one.",\r\n'
)


def test_csv_quoted_newlines_and_commas(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_bytes(CSV.encode("utf-8"))
    results = read_file(path, ReaderOptions())
    docs = [r.document for r in results if r.document is not None]
    errors = [r.error for r in results if r.error is not None]
    assert [d.text for d in docs] == ['The minister said: "No".', "First line,\nsecond line", "The last one."]
    assert docs[1].segments[0].source == "Erste Zeile\nzweite Zeile"
    assert docs[1].segments[0].reference == "First line, second line"
    assert docs[0].segments[0].reference == ""  # kept empty: scoring refuses it with a clear error
    assert [d.id for d in docs] == [f"{path}#n1", f"{path}#n2", f"{path}#n5"]
    # n2 starts on line 3 and spans three lines (two quoted newlines), so n4 (too many fields) is on line 7
    assert docs[1].metadata["line"] == "3"
    (err,) = errors
    assert err.line == 7 and "5 field(s)" in err.message and err.path == str(path)
    assert err.byte_offset == CSV.encode().index(b"n4,")


def test_csv_without_the_text_column_names_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "cols.csv"
    path.write_text("id,mt\n1,Hello.\n", encoding="utf-8")
    (result,) = read_file(path, ReaderOptions())
    assert result.error is not None and "'mt'" in result.error.message and "--field-text" in result.error.message
    docs = read_file(path, ReaderOptions(text_field="mt"))
    assert docs[0].document is not None and docs[0].document.text == "Hello."


def test_semicolon_csv_and_bad_utf8(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text("id;text\n1;Bonjour, tout le monde.\n", encoding="utf-8")
    assert read_file(path, ReaderOptions())[0].document.text == "Bonjour, tout le monde."
    bad = tmp_path / "latin.csv"
    data = b"id,text\n1,caf\xe9\n"
    bad.write_bytes(data)
    (result,) = read_file(bad, ReaderOptions())
    assert result.error.byte_offset == data.index(b"\xe9") and result.error.line == 2


def test_csv_malformed_quote_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('id,text\n1,"ok"\n2,"bad"x\n3,fine\n', encoding="utf-8")
    results = read_file(path, ReaderOptions())
    assert [r.document.text for r in results if r.document] == ["ok", "fine"]
    (err,) = [r.error for r in results if r.error]
    assert err.line == 3 and "malformed CSV" in err.message


def test_tsv_has_no_quoting_and_reports_extra_tabs(tmp_path: Path) -> None:
    path = tmp_path / "test.tsv"
    rows = [
        "id\tsrc\tmt\tlang",
        'a\tEr sagte "ja".\tHe said "yes".\ten',
        '"b\tZitat\t"Quoted start, no end\tde',
        "c\tZu\tviele\tTabs\there",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    options = ReaderOptions(text_field="mt", source_field="src")
    results = read_file(path, options)
    docs = [r.document for r in results if r.document]
    assert [d.text for d in docs] == ['He said "yes".', '"Quoted start, no end']
    assert docs[0].segments[0].source == 'Er sagte "ja".'
    assert docs[1].language == "de" and docs[1].id == f'{path}#"b'
    (err,) = [r.error for r in results if r.error]
    assert err.line == 4 and "tab inside a field" in err.message
    assert all(r.format == "tsv" for r in results)
