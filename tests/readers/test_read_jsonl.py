"""JSONL: one document per record, configurable fields, a bad line is an error at that line only."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.readers import ReaderOptions, read_file

RECORDS = [
    {"id": "s1", "text": "The minister met his counterpart in Geneva.", "source": "Der Minister traf...", "lang": "en"},
    {"id": "s2", "text": "Talks resumed on Thursday.\nBoth sides spoke.", "reference": "Talks resumed Thursday."},
]


def write_jsonl(tmp_path: Path) -> tuple[Path, bytes]:
    lines = [json.dumps(RECORDS[0], ensure_ascii=False), json.dumps(RECORDS[1], ensure_ascii=False)]
    lines.append('{"id": "s3", "text": "Kuleba said, "we will"}')  # line 3: an unescaped quote
    lines.append(json.dumps({"id": "s4", "text": ""}))  # untranslated: skipped, no error
    lines.append("")  # blank line: skipped
    lines.append(json.dumps({"id": 5, "text": "Numbers as ids are fine.", "lang": "en-GB"}))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path = tmp_path / "batch.jsonl"
    path.write_bytes(data)
    return path, data


def test_malformed_line_is_an_error_naming_file_and_line_and_the_rest_is_read(tmp_path: Path) -> None:
    path, data = write_jsonl(tmp_path)
    results = read_file(path, ReaderOptions())
    errors = [r.error for r in results if r.error is not None]
    docs = [r.document for r in results if r.document is not None]
    assert len(errors) == 1
    err = errors[0]
    assert err.path == str(path) and err.line == 3 and err.code == "X001"
    assert "line 3" in err.message and "invalid JSON" in err.message
    line3 = data.split(b"\n")[2]
    assert err.byte_offset is not None and data.index(line3) <= err.byte_offset < data.index(line3) + len(line3)
    assert err.column == line3.decode().index("we") + 1  # where the JSON went wrong
    assert [d.id for d in docs] == [f"{path}#s1", f"{path}#s2", f"{path}#5"]
    assert all(r.format == "jsonl" for r in results)


def test_fields_become_segment_companions_and_language(tmp_path: Path) -> None:
    path, _ = write_jsonl(tmp_path)
    docs = [r.document for r in read_file(path, ReaderOptions()) if r.document is not None]
    first, second, third = docs
    assert first.text == RECORDS[0]["text"]
    (seg,) = first.segments
    assert seg.source == "Der Minister traf..." and seg.id == "s1" and seg.span.end == len(first.text)
    assert second.segments[0].reference == "Talks resumed Thursday."
    assert second.segments[0].text == second.text  # a pair is one unit, even across lines
    assert third.language == "en-GB" and first.language == "en"
    assert first.metadata["line"] == "1" and third.metadata["line"] == "6"


def test_configurable_and_dotted_field_names(tmp_path: Path) -> None:
    rows = [
        {"seg_id": "a", "translation": {"de": "Guten Tag.", "en": "Good day."}, "tgt_lang": "en"},
        {"seg_id": "b", "translation": {"de": "Tschüss.", "en": "Bye now."}, "tgt_lang": "en"},
    ]
    path = tmp_path / "wmt.ndjson"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    options = ReaderOptions(
        id_field="seg_id", text_field="translation.en", source_field="translation.de", language_field="tgt_lang"
    )
    docs = [r.document for r in read_file(path, options)]
    assert [d.text for d in docs] == ["Good day.", "Bye now."]
    assert [d.segments[0].source for d in docs] == ["Guten Tag.", "Tschüss."]
    assert docs[0].id.endswith("#a")


def test_missing_text_field_is_one_error_listing_lines(tmp_path: Path) -> None:
    path = tmp_path / "wrong.jsonl"
    path.write_text('{"mt": "a"}\n{"mt": "b"}\n{"mt": "c"}\n', encoding="utf-8")
    results = read_file(path, ReaderOptions())
    assert len(results) == 1 and results[0].error is not None
    err = results[0].error
    assert "no field 'text'" in err.message and "1, 2, 3" in err.message and "--field-text" in err.message
    assert err.line == 1


def test_non_object_and_bad_utf8_and_wrong_type_lines(tmp_path: Path) -> None:
    data = b'[1, 2]\n{"text": "ok."}\n{"text": "caf\xe9"}\n{"text": 42}\n'
    path = tmp_path / "odd.jsonl"
    path.write_bytes(data)
    results = read_file(path, ReaderOptions())
    errors = {r.error.line: r.error for r in results if r.error is not None}
    assert set(errors) == {1, 3, 4}
    assert "expected a JSON object" in errors[1].message and "array" in errors[1].message
    assert "UTF-8" in errors[3].message and errors[3].byte_offset == data.index(b"\xe9")
    assert "number" in errors[4].message
    assert [r.document.text for r in results if r.document] == ["ok."]


def test_bom_and_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "Hello."}\n')
    assert read_file(path, ReaderOptions())[0].document.text == "Hello."
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert "empty" in read_file(empty, ReaderOptions())[0].error.message


def test_cli_reports_the_bad_line_and_checks_the_rest(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    path, _ = write_jsonl(tmp_path)
    bad = tmp_path / "other.jsonl"
    bad.write_text('{"mt": "Efe. . said the minister."}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--isolated", "--format", "json", "--field-text", "mt", str(bad)])
    report = json.loads(result.stdout)
    assert report["errors"] == [] and [f["path"] for f in report["files"]] == [f"{bad}#1"]
    result = CliRunner().invoke(cli, ["check", "--isolated", "--format", "json", str(path)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [(e["path"], e["line"]) for e in report["errors"]] == [(str(path), 3)]
    assert len(report["files"]) == 3
