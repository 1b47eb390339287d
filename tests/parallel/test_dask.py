"""``mtqa.dask``: a Dask bag or dataframe on a LocalCluster of worker processes gives the same
issues as one process, corpus rules included (collect per partition, merge in a tree, check)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="mtqa.dask needs dask.distributed (pip install 'mtqa[dask]')")

import dask.bag as db
from click.testing import CliRunner
from distributed import Client, LocalCluster

from mtqa.cli import cli
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.parallel import check_documents
from mtqa.rules import all_rules
from tests.parallel.corpus_rule import CorpusNameVariant


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as c,
    ):
        yield c


def test_bag_of_documents_equals_one_process(client, documents: list[Document], options: RunOptions) -> None:
    from mtqa.dask import check_bag, check_report, collect
    from mtqa.dask import documents as as_documents

    reference = Engine(options).check_documents(documents)
    bag = db.from_sequence(documents, npartitions=5)
    issues = check_bag(bag, options).compute()
    assert issues == list(reference.issues)
    assert [i.data for i in issues] == [i.data for i in reference.issues]
    assert ("doc043.txt", "Blinkin") in [(i.document, i.text) for i in issues if i.code == "T901"]
    # The corpus data is the real map-reduce: per partition, merged in a tree of 2.
    merged = collect(as_documents(bag), options, split_every=2).compute()
    assert merged == Engine(options).collect_corpus(documents)
    report = check_report(bag, options)
    assert report.issues == reference.issues and report.documents == reference.documents
    assert CorpusNameVariant not in all_rules()  # used, never registered


def test_bag_of_id_text_pairs_and_records(client, documents: list[Document], options: RunOptions) -> None:
    from mtqa.dask import check_bag

    reference = Engine(options).check_documents(documents)
    pairs = db.from_sequence([(d.id, d.text) for d in documents], npartitions=4)
    assert check_bag(pairs, options).compute() == list(reference.issues)
    records = db.from_sequence([{"id": d.id, "text": d.text} for d in documents], npartitions=3)
    assert check_bag(records, options).compute() == list(reference.issues)


def test_dataframe_with_a_text_column(client, documents: list[Document], options: RunOptions) -> None:
    dd = pytest.importorskip("dask.dataframe", reason="Dask DataFrames need pandas and pyarrow (mtqa[dask])")
    import pandas as pd

    from mtqa.dask import check_dataframe

    frame = pd.DataFrame({"doc": [d.id for d in documents], "body": [d.text for d in documents], "n": 1})
    frame.loc[len(frame)] = ["empty", None, 1]  # no text: skipped
    ddf = dd.from_pandas(frame, npartitions=4)
    rows = check_dataframe(ddf, text="body", id="doc", options=options).compute().reset_index(drop=True)
    expected = Engine(options).check_documents(documents).to_dataframe()
    pd.testing.assert_frame_equal(rows, expected.astype(rows.dtypes.to_dict()), check_dtype=True)
    assert "T901" in set(rows["code"])


def test_check_run_on_the_scheduler(client, documents: list[Document], options: RunOptions) -> None:
    reference = Engine(options).check_documents(documents)
    remote = check_documents(documents, options, scheduler=client.scheduler.address, batch_docs=4)
    assert remote.issues == reference.issues
    assert [i.data for i in remote.issues] == [i.data for i in reference.issues]


def test_cli_scheduler_equals_jobs_1(client, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("It ended by Efe. . Then it went on.\nBlinkenHe said,, ok.\n", encoding="utf-8")
    lines = [json.dumps({"id": k, "text": f"Record {k} went on,, and on."}) for k in range(30)]
    Path("feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    args = ["check", "a.txt", "feed.jsonl", "--format", "json"]
    one = runner.invoke(cli, [*args, "--jobs", "1"], catch_exceptions=False)
    remote = runner.invoke(cli, [*args, "--scheduler", client.scheduler.address], catch_exceptions=False)
    assert remote.exit_code == one.exit_code == 1
    assert remote.stdout == one.stdout


def test_cli_unreachable_scheduler_is_a_usage_error(monkeypatch) -> None:
    import mtqa.dask

    monkeypatch.setattr(mtqa.dask, "CONNECT_TIMEOUT", "1s")
    result = CliRunner().invoke(cli, ["check", "--example", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "cannot reach the Dask scheduler" in result.stderr
