"""``--jobs``: a process pool gives the same issues as one process, in the same order."""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.inputs import Input
from mtqa.parallel import CheckRun, batches, check_documents, pack, unpack
from mtqa.readers.text import ReadResult
from mtqa.rules import Selection


def test_pool_equals_one_process_issue_for_issue(documents: list[Document], options: RunOptions) -> None:
    reference = Engine(options).check_documents(documents)
    corpus_issues = [i for i in reference.issues if i.code == "T901"]
    # The corpus rule saw across documents: the variant is in a document far from the others.
    assert (documents[-2].id, "Blinkin") in [(i.document, i.text) for i in corpus_issues]
    assert {i.code for i in reference.issues} >= {"T901", "P101", "W101"}
    pooled = check_documents(documents, options, jobs=2, batch_docs=4)
    assert pooled.documents == reference.documents
    assert pooled.issues == reference.issues
    assert [i.data for i in pooled.issues] == [i.data for i in reference.issues]
    assert pooled.signature == reference.signature
    one = check_documents(documents, options, jobs=1)
    assert one.issues == reference.issues


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_each_start_method_gives_the_same_issues(
    documents: list[Document], options: RunOptions, method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers forked from the warm fork server (the default on Linux) or spawned afresh."""
    import multiprocessing

    from mtqa.fork_server import pool_context

    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method on this platform")
    monkeypatch.setenv("MTQA_START_METHOD", method)
    assert pool_context().get_start_method() == method
    reference = Engine(options).check_documents(documents[:12])
    assert check_documents(documents[:12], options, jobs=2, batch_docs=3).issues == reference.issues


def test_an_unknown_start_method_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTQA_START_METHOD", "teleport")
    (tmp_path / "a.txt").write_text("One sentence here.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "a.txt"), "--jobs", "2"])
    assert result.exit_code == 2, result.output
    assert "MTQA_START_METHOD='teleport'" in result.output and "forkserver" in result.output


def test_the_default_start_method_is_the_warm_fork_server(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    from mtqa.fork_server import PREWARM_MODULE, pool_context

    monkeypatch.delenv("MTQA_START_METHOD", raising=False)
    if "forkserver" not in multiprocessing.get_all_start_methods():
        assert pool_context().get_start_method() == "spawn"
        return
    assert pool_context().get_start_method() == "forkserver"
    from multiprocessing import forkserver

    assert PREWARM_MODULE in forkserver._forkserver._preload_modules


def test_pool_is_used_when_asked_and_small_runs_stay_in_process(documents: list[Document]) -> None:
    source = [Input(None, ReadResult(d), len(d.text)) for d in documents[:3]]
    engine = Engine(RunOptions(selection=Selection(select=("P101",))))
    asked = CheckRun(engine, source, jobs=2)
    assert len(list(asked)) == 3 and asked.runner_used == "pool:2"
    auto = CheckRun(engine, source)  # default: every core, but this run is tiny
    assert len(list(auto)) == 3 and auto.runner_used == "process"


class _Model:
    model_id = "test-model"


def test_a_model_keeps_the_run_in_one_process() -> None:
    notes: list[str] = []
    run = CheckRun(Engine(RunOptions(corrector=_Model())), [], jobs=2, note=notes.append)
    assert list(run) == [] and run.runner_used == "process"
    assert notes and "one process" in notes[0]


def test_options_that_cannot_be_pickled_stay_in_one_process() -> None:
    notes: list[str] = []
    options = RunOptions(rule_settings={"no-such-rule": {"hook": lambda: 0}})
    run = CheckRun(Engine(options), [], jobs=2, note=notes.append)
    assert list(run) == [] and run.runner_used == "process"
    assert notes and "cannot be sent" in notes[0]


def test_pack_round_trips_documents_of_every_shape(documents: list[Document]) -> None:
    odd = Document(
        "odd",
        "a\nb c",
        segments=(),
        language="de",
        source_language="en",
        metadata={"line": "3"},
        boundaries=((1, "a"),),
    )
    from mtqa.document import Segment
    from mtqa.span import Span

    bilingual = Document("bi", "Hallo Welt", (Segment(0, Span(0, 10), "Hallo Welt", "Hello world", None, "u1"),))
    shifted = Document("shift", "xyz", (Segment(0, Span(0, 3), "not the slice"),))
    from mtqa.readers.options import ReaderOptions
    from mtqa.readers.tabular import read_jsonl

    records = b'{"id": "r7", "text": "First line.\\n\\n  Second line.\\r\\nThird."}\n{"text": "   "}\n{"text": "x"}\n'
    from_jsonl = [r.document for r in read_jsonl(records, "feed.jsonl", ReaderOptions()) if r.document is not None]
    assert from_jsonl and all(d.paragraphs for d in from_jsonl)
    docs = [*documents[:5], odd, bilingual, shifted, *from_jsonl, Document.from_text("", id="empty")]
    back = unpack(pack(docs))
    assert back == docs
    assert [d.metadata for d in back] == [d.metadata for d in docs]
    assert [(s.text, s.id, s.span) for d in back for s in d.segments] == [
        (s.text, s.id, s.span) for d in docs for s in d.segments
    ]
    assert [d.paragraphs for d in back] == [d.paragraphs for d in docs]
    assert isinstance(pack(from_jsonl)[0][2], str)  # paragraphs travel as text and their id
    # A copy with other segments (references attached) no longer claims plain paragraphs.
    from mtqa.metrics import attach_references

    referenced = attach_references(Document.from_text("One.\nTwo.\n"), ["Un.", "Deux."])
    assert not referenced.paragraphs
    assert [s.reference for s in unpack(pack([referenced]))[0].segments] == ["Un.", "Deux."]


def test_memory_is_bounded_by_the_batches_in_flight(documents: list[Document]) -> None:
    """However many documents flow through, only those of the batches in flight are alive."""
    live: weakref.WeakSet[Document] = weakref.WeakSet()
    peak = 0

    class Source:
        def __iter__(self) -> Iterator[Input]:
            for k in range(400):
                base = documents[k % len(documents)]
                doc = Document.from_text(base.text, id=f"d{k}")
                live.add(doc)
                yield Input(None, ReadResult(doc), len(doc.text))

    engine = Engine(RunOptions(selection=Selection(select=("P101", "W102"))))
    for jobs, batch in ((1, None), (2, 5)):
        peak = 0
        count = 0
        for item in CheckRun(engine, Source(), jobs=jobs, batch_docs=batch):
            count += 1
            peak = max(peak, len(live))
            del item
        assert count == 400
        bound = 3 if jobs == 1 else 5 * (2 * 3 + 2)
        assert peak <= bound, (jobs, peak)


def test_batches_keep_order_and_close_at_the_limits() -> None:
    from mtqa.report.model import InputError

    items = []
    for k in range(7):
        items.append(Input(None, ReadResult(Document.from_text("x" * 10, id=str(k))), 10))
        if k == 2:
            items.append(Input(None, ReadResult(None, InputError("bad", "broken")), 3))
    got = list(batches(items, max_docs=3, max_bytes=1000))
    assert [len(b.docs) for b in got] == [3, 3, 1]
    assert [i for b in got for i in b.inputs] == items
    assert [len(b.docs) for b in batches(items, max_docs=100, max_bytes=25)] == [3, 3, 1]


def _tree(root: Path) -> None:
    root.mkdir()
    (root / "a.txt").write_text("It ended by Efe. . Then it went on.\nBlinkenHe said,, ok.\n", encoding="utf-8")
    (root / "bad.txt").write_bytes(b"ok\n\xc3\x28 broken")
    records = []
    for k in range(40):
        text = f"Record {k} went on,, and on. The minister said so." if k % 4 == 0 else f"Record {k} is clean."
        records.append(json.dumps({"id": f"r{k}", "text": text}))
    records.insert(7, "{not json")
    (root / "feed.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    (root / "z.txt").write_text("Leave a Reply\nThe end,, here.\n", encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif"])
def test_cli_jobs_2_equals_jobs_1(tmp_path: Path, monkeypatch, fmt: str) -> None:
    monkeypatch.chdir(tmp_path)
    _tree(tmp_path / "in")
    runner = CliRunner()
    one = runner.invoke(cli, ["check", "in", "--format", fmt, "--jobs", "1"], catch_exceptions=False)
    two = runner.invoke(cli, ["check", "in", "--format", fmt, "--jobs", "2"], catch_exceptions=False)
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout
    if fmt == "jsonl":
        lines = [json.loads(line) for line in one.stdout.splitlines()]
        assert [o["type"] for o in lines].count("error") == 2 and lines[-1]["type"] == "summary"
        assert lines[-1]["documents"] == 42 and lines[-1]["errors"] == 2


def test_cli_rejects_zero_jobs() -> None:
    result = CliRunner().invoke(cli, ["check", "--example", "--jobs", "0"])
    assert result.exit_code == 2 and "--jobs" in result.stderr


def test_cli_baseline_written_by_a_streamed_pool_run_equals_one_process(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _tree(tmp_path / "in")
    runner = CliRunner()
    for jobs in ("1", "2"):
        args = ["check", "in", "--format", "jsonl", "--jobs", jobs, "--write-baseline", f"b{jobs}.json"]
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 1  # the unreadable inputs
        assert [json.loads(line)["type"] for line in result.stdout.splitlines()] == ["error", "error", "summary"]
    assert Path("b1.json").read_text(encoding="utf-8") == Path("b2.json").read_text(encoding="utf-8")
    again = runner.invoke(cli, ["check", "in", "--format", "json", "--jobs", "2", "--baseline", "b1.json"])
    assert json.loads(again.stdout)["summary"]["issues"] == 0


def test_corpus_merge_in_groups_equals_one_merge_of_everything(documents: list[Document]) -> None:
    """The parent merges batch results in groups, pairwise (a binary counter): the same data,
    in the same order, as merging every batch at once, for any number of batches."""
    from mtqa import parallel
    from mtqa.parallel import CorpusMerge

    engine = Engine(RunOptions(selection=Selection(select=("N102",))))
    rule = engine.rules[0].detector
    partials = [engine.collect_corpus([doc]) for doc in documents]
    whole = rule.merge([p["N102"] for p in partials])
    for every in (1, 2, 3, 32):
        for count in (0, 1, 5, len(partials)):
            merge = CorpusMerge(engine)
            original, parallel.MERGE_EVERY = parallel.MERGE_EVERY, every
            try:
                for partial in partials[:count]:
                    merge.add(partial)
            finally:
                parallel.MERGE_EVERY = original
            assert merge.result()["N102"] == rule.merge([p["N102"] for p in partials[:count]])
    assert whole["documents"] == len(documents)


def test_pass_one_runs_here_while_the_workers_warm_up(documents: list[Document], options: RunOptions) -> None:
    """Batches collected in this process before the workers are up, and by the workers after,
    merge to the same corpus data as one process, in document order."""
    import threading

    from mtqa.parallel import PoolRunner, Runner

    gate = threading.Event()

    class SlowStart(PoolRunner):
        def _start_workers(self) -> None:
            gate.wait(60)
            super()._start_workers()

    engine = Engine(options)
    reference = [part for _, part in Runner(engine).collect(batches(_inputs(documents), max_docs=4))]
    with SlowStart(engine, 2) as runner:
        submit, sent = runner.pool.submit, []

        def counted(func, *args):
            sent.append(func.__name__)
            return submit(func, *args)

        runner.pool.submit = counted  # type: ignore[method-assign]
        got = []
        try:
            for _, part in runner.collect(batches(_inputs(documents), max_docs=4)):
                got.append(part)
                if len(got) == 2:
                    assert not runner._started.is_set() and "_collect_batch" not in sent  # collected here
                    gate.set()
                    assert runner._started.wait(60)
        finally:
            gate.set()  # a failed assertion must not leave close() waiting for the gate
    assert got == reference and len(got) > 8
    assert 0 < sent.count("_collect_batch") < len(got)  # then the workers took the rest


def _inputs(documents: list[Document]) -> list[Input]:
    return [Input(None, ReadResult(d), len(d.text)) for d in documents]
