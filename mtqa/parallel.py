"""Checking many documents: in this process, in a process pool, or on a Dask cluster.

``mtqa check`` runs through :class:`CheckRun`:

1. Inputs are read lazily (:class:`mtqa.inputs.InputSource`): a file at a time, a JSONL
   feed a line at a time.
2. Documents are grouped in batches (about ``BATCH_BYTES`` of text) that a *runner*
   checks: :class:`Runner` in this process (``--jobs 1``), :class:`PoolRunner` in a
   process pool (``--jobs N``), ``mtqa.dask.DaskRunner`` on a cluster (``--scheduler``).
   At most ``WINDOW_PER_JOB`` batches per worker are in flight and results come back in
   input order, so memory stays flat whatever the input size, and the output is the same
   for every runner and every number of jobs.
3. Corpus rules (:class:`mtqa.detectors.base.CorpusDetector`) take two passes. Pass 1
   maps ``collect`` over the documents in the workers, each batch merged there; the parent
   merges the batch results as they arrive (the reduce) and keeps only that merged data.
   Pass 2 reads the inputs again (stdin is kept in a temporary file for it) and checks
   every document with the merged data. A run without corpus rules is one pass.

Workers build their Engine once, from the run's picklable ``RunOptions``. A run with a
model corrector stays in this process: the model is not picklable, and one process per
accelerator is what it wants anyway.

By default (``jobs=None``) a run uses every core, except that a small run (less than
``AUTO_MIN_BYTES`` of text, which one process checks in about a second) stays in this
process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import signal
import sys
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, TextIO

from mtqa.detectors.base import CorpusDetector, Scope
from mtqa.document import Document, Segment, trusted_segment
from mtqa.engine import Engine, RunOptions
from mtqa.fork_server import AUTO_MIN_BYTES, cores, pool_context
from mtqa.inputs import Input, InputSource
from mtqa.issue import Issue, Severity
from mtqa.metrics import report_scores
from mtqa.per_file_ignores import PerFileIgnores
from mtqa.readers.text import ReadResult
from mtqa.report.model import InputError, Report, RunSignature, is_style_suggestion

BATCH_BYTES = 128 * 1024
BATCH_DOCS = 256
WINDOW_PER_JOB = 3
#: Merge this many batch results at a time in the parent (the reduce of corpus rules).
MERGE_EVERY = 32


class Batch(NamedTuple):
    """Consecutive inputs (documents and unreadable inputs, in order) and their documents."""

    inputs: list[Input]
    docs: list[Document]

    @property
    def size(self) -> int:
        return sum(i.size for i in self.inputs)


def batches(inputs: Iterable[Input], max_docs: int = BATCH_DOCS, max_bytes: int = BATCH_BYTES) -> Iterator[Batch]:
    """Group inputs in order; a batch closes at ``max_docs`` documents or ``max_bytes`` of text."""
    current: list[Input] = []
    docs: list[Document] = []
    text = 0
    for item in inputs:
        current.append(item)
        doc = item.result.document
        if doc is not None:
            docs.append(doc)
            text += len(doc.text)
            if len(docs) >= max_docs or text >= max_bytes:
                yield Batch(current, docs)
                current, docs, text = [], [], 0
    if current:
        yield Batch(current, docs)


@dataclass(frozen=True)
class Checked:
    """One input, checked: a document with its issues, or an unreadable input's error."""

    input: Input
    issues: list[Issue] = field(default_factory=list)

    @property
    def document(self) -> Document | None:
        return self.input.result.document

    @property
    def error(self) -> InputError | None:
        return self.input.result.error


# -- runners -------------------------------------------------------------------------------


class Runner:
    """Checks batches in this process, a document at a time (each is reported once checked)."""

    jobs = 1
    check_docs = 1
    collect_docs = BATCH_DOCS

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, dict[str, Any]]]:
        """Pass 1 of corpus rules: each batch's collected data, merged within the batch."""
        for batch in batches:
            yield batch, self.engine.collect_corpus(batch.docs)

    def check(self, batches: Iterable[Batch], corpus: dict[str, Any]) -> Iterator[tuple[Batch, list[list[Issue]]]]:
        """Each batch with the issues of each of its documents."""
        for batch in batches:
            yield batch, [self.engine.check_document(doc, corpus) for doc in batch.docs]

    def close(self) -> None:
        """Release workers and temporary files."""

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def ordered(submit: Callable[[Batch], Future], batches: Iterable[Batch], window: int) -> Iterator[tuple[Batch, Any]]:
    """Submit batches as results are taken, at most ``window`` in flight; results in submission order."""
    pending: deque[tuple[Batch, Future]] = deque()
    try:
        for batch in batches:
            pending.append((batch, submit(batch)))
            if len(pending) >= window:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
    finally:
        for _, future in pending:
            future.cancel()


class PoolRunner(Runner):
    """Checks batches in ``jobs`` worker processes (``concurrent.futures``; see ``pool_context``).

    The workers are started at once, from a background thread (with plain ``fork``, at the
    first submit instead): the first one waits for the fork server to warm up (about a
    second, see ``mtqa.fork_server``). Meanwhile this process is not idle: pass 1 of corpus
    rules (collecting names, a tenth of the cost of checking) runs here until the workers
    are up, and the workers take the batches after.
    """

    check_docs = BATCH_DOCS

    def __init__(self, engine: Engine, jobs: int) -> None:
        super().__init__(engine)
        self.jobs = jobs
        context = pool_context()
        self.pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(engine.options,))
        self._corpus_file: str | None = None
        self._started = threading.Event()
        self._starter: threading.Thread | None = None
        if context.get_start_method() == "fork":
            # A process forked while another thread runs may inherit a lock held in that
            # thread: with plain fork the workers start in this thread, at the first submit.
            self._started.set()
        else:
            self._starter = threading.Thread(target=self._start_workers, name="mtqa-pool-start", daemon=True)
            self._starter.start()

    def _start_workers(self) -> None:
        """Start the workers: a task each, since the pool starts a worker for a task while none
        is idle (one that finishes its task before the next is sent may stand in for another,
        which the pool then starts at a later submit)."""
        try:
            for _ in range(self.jobs):
                self.pool.submit(_ready)
        except Exception:  # a pool that cannot start fails the next submit, which the run reports
            pass
        finally:
            self._started.set()

    def collect(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, dict[str, Any]]]:
        def start(batch: Batch) -> Future:
            if self._started.is_set():
                return self.pool.submit(_collect_batch, pack(batch.docs))
            return _completed(self.engine.collect_corpus(batch.docs))  # the workers are warming up

        return ordered(start, _with_docs(batches), self.jobs * WINDOW_PER_JOB)

    def check(self, batches: Iterable[Batch], corpus: dict[str, Any]) -> Iterator[tuple[Batch, list[list[Issue]]]]:
        ref = self._share(corpus)
        window = self.jobs * WINDOW_PER_JOB
        return ordered(lambda b: self.pool.submit(_check_batch, pack(b.docs), ref), batches, window)

    def _share(self, corpus: dict[str, Any]) -> str | None:
        """The merged corpus data goes to the workers once, through a file each loads once."""
        if not corpus:
            return None
        fd, path = tempfile.mkstemp(prefix="mtqa-corpus-", suffix=".pickle")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(corpus, handle, protocol=pickle.HIGHEST_PROTOCOL)
        self._corpus_file = path
        return path

    def close(self) -> None:
        if self._starter is not None:
            self._starter.join()
        self.pool.shutdown(wait=True, cancel_futures=True)
        if self._corpus_file is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._corpus_file)
            self._corpus_file = None


def _ready() -> None:
    """A task that only starts a worker."""


def _completed(value: Any) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


def _with_docs(batches: Iterable[Batch]) -> Iterator[Batch]:
    return (b for b in batches if b.docs)


def pack(docs: list[Document]) -> list[tuple]:
    """Documents as plain tuples, for sending to a worker: several times smaller and faster to
    pickle than the objects. A document split into paragraphs (``Document.paragraphs``) goes as
    its text and its segments' id, and the worker splits it when a rule needs the segments
    (the parent never does), which costs less than unpickling a tuple per segment; otherwise a
    segment's text is left out when it is its span of the document."""
    out = []
    for doc in docs:
        text = doc.text
        segments: Any
        if doc.paragraphs:
            segments = doc.paragraph_id
        else:
            segments = [
                (s.index, s.span.start, s.span.end, None if text[s.span.start : s.span.end] == s.text else s.text,
                 s.source, s.reference, s.id, *(_codes(s)))
                for s in doc.segments
            ]  # fmt: skip
        out.append((doc.id, text, segments, doc.language, doc.source_language, doc.metadata, doc.boundaries))
    return out


def unpack(packed: list[tuple]) -> list[Document]:
    """The Documents that ``pack`` packed."""
    docs = []
    for doc_id, text, segments, language, source_language, metadata, boundaries in packed:
        if segments is None or isinstance(segments, str):  # paragraphs, and the id they share
            docs.append(
                Document.of_paragraphs(
                    doc_id,
                    text,
                    segment_id=segments,
                    language=language,
                    source_language=source_language,
                    metadata=metadata,
                    boundaries=boundaries,
                )
            )
            continue
        segs = tuple(
            _with_codes(
                trusted_segment(
                    index, start, end, text[start:end] if seg_text is None else seg_text, source, reference, sid
                ),
                codes,
            )
            for index, start, end, seg_text, source, reference, sid, *codes in segments
        )
        docs.append(Document(doc_id, text, segs, language, source_language, metadata, boundaries))
    return docs


def _codes(segment: Segment) -> tuple[tuple[str, ...], ...]:
    """A bilingual unit's inline codes (S103), sent only where it has some: most segments have none."""
    return (segment.source_codes, segment.target_codes) if segment.source_codes or segment.target_codes else ()


def _with_codes(segment: Segment, codes: list[tuple[str, ...]]) -> Segment:
    """``segment`` with the inline codes that ``pack`` sent with it (S103), if any."""
    return replace(segment, source_codes=codes[0], target_codes=codes[1]) if codes else segment


_WORKER: dict[str, Any] = {}


def _init_worker(options: RunOptions) -> None:
    """Pool initializer: build the Engine once; Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["engine"] = Engine(options)


def _collect_batch(packed: list[tuple]) -> dict[str, Any]:
    return _WORKER["engine"].collect_corpus(unpack(packed))


def _check_batch(packed: list[tuple], corpus_file: str | None) -> list[list[Issue]]:
    engine: Engine = _WORKER["engine"]
    docs = unpack(packed)
    corpus: dict[str, Any] = {}
    if corpus_file is not None:
        if _WORKER.get("corpus_file") != corpus_file:
            with open(corpus_file, "rb") as handle:
                _WORKER["corpus"] = pickle.load(handle)
            _WORKER["corpus_file"] = corpus_file
        corpus = _WORKER["corpus"]
    return [engine.check_document(doc, corpus) for doc in docs]


# -- the reduce of corpus rules --------------------------------------------------------------


class CorpusMerge:
    """Merges corpus data batch by batch, in document order, keeping only merged data.

    Batch results are merged ``MERGE_EVERY`` at a time into a group. A rule that merges in
    place (``CorpusDetector.merge_into``, as N102 does) has each group merged into its one
    running total, at the cost of the group. For any other rule the groups are merged
    pairwise like a binary counter: two merged groups of the same size become one of twice
    the size, keeping document order, so a batch's data is merged again only about
    log2(groups) times. Folding every group into a running total with the pure ``merge``
    re-merges the whole total each time, which grows with the square of the feed (on a
    200 MB feed with two new names an article, that was the parent's main cost).
    """

    def __init__(self, engine: Engine) -> None:
        corpus_rules = (r.detector for r in engine.rules if r.detector.scope is Scope.CORPUS)
        self.rules: dict[str, Any] = {det.code: det for det in corpus_rules}
        self._in_place = {
            code: type(det).merge_into is not CorpusDetector.merge_into for code, det in self.rules.items()
        }
        self._total: dict[str, Any] = {}
        #: Merged groups in document order, each with its size in batches (sizes strictly decrease).
        self._levels: dict[str, list[tuple[int, Any]]] = {code: [] for code in self.rules}
        self._pending: dict[str, list[Any]] = {code: [] for code in self.rules}

    def add(self, partial: dict[str, Any]) -> None:
        for code, part in partial.items():
            pending = self._pending[code]
            pending.append(part)
            if len(pending) >= MERGE_EVERY:
                self._flush(code)

    def _flush(self, code: str) -> None:
        pending, det = self._pending[code], self.rules[code]
        if not pending:
            return
        group = det.merge(pending)  # a new object even for one part: merge_into may change it later
        self._pending[code] = []
        if self._in_place[code]:
            total = self._total.get(code)
            self._total[code] = group if total is None else det.merge_into(total, group)
            return
        levels = self._levels[code]
        levels.append((len(pending), group))
        while len(levels) >= 2 and levels[-2][0] <= levels[-1][0]:
            (size_a, a), (size_b, b) = levels[-2], levels[-1]
            levels[-2:] = [(size_a + size_b, det.merge([a, b]))]

    def result(self) -> dict[str, Any]:
        out = {}
        for code, det in self.rules.items():
            self._flush(code)
            if self._in_place[code]:
                out[code] = self._total[code] if code in self._total else det.merge([])
                continue
            parts = [merged for _, merged in self._levels[code]]
            out[code] = parts[0] if len(parts) == 1 else det.merge(parts)
        return out


def has_corpus_rules(engine: Engine) -> bool:
    return any(r.detector.scope is Scope.CORPUS for r in engine.rules)


# -- the run -------------------------------------------------------------------------------


def _note_stderr(message: str) -> None:
    print(f"mtqa: {message}", file=sys.stderr)


class CheckRun:
    """One run over a source of inputs: iterate it for each input, checked, in input order.

    ``source`` is anything that yields ``Input`` objects afresh on each iteration (an
    ``InputSource``, or a list). ``jobs``: None for every core (small runs stay in this
    process), 1 for this process, N for a pool of N workers. ``scheduler``: the address
    of a Dask scheduler (``tcp://host:8786``) or ``"local"``, instead of a pool.
    """

    def __init__(
        self,
        engine: Engine,
        source: Iterable[Input],
        *,
        jobs: int | None = None,
        scheduler: str | None = None,
        progress: ProgressBar | None = None,
        note: Callable[[str], None] = _note_stderr,
        batch_docs: int | None = None,
        ignores: PerFileIgnores | None = None,
    ) -> None:
        self.engine = engine
        self.batch_docs = batch_docs  # at most this many documents a batch (default: the runner's)
        self.source = source
        self.jobs = jobs
        self.scheduler = scheduler
        self.progress = progress
        self.note = note
        self.runner_used: str | None = None  # "process", "pool:N" or "dask": for tests and benchmarks
        self.ignores = ignores  # per-file-ignores: applied to each input's issues as they come back

    @property
    def signature(self) -> RunSignature:
        return self.engine.signature

    def _runner(self, small: bool) -> Runner:
        if self.scheduler is not None:
            from mtqa.dask import DaskRunner

            runner: Runner = DaskRunner.connect(self.engine, self.scheduler, jobs=self.jobs, note=self.note)
            self.runner_used = "dask"
            return runner
        jobs = self.jobs if self.jobs is not None else cores()
        if jobs > 1 and self.engine.options.corrector is not None:
            if self.jobs is not None:
                self.note(f"a correction model is set: checking in one process (--jobs {self.jobs} ignored)")
            jobs = 1
        if jobs > 1 and self.jobs is None and small:
            jobs = 1
        if jobs > 1:
            try:
                pickle.dumps(self.engine.options)
            except Exception as exc:  # a plug-in's settings that cannot travel
                self.note(f"the run's options cannot be sent to worker processes ({exc}): checking in one process")
                jobs = 1
        self.runner_used = "process" if jobs == 1 else f"pool:{jobs}"
        return Runner(self.engine) if jobs == 1 else PoolRunner(self.engine, jobs)

    def __iter__(self) -> Iterator[Checked]:
        two_passes = has_corpus_rules(self.engine)
        if two_passes and isinstance(self.source, InputSource):
            self.source.replay = True
        inputs = iter(self.source)
        head: list[Input] = []
        small = False
        if self.jobs is None and self.scheduler is None:
            head, small = _lookahead(inputs, AUTO_MIN_BYTES)
        first = itertools.chain(head, inputs)
        progress = self.progress or ProgressBar(enabled=False)
        with self._runner(small) as runner:
            try:
                corpus: dict[str, Any] = {}
                if two_passes:
                    merge = CorpusMerge(self.engine)
                    progress.start("collecting (pass 1 of 2)", self._total())
                    for batch, partial in runner.collect(batches(first, self.batch_docs or runner.collect_docs)):
                        merge.add(partial)
                        progress.advance(len(batch.docs), batch.size)
                    corpus = self.engine.finish_corpus(merge.result())
                    del merge  # the merged data (a spilled file too) is not needed in pass 2
                    first = iter(self.source)
                progress.start("checking (pass 2 of 2)" if two_passes else "checking", self._total())
                for batch, results in runner.check(batches(first, self.batch_docs or runner.check_docs), corpus):
                    found = iter(results)
                    for item in batch.inputs:
                        issues = next(found) if item.result.document is not None else []
                        if self.ignores and issues:
                            issues = self.ignores.apply(issues, item.name)
                        yield Checked(item, issues)
                    progress.advance(len(batch.docs), batch.size)
            finally:
                progress.close()

    def _total(self) -> int | None:
        total = getattr(self.source, "total_bytes", None)
        return total() if callable(total) else None

    def report(self) -> Report:
        """Every document, issue and error, as one Report (the documents are kept: see ``--format jsonl``)."""
        docs: list[Document] = []
        issues: list[Issue] = []
        errors: list[InputError] = []
        for item in self:
            if item.error is not None:
                errors.append(item.error)
            if item.document is not None:
                docs.append(item.document)
                issues.extend(item.issues)
        return Report(tuple(docs), tuple(issues), self.signature, tuple(errors), report_scores(docs))


def _lookahead(inputs: Iterator[Input], limit: int) -> tuple[list[Input], bool]:
    """Read inputs until ``limit`` characters of text: (what was read, whether that was all)."""
    head: list[Input] = []
    text = 0
    for item in inputs:
        head.append(item)
        if item.result.document is not None:
            text += len(item.result.document.text)
            if text >= limit:
                return head, False
    return head, True


def check_documents(
    documents: Iterable[Document],
    options: RunOptions | None = None,
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    errors: Iterable[InputError] = (),
    batch_docs: int | None = None,
) -> Report:
    """``Engine(options).check_documents(documents)``, on ``jobs`` processes or a Dask scheduler."""
    docs = list(documents)
    source = [Input(None, ReadResult(doc), len(doc.text)) for doc in docs]
    report = CheckRun(Engine(options), source, jobs=jobs, scheduler=scheduler, batch_docs=batch_docs).report()
    return Report(report.documents, report.issues, report.signature, tuple(errors))


# -- counting a streamed run -----------------------------------------------------------------


@dataclass
class Tally:
    """The counts of a streamed run, equal to ``Report.summary()`` of the same run."""

    documents: int = 0
    issues: int = 0
    errors: int = 0
    suppressed: int = 0
    by_rule: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    fixable: Counter[str] = field(default_factory=Counter)
    style_suggestions: int = 0
    worst: Severity | None = None

    def add(self, issues: Iterable[Issue], suppressed: int = 0) -> None:
        """One document: the issues it reports and how many the baseline suppressed."""
        self.documents += 1
        self.suppressed += suppressed
        for issue in issues:
            self.issues += 1
            self.by_rule[(issue.code, issue.name)] += 1
            self.by_severity[issue.severity.value] += 1
            self.style_suggestions += is_style_suggestion(issue)
            if issue.fix is not None:
                self.fixable[issue.fix.applicability.value] += 1
            if self.worst is None or issue.severity.rank > self.worst.rank:
                self.worst = issue.severity

    def summary(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "issues": self.issues,
            "errors": self.errors,
            "by_severity": dict(sorted(self.by_severity.items())),
            "by_rule": {code: n for (code, _), n in sorted(self.by_rule.items())},
            "style_suggestions": self.style_suggestions,
            "fixable": dict(sorted(self.fixable.items())),
        }

    def exit_code(self, fail_on: Severity | None) -> int:
        """As ``Report.exit_code``."""
        if fail_on is None:
            return 0
        if self.errors:
            return 1
        return int(self.worst is not None and self.worst.rank >= fail_on.rank)


# -- progress --------------------------------------------------------------------------------


class ProgressBar:
    """A progress bar on stderr for long runs: only on a terminal, and only once a run has
    checked more than ``min_docs`` documents or taken ``min_seconds``."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool | None = None,
        min_docs: int = 50,
        min_seconds: float = 2.0,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)()) and os.environ.get("TERM") != "dumb"
        self.enabled = enabled
        self.min_docs = min_docs
        self.min_seconds = min_seconds
        self._bar: Any = None
        self._task: Any = None
        self._label = ""
        self._total: int | None = None
        self._docs = 0
        self._bytes = 0
        self._since = time.monotonic()

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def start(self, label: str, total: int | None) -> None:
        """A new pass: its label and its total in bytes (None when unknown)."""
        self._label, self._total, self._docs, self._bytes = label, total, 0, 0
        if self._bar is not None:
            self._bar.reset(self._task, total=total, description=label, docs=0)

    def advance(self, docs: int, nbytes: int) -> None:
        self._docs += docs
        self._bytes += nbytes
        if not self.enabled:
            return
        if self._bar is None:
            if self._docs <= self.min_docs and time.monotonic() - self._since < self.min_seconds:
                return
            self._open()
        self._bar.update(self._task, completed=self._bytes, docs=self._docs)

    def _open(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        console = Console(file=self.stream, force_terminal=True)
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TextColumn("{task.fields[docs]} documents"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            # Lines written to stdout go above the bar when stdout is a terminal too;
            # otherwise stdout (a file, a pipe) is left alone.
            redirect_stdout=bool(getattr(sys.stdout, "isatty", lambda: False)()),
            redirect_stderr=False,
        )
        self._bar.start()
        self._task = self._bar.add_task(self._label, total=self._total, completed=self._bytes, docs=self._docs)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
