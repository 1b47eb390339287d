"""Scores in `mtqa check`: documents that carry references get corpus and per-segment scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sacrebleu
from click.testing import CliRunner

from mtqa.api import check_files
from mtqa.cli import cli

ROWS = [
    {"id": "1", "text": "The cat sat on the mat.", "reference": "The cat sat on the mat."},
    {"id": "2", "text": "A dog barks loudly at night.", "reference": "The dog barked all night long."},
]


@pytest.fixture
def feed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    return path


def run(*args: str) -> str:
    return CliRunner().invoke(cli, ["check", *args, "--isolated"], catch_exceptions=False).stdout


def test_json_report_has_corpus_scores_equal_to_sacrebleu(feed: Path) -> None:
    scores = json.loads(run(str(feed.name), "--format", "json"))["scores"]
    hyps, refs = [r["text"] for r in ROWS], [[r["reference"] for r in ROWS]]
    assert scores["bleu"]["score"] == pytest.approx(sacrebleu.corpus_bleu(hyps, refs).score)
    assert scores["chrf"]["score"] == pytest.approx(sacrebleu.corpus_chrf(hyps, refs).score)
    assert scores["bleu"]["signature"].startswith("nrefs:1")
    worst = min(scores["segments"], key=lambda row: row["chrf"])
    assert worst["id"] == "2"


def test_jsonl_streams_segment_scores(feed: Path) -> None:
    lines = [json.loads(line) for line in run(str(feed.name), "--format", "jsonl").splitlines()]
    rows = [line for line in lines if line["type"] == "segment_score"]
    assert [r["id"] for r in rows] == ["1", "2"]
    assert rows[0]["chrf"] == pytest.approx(100.0)
    assert lines[-1]["type"] == "summary"


def test_text_report_prints_scores_with_signatures(feed: Path) -> None:
    out = run(str(feed.name))
    assert "Scores against references over 2 segments: BLEU" in out and "nrefs:1" in out


def test_dataframe_of_segments_sorts_worst_first(feed: Path) -> None:
    pytest.importorskip("pandas")
    frame = check_files([feed]).to_dataframe(kind="segments")
    assert list(frame.sort_values("chrf")["id"]) == ["2", "1"]


def test_empty_reference_is_a_visible_error_not_a_score(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    rows = [{"id": "1", "text": "Hello there.", "reference": ""}, {"id": "2", "text": "Hi.", "reference": "Hi."}]
    (tmp_path / "f.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    scores = json.loads(run("f.jsonl", "--format", "json"))["scores"]
    assert "bleu" not in scores and "empty reference" in scores["error"]
