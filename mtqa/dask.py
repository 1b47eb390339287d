"""Checking past one machine, on a Dask cluster (extra ``dask``: ``pip install 'mtqa[dask]'``).

The same pure detectors run on the workers; each worker builds one Engine per set of
``RunOptions`` and keeps it. Corpus rules (:class:`mtqa.detectors.base.CorpusDetector`)
are a real map-reduce:

1. map: ``collect`` on every document, merged per partition, on the workers;
2. reduce: the partition results merged in a tree (``split_every`` at a time), in order;
3. map: ``check`` on every document with the merged data, which is sent to each worker once.

Pass 1 is computed on its own (a small result: names and counts) before pass 2 is built,
so that pass 2 reads its partitions again rather than keeping every partition of pass 1
in the cluster's memory. Pass ``corpus=collect(...)`` (lazy) to build one graph instead.

Python API (data already on the cluster):

- :func:`check_bag`: a bag of Documents, ``(id, text)`` pairs or ``{"id", "text"}`` records →
  a bag of Issues, in document order;
- :func:`check_dataframe`: a Dask DataFrame with a text column → a DataFrame of issues, one
  row per issue, with the columns of ``Report.to_dataframe()``;
- :func:`check_report`: a bag → a Report on the client (small data, tests).

Command line: ``mtqa check --scheduler tcp://HOST:8786 PATHS`` (or ``--scheduler local``)
reads the inputs on the client, a batch at a time, and sends each batch to the cluster
(:class:`DaskRunner`): only the client needs the files. See docs/scaling.md.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import Any

import dask
import dask.bag as db

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.fork_server import SchedulerError, cores
from mtqa.issue import Issue
from mtqa.parallel import (
    BATCH_DOCS,
    WINDOW_PER_JOB,
    Batch,
    CorpusMerge,
    Runner,
    has_corpus_rules,
    ordered,
    pack,
    unpack,
)
from mtqa.report.model import Report

__all__ = ["DaskRunner", "as_document", "check_bag", "check_dataframe", "check_report", "collect", "documents"]

_ENGINES: dict[bytes, Engine] = {}
#: How long ``mtqa check --scheduler ADDRESS`` tries to reach the scheduler.
CONNECT_TIMEOUT = "20s"


def engine_for(options: RunOptions | None) -> Engine:
    """This process's Engine for ``options``, built once (on a worker: once per run's options)."""
    options = options or RunOptions()
    key = hashlib.sha256(pickle.dumps(options)).digest()
    engine = _ENGINES.get(key)
    if engine is None:
        engine = _ENGINES[key] = Engine(options)
    return engine


def as_document(record: Any, language: str = "auto") -> Document:
    """A Document from a Document, an ``(id, text)`` pair or a mapping with ``text`` (and ``id``, ``language``)."""
    if isinstance(record, Document):
        return record
    if isinstance(record, Mapping):
        return Document.from_text(
            record["text"], id=str(record.get("id", "<text>")), language=record.get("language") or language
        )
    if isinstance(record, (tuple, list)) and len(record) == 2:
        doc_id, text = record
        return Document.from_text(text, id=str(doc_id), language=language)
    raise TypeError(f"cannot check a {type(record).__name__}: give Documents, (id, text) pairs or records with 'text'")


def documents(bag: db.Bag, language: str = "auto") -> db.Bag:
    """The bag as Documents (see ``as_document``)."""
    return bag.map(as_document, language=language)


# -- the map-reduce ------------------------------------------------------------------------


def _collect_partition(docs: Iterable[Document], options: RunOptions | None) -> dict[str, Any]:
    return engine_for(options).collect_corpus(list(docs))


def _merge_partitions(parts: Iterable[dict[str, Any]], options: RunOptions | None) -> dict[str, Any]:
    merge = CorpusMerge(engine_for(options))
    for part in parts:
        merge.add(part)
    return merge.result()


def collect(docs: db.Bag, options: RunOptions | None = None, *, split_every: int = 8) -> Any:
    """Pass 1, lazily: every corpus rule's data, collected per partition and merged in a tree.

    Returns a Dask Item holding ``{code: merged data}`` (``.compute()`` it, or give it to
    ``check_bag(corpus=...)``).
    """
    return docs.reduction(
        partial(_collect_partition, options=options),
        partial(_merge_partitions, options=options),
        split_every=split_every,
    )


def _check_partition(docs: Iterable[Document], options: RunOptions | None, corpus: dict[str, Any]) -> list[Issue]:
    engine = engine_for(options)
    return [issue for doc in docs for issue in engine.check_document(doc, corpus)]


def _corpus_arg(docs: db.Bag, options: RunOptions | None, corpus: Any) -> Any:
    if corpus is None:
        if not has_corpus_rules(engine_for(options)):
            return {}
        corpus = collect(docs, options).compute()
    if isinstance(corpus, dict):
        corpus = _finish(corpus, options)
        return dask.delayed(corpus, traverse=False) if corpus else {}
    return dask.delayed(_finish)(corpus, options)  # a lazy Item or Delayed from collect()


def _finish(corpus: dict[str, Any], options: RunOptions | None) -> dict[str, Any]:
    return engine_for(options).finish_corpus(corpus)


def check_bag(bag: db.Bag, options: RunOptions | None = None, *, language: str = "auto", corpus: Any = None) -> db.Bag:
    """A bag of the Issues of every document, in document order (lazy; pass 1 of corpus rules
    is computed now unless ``corpus`` is given: a dict, or the Item of ``collect``)."""
    docs = documents(bag, language)
    return docs.map_partitions(_check_partition, options, _corpus_arg(docs, options, corpus))


def check_report(bag: db.Bag, options: RunOptions | None = None, *, language: str = "auto") -> Report:
    """Documents and issues brought back to the client as one Report (for data that fits there)."""
    docs = documents(bag, language)
    issues = check_bag(docs, options)
    documents_, found = dask.compute(docs, issues)
    return Report(tuple(documents_), tuple(found), engine_for(options).signature)


# -- data frames ---------------------------------------------------------------------------

_INT_COLUMNS = ("start", "end", "line", "column")


def _meta() -> Any:
    frame = Report((), (), engine_for(None).signature).to_dataframe()
    return frame.astype({c: "int64" for c in _INT_COLUMNS})


def _frame_documents(frame: Any, text: str, id: str | None, language: str) -> list[Document]:
    ids = frame[id] if id is not None else frame.index
    out = []
    for doc_id, value in zip(ids, frame[text], strict=True):
        if isinstance(value, str) and value.strip():
            out.append(Document.from_text(value, id=str(doc_id), language=language))
    return out


def _frame_rows(frame: Any, text: str, id: str | None, language: str, options: RunOptions | None, corpus: Any) -> Any:
    docs = _frame_documents(frame, text, id, language)
    engine = engine_for(options)
    issues = [issue for doc in docs for issue in engine.check_document(doc, corpus)]
    rows = Report(tuple(docs), tuple(issues), engine.signature).to_dataframe()
    return rows.astype({c: "int64" for c in _INT_COLUMNS})


def _frame_collect(frame: Any, text: str, id: str | None, language: str, options: RunOptions | None) -> Any:
    return [_collect_partition(_frame_documents(frame, text, id, language), options)]


def check_dataframe(
    df: Any,
    *,
    text: str = "text",
    id: str | None = None,
    language: str = "auto",
    options: RunOptions | None = None,
    corpus: Any = None,
) -> Any:
    """A Dask DataFrame of issues, one row per issue (the columns of ``Report.to_dataframe()``).

    Each row of ``df`` whose ``text`` column holds text is a document; its id is the
    ``id`` column's value, or the row's index. Rows without text are skipped.
    """
    import pandas as pd

    if text not in df.columns or (id is not None and id not in df.columns):
        missing = text if text not in df.columns else id
        raise KeyError(f"no column {missing!r} (columns: {', '.join(map(str, df.columns))})")
    if corpus is None and has_corpus_rules(engine_for(options)):
        parts = df.to_delayed()
        collected = [dask.delayed(_frame_collect)(p, text, id, language, options) for p in parts]
        tree = db.from_delayed(collected)
        corpus = tree.reduction(
            partial(_merge_partitions, options=options), partial(_merge_partitions, options=options)
        ).compute()
    if corpus:
        corpus = _finish(corpus, options)
    corpus_arg = dask.delayed(corpus, traverse=False) if corpus else {}
    meta = _meta()
    assert isinstance(meta, pd.DataFrame)
    return df.map_partitions(_frame_rows, text, id, language, options, corpus_arg, meta=meta, align_dataframes=False)


# -- the command line's runner -------------------------------------------------------------


def _collect_docs(options: RunOptions, packed: list[tuple]) -> dict[str, Any]:
    return engine_for(options).collect_corpus(unpack(packed))


def _check_docs(options: RunOptions, packed: list[tuple], corpus: dict[str, Any] | None) -> list[list[Issue]]:
    engine = engine_for(options)
    return [engine.check_document(doc, corpus or {}) for doc in unpack(packed)]


class DaskRunner(Runner):
    """Checks batches read on the client on a Dask cluster, a few batches per worker thread in flight.

    The run's options and the merged corpus data go to every worker once (scattered);
    each batch of documents goes to one worker and its issues come back, in order.
    """

    check_docs = BATCH_DOCS

    def __init__(self, engine: Engine, client: Any, cluster: Any = None) -> None:
        super().__init__(engine)
        self.client = client
        self.cluster = cluster
        self.jobs = max(1, sum(client.nthreads().values()))
        self._options = client.scatter([engine.options], broadcast=True)[0]

    @classmethod
    def connect(
        cls,
        engine: Engine,
        address: str,
        *,
        jobs: int | None = None,
        note: Callable[[str], None] | None = None,
    ) -> DaskRunner:
        """A runner on the scheduler at ``address`` (``tcp://host:8786``), or on a new LocalCluster for ``"local"``."""
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise SchedulerError("--scheduler needs dask.distributed: pip install 'mtqa[dask]'") from None
        if engine.options.corrector is not None:
            raise SchedulerError("a correction model cannot run on a Dask cluster: leave out --scheduler")
        try:
            pickle.dumps(engine.options)
        except Exception as exc:
            raise SchedulerError(f"the run's options cannot be sent to the workers: {exc}") from None
        if address == "local":
            cluster = LocalCluster(
                n_workers=jobs or cores(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            return cls(engine, Client(cluster), cluster)
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise SchedulerError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        if not client.nthreads():
            client.close()
            raise SchedulerError(f"the Dask scheduler at {address} has no workers")
        return cls(engine, client)

    def collect(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, dict[str, Any]]]:
        def submit(batch: Batch) -> Any:
            return self.client.submit(_collect_docs, self._options, pack(batch.docs), pure=False)

        return ordered(submit, (b for b in batches if b.docs), self.jobs * WINDOW_PER_JOB)

    def check(self, batches: Iterable[Batch], corpus: dict[str, Any]) -> Iterator[tuple[Batch, list[list[Issue]]]]:
        shared = self.client.scatter([corpus], broadcast=True)[0] if corpus else None

        def submit(batch: Batch) -> Any:
            return self.client.submit(_check_docs, self._options, pack(batch.docs), shared, pure=False)

        return ordered(submit, batches, self.jobs * WINDOW_PER_JOB)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
