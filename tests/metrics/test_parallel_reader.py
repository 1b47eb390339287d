"""mtqa.readers.parallel: text read as sacrebleu reads it; fields of JSONL/JSON/TSV/CSV files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from mtqa.metrics import ScoreError
from mtqa.readers.parallel import ParallelFile, load_parallel


def test_plain_text_splits_like_sacrebleu(tmp_path: Path) -> None:
    path = tmp_path / "hyp.txt"
    path.write_bytes("\ufeffOne \r\nTwo\u2028still two\t\nThree\n\n".encode())
    (stream,) = ParallelFile.open(str(path)).column("hyp")
    # BOM dropped, split on \n only (not on U+2028), trailing whitespace stripped as sacrebleu's rstrip().
    assert stream.texts == ("One", "Two\u2028still two", "Three", "")
    assert stream.lines == (1, 2, 3, 4) and stream.trailing_blank == 1
    gz = tmp_path / "hyp.txt.gz"
    gz.write_bytes(gzip.compress(path.read_bytes()))
    assert ParallelFile.open(str(gz)).column("hyp")[0].texts == stream.texts


def test_csv_quoting_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "run.csv"
    path.write_text('id,mt,ref\n1,"Hello, world",Hi\n\n2,"Two\nlines",Second\n3,x,\n', encoding="utf-8")
    items = load_parallel([str(path)])
    (item,) = items
    assert item.hypotheses.texts == ("Hello, world", "Two\nlines", "x")
    assert item.hypotheses.ids == ("1", "2", "3")
    assert item.references[0].lines == (2, 4, 6)
    assert item.references[0].texts[2] == ""


def test_json_array_and_missing_fields(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    path.write_text(json.dumps([{"source": "Hallo", "target": "Hello", "reference": "Hi"}]), encoding="utf-8")
    (item,) = load_parallel([str(path)])
    assert (item.hypotheses.texts, item.references[0].texts) == (("Hello",), ("Hi",))
    assert item.source is not None and item.source.texts == ("Hallo",)
    odd = tmp_path / "odd.jsonl"
    odd.write_text('{"mt": "a", "ref": "b"}\n{"mt": "c"}\n', encoding="utf-8")
    with pytest.raises(ScoreError, match="record on line 2 has no field 'ref'"):
        load_parallel([str(odd)])
    nested = tmp_path / "nested.jsonl"
    nested.write_text('{"mt": {"text": 3}, "ref": "b"}\n{"mt": ["x"], "ref": "b"}\n', encoding="utf-8")
    with pytest.raises(ScoreError, match="holds a list; only references may"):
        load_parallel([str(nested)])


def test_a_field_for_a_plain_text_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "hyp.txt"
    path.write_text("One.\n", encoding="utf-8")
    with pytest.raises(ScoreError, match=r"hyp\.txt is plain text"):
        load_parallel([str(path)], [str(path)], hyp_field="mt")


def test_variable_number_of_references(tmp_path: Path) -> None:
    path = tmp_path / "multi.jsonl"
    rows = [{"mt": "A cat sat.", "refs": ["A cat sat.", "The cat sat."]}, {"mt": "It rained.", "refs": ["It rained."]}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (item,) = load_parallel([str(path)])
    assert [r.texts for r in item.references] == [("A cat sat.", "It rained."), ("The cat sat.", None)]
    from mtqa.metrics import score_streams

    result = score_streams(item.hypotheses, item.references, metrics=("bleu",), language_check=False)
    assert "nrefs:var" in result.scores["bleu"].signature
