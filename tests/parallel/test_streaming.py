"""Streaming: inputs read lazily and re-read for a second pass; counts kept instead of documents;
a progress bar on terminals only."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.document import Document
from mtqa.engine import Engine
from mtqa.inputs import InputSource
from mtqa.parallel import CheckRun, ProgressBar, Tally
from mtqa.readers.options import ReaderOptions
from mtqa.readers.tabular import IdSet, iter_jsonl, read_jsonl
from mtqa.report.model import Report


class CountingStream:
    """A binary stream that counts the lines taken from it."""

    def __init__(self, lines: list[bytes]) -> None:
        self.lines = lines
        self.taken = 0

    def __iter__(self) -> Iterator[bytes]:
        for line in self.lines:
            self.taken += 1
            yield line


def test_jsonl_is_read_a_line_at_a_time() -> None:
    lines = [json.dumps({"id": k, "text": f"Text {k}."}).encode() + b"\n" for k in range(100)]
    stream = CountingStream(lines)
    results = iter_jsonl(stream, "feed.jsonl", ReaderOptions())  # type: ignore[arg-type]
    first, done = next(results)
    assert first.document is not None and first.document.id == "feed.jsonl#0"
    assert stream.taken == 1 and done == len(lines[0])
    assert len(list(results)) == 99 and stream.taken == 100


def test_streamed_jsonl_equals_whole_file_reading() -> None:
    data = (
        b'\xef\xbb\xbf{"id": "a", "text": "One,, two."}\n\n'
        b'{"id": "a", "text": "Same id."}\n'
        b"not json\n"
        b'{"text": 5}\n'
        b'{"id": "b", "body": "no text field"}\n'
        b'{"id": "c", "text": "Last, no newline"}'
    )
    streamed = [r for r, _ in iter_jsonl(io.BytesIO(data), "f.jsonl", ReaderOptions())]
    assert streamed == read_jsonl(data, "f.jsonl", ReaderOptions())
    ids = [r.document.id for r in streamed if r.document is not None]
    assert ids == ["f.jsonl#a", "f.jsonl#a@3", "f.jsonl#c"]
    assert [r.error.line for r in streamed if r.error is not None] == [4, 5, 6]


def test_id_set_is_exact_across_merges(monkeypatch) -> None:
    monkeypatch.setattr(IdSet, "_PENDING", 7)
    ids = IdSet()
    words = [f"doc#{k}" for k in range(100)]
    for w in words[::2]:
        ids.add(w)
    assert all(w in ids for w in words[::2])
    assert not any(w in ids for w in words[1::2])
    assert len(ids._sorted) >= 49 and 1 not in ids  # type: ignore[operator]


def test_input_source_reads_again_and_replays_stdin(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello,, world.\n", encoding="utf-8")
    feed = "".join(json.dumps({"id": k, "text": f"Line {k}. ."}) + "\n" for k in range(5))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(feed.encode())))
    source = InputSource([str(tmp_path / "a.txt"), "-"], stdin_filename="feed.jsonl", replay=True)
    with source:
        first = list(source)
        second = list(source)
        assert source.total_bytes() == len(feed) + len("Hello,, world.\n")
    assert first == second and len(first) == 6
    assert [i.result.document.id for i in first][1:] == [f"feed.jsonl#{k}" for k in range(5)]  # type: ignore[union-attr]
    assert sum(i.size for i in first) == len(feed) + len("Hello,, world.\n")


def test_two_passes_over_stdin_find_the_corpus_variant(monkeypatch, documents: list[Document], options) -> None:
    feed = "".join(json.dumps({"id": d.id, "text": d.text}) + "\n" for d in documents)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(feed.encode())))
    engine = Engine(options)
    with InputSource(["-"], stdin_filename="feed.jsonl") as source:
        checked = list(CheckRun(engine, source, jobs=1))
    streamed = [i for c in checked for i in c.issues]
    expected = engine.check_documents([Document.from_text(d.text, id=f"feed.jsonl#{d.id}") for d in documents])
    assert [(i.document, i.code, i.span) for i in streamed] == [(i.document, i.code, i.span) for i in expected.issues]
    assert any(i.code == "T901" for i in streamed)


def test_tally_summary_equals_report_summary(documents: list[Document]) -> None:
    report = Engine().check_documents(documents[:10])
    tally = Tally()
    for doc in report.documents:
        tally.add(report.issues_for(doc.id))
    assert tally.summary() == report.summary()
    assert tally.exit_code(None) == report.exit_code(None) == 0
    from mtqa.issue import Severity

    for level in Severity:
        assert tally.exit_code(level) == report.exit_code(level)
    assert Tally().exit_code(Severity.INFO) == Report((), (), report.signature).exit_code(Severity.INFO)


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_only_for_long_runs() -> None:
    quiet = io.StringIO()
    bar = ProgressBar(quiet)
    bar.start("checking", 1000)
    for _ in range(100):
        bar.advance(1, 10)
    bar.close()
    assert not bar.enabled and quiet.getvalue() == ""

    short = FakeTerminal()
    bar = ProgressBar(short, min_seconds=60)
    bar.start("checking", 1000)
    for _ in range(50):
        bar.advance(1, 10)
    assert not bar.shown
    bar.close()
    assert short.getvalue() == ""

    long = FakeTerminal()
    bar = ProgressBar(long, min_seconds=60)
    bar.start("checking", 1000)
    for _ in range(60):
        bar.advance(1, 10)
    assert bar.shown
    bar.close()
    assert "checking" in long.getvalue() and "documents" in long.getvalue()


def test_cli_shows_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    lines = [json.dumps({"id": k, "text": f"Record {k} went on,, and on."}) for k in range(120)]
    Path("feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "feed.jsonl", "--format", "jsonl", "--jobs", "1"])
    assert result.exit_code == 1
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 121
