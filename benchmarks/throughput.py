"""Throughput of mtqa's rules on a fixed corpus, side by side with baselines in the same run.

Corpus: every distinct MQM target segment of ../shared/data/mqm (about 0.6 MB), one per
line, grouped into documents of 100 lines (an article's size), so that document rules
see realistic input. Prints MB/s of the whole stable rule set on one core, each rule's
share of the time, and two baselines on the same text: ten precompiled regular
expressions (a floor for any pattern checker) and, when translate-toolkit is installed,
its ``pofilter`` on a PO file built from the same segments (a peer QA tool).

Side by side, in subprocesses (interpreter start included, as a CI job sees it), with
CPU seconds summed over every process of a run and peak memory (the largest resident set of
any process of the run; the sampled sum of proportional set sizes over a pool's processes in
brackets; see benchmarks/memory.py): ``pofilter`` on the PO file and ``mtqa check --jobs 1``
on the same segments as JSONL, each at 1x, 4x and 20x the corpus (``--sizes``: the ratio at
each size, and does memory grow with the input?), then ``mtqa check --jobs 1`` against
``--jobs 2`` on the corpus repeated ``--scale`` times (about 0.6 MB each; 20 and 60 by
default: a run's fixed start-up, mostly the workers' fork server warming up while nothing
can be checked, weighs less on the larger feed), ``--rounds`` times in turn (the median is
reported: this machine's cores are shared, and a single run can be 20 % off), each round
next to the speed-up two processes get on a pure-Python loop at that moment (the ceiling on
a machine whose cores are shared).

Run: ``python benchmarks/throughput.py [--repeat 3] [--sizes 1,4,20] [--scale 20,60] [--rounds 3] [--no-pofilter]
[--no-rules]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import regex

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection, Stability, all_rules

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
LINES_PER_DOCUMENT = 100
TEN_PATTERNS = [
    r"\p{Ll}\p{Lu}\p{Ll}",
    r"[ \t\u00a0]{2,}",
    r"([,;:])\s*\1",
    r"\.\s*\.",
    r", \p{Lu}\p{Ll}+",
    r"\b(\w+) \1\b",
    r"[“”\"]",
    r"[()]",
    r"(?i)leave a reply",
    r"[.!?][\p{Lu}]",
]


def load_segments() -> list[str]:
    with (SHARED / "mqm" / "mqm_ted_zhen.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return sorted({r["target"].replace("<v>", "").replace("</v>", "").strip() for r in rows if r["target"]})


def documents(segments: list[str]) -> list[Document]:
    chunks = [segments[i : i + LINES_PER_DOCUMENT] for i in range(0, len(segments), LINES_PER_DOCUMENT)]
    return [Document.from_text("\n".join(c), id=f"doc{n}") for n, c in enumerate(chunks)]


def best_of(repeat: int, func) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return min(times)


def run_engine(engine: Engine, docs: list[Document]) -> None:
    corpus = engine.finish_corpus(engine.collect_corpus(docs))
    for doc in docs:
        engine.check_document(doc, corpus)


def run_patterns(text: str) -> int:
    compiled = [regex.compile(p) for p in TEN_PATTERNS]
    return sum(1 for p in compiled for _ in p.finditer(text))


def write_po(path: Path, segments: list[str], copies: int = 1) -> None:
    entries = ['msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n']
    for c in range(copies):
        for n, seg in enumerate(segments):
            quoted = seg.replace("\\", "\\\\").replace('"', '\\"')
            entries.append(f'msgctxt "{c}-{n}"\nmsgid "{quoted}"\nmsgstr "{quoted}"\n')
    path.write_text("\n".join(entries), encoding="utf-8")


def write_jsonl(path: Path, segments: list[str], copies: int = 1) -> None:
    """The corpus as JSONL, one record per document of LINES_PER_DOCUMENT segments, ``copies`` times."""
    chunks = [segments[i : i + LINES_PER_DOCUMENT] for i in range(0, len(segments), LINES_PER_DOCUMENT)]
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for c in range(copies):
            for n, chunk in enumerate(chunks):
                out.write(json.dumps({"id": f"{c}-{n}", "text": "\n".join(chunk)}, ensure_ascii=False) + "\n")


def _memory_benchmark():
    """benchmarks/memory.py, which measures every process of a command (imported when first
    needed: it needs psutil, which the in-process timings do not)."""
    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    import memory

    return memory


def measured(args: list[str]) -> dict[str, float]:
    """Wall seconds and peak memory of a command (see benchmarks/memory.py)."""
    return _memory_benchmark().measure(args)


def mtqa_check(path: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "mtqa", "check", str(path), "--format", "jsonl", "-o", os.devnull, "--exit-zero",
            "--jobs", str(jobs)]  # fmt: skip


def pofilter(po: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "translate.filters.pofilter", str(po), str(out)]


def burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def parallel_ceiling(n: int = 20_000_000) -> float:
    """How much faster two processes finish two pure-Python loops than one process finishes one
    each: the most two jobs can gain on this machine right now (2.0 on two idle cores; less when
    other programs share them)."""
    import multiprocessing

    t0 = time.perf_counter()
    burn(n)
    burn(n)
    one = time.perf_counter() - t0
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(burn, [10, 10])
        t0 = time.perf_counter()
        pool.map(burn, [n, n])
        two = time.perf_counter() - t0
    return one / two


def has_pofilter() -> bool:
    try:
        import translate  # noqa: F401
    except ImportError:
        return False
    return True


def side_by_side(segments: list[str], sizes: list[int], scales: list[int], rounds: int, with_pofilter: bool) -> None:
    """pofilter and mtqa on the same segments at several sizes, then mtqa --jobs 1 against --jobs 2."""
    row = "{:<44} {:>6.2f} {:>8.2f} {:>6.2f} {:>7.2f} {:>9.2f} {:>14}"
    print(f"\n{'same segments, in subprocesses':<44} {'MB':>6} {'seconds':>8} {'MB/s':>6} {'CPU s':>7} "
          f"{'MB/CPU-s':>9} {'peak RSS MB':>14}")  # fmt: skip
    mb = len("\n".join(segments).encode("utf-8")) / 1e6
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for copies in sizes:
            feed = folder / f"corpus{copies}.jsonl"
            write_jsonl(feed, segments, copies)
            if with_pofilter:
                po = folder / f"corpus{copies}.po"
                write_po(po, segments, copies)
                p = measured(pofilter(po, folder / "out.po"))
                print(row.format(f"translate-toolkit pofilter, {copies}x", mb * copies, p["seconds"],
                                 mb * copies / p["seconds"], p["cpu"], mb * copies / p["cpu"],
                                 f"{p['max_process_mb']:.0f}"))  # fmt: skip
            m = measured(mtqa_check(feed, 1))
            print(row.format(f"mtqa check --jobs 1 (JSONL), {copies}x", mb * copies, m["seconds"],
                             mb * copies / m["seconds"], m["cpu"], mb * copies / m["cpu"],
                             f"{m['max_process_mb']:.0f}"))  # fmt: skip
            if with_pofilter:
                ratios.append((copies, p["seconds"] / m["seconds"], p["cpu"] / m["cpu"]))
        for copies, wall, cpu in ratios:
            print(f"mtqa --jobs 1 against pofilter at {copies}x ({mb * copies:.1f} MB): {wall:.1f}x the throughput, "
                  f"{cpu:.1f}x per CPU second (target: 5x per core)")  # fmt: skip
        for copies in scales:
            jobs_one_against_two(segments, folder, copies, rounds)


def jobs_one_against_two(segments: list[str], folder: Path, scale: int, rounds: int) -> None:
    """``--jobs 1`` against ``--jobs 2`` on the corpus repeated ``scale`` times, ``rounds`` times in turn."""
    row = "{:<44} {:>6.2f} {:>8.2f} {:>6.2f} {:>7.2f} {:>9.2f} {:>14}"
    mb = len("\n".join(segments).encode("utf-8")) / 1e6
    feed = folder / f"corpus{scale}.jsonl"
    write_jsonl(feed, segments, scale)
    speedups, ceilings, cpu_ratios = [], [], []
    for n in range(rounds):
        ceiling = parallel_ceiling()
        runs = {jobs: measured(mtqa_check(feed, jobs)) for jobs in (1, 2)}
        for jobs, r in runs.items():
            peak = f"{r['max_process_mb']:.0f} ({r['tree_mb']:.0f})"
            print(row.format(f"round {n + 1}: mtqa check --jobs {jobs} (JSONL), {scale}x", mb * scale,
                             r["seconds"], mb * scale / r["seconds"], r["cpu"], mb * scale / r["cpu"],
                             peak))  # fmt: skip
        speedups.append(runs[1]["seconds"] / runs[2]["seconds"])
        cpu_ratios.append(runs[2]["cpu"] / runs[1]["cpu"])
        ceilings.append(ceiling)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"speed-up with two jobs on {mb * scale:.1f} MB, median of {rounds} rounds: "
          f"{statistics.median(speedups):.2f}x ({', '.join(f'{s:.2f}' for s in speedups)}; target: 1.7x); "
          f"CPU seconds spent: {statistics.median(cpu_ratios):.2f}x; {os.cpu_count()} cores, load average "
          f"{load:.1f} at the end")  # fmt: skip
    print(f"two processes of a pure-Python loop, measured before each round: {statistics.median(ceilings):.2f}x "
          f"({', '.join(f'{c:.2f}' for c in ceilings)}): the most two jobs can gain on this machine now; "
          "below 2.0 when other programs share the cores\n")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="1,4,20", help="copies of the corpus for pofilter against mtqa")
    parser.add_argument(
        "--scale", default="20,60", help="copies of the corpus for --jobs 1 against --jobs 2 (comma-separated)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds of --jobs 1 against --jobs 2 (median)")
    parser.add_argument("--no-pofilter", action="store_true")
    parser.add_argument("--no-rules", action="store_true", help="skip the per-rule timings")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"shared data not found at {SHARED}")
    _memory_benchmark().ensure_bytecode()  # as installed: no module compiled from source in each run
    segments = load_segments()
    docs = documents(segments)
    text = "\n".join(segments)
    mb = len(text.encode("utf-8")) / 1e6
    stable = [r for r in all_rules() if r.stability is Stability.STABLE]
    engine = Engine(RunOptions(selection=Selection(tuple(r.code for r in stable))))
    run_engine(engine, docs)  # warm caches (wordfreq, lexicon) as a long run would
    total = best_of(args.repeat, lambda: run_engine(engine, docs))
    tracemalloc.start()
    run_engine(engine, docs)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    print(f"corpus: {len(segments)} segments, {len(docs)} documents, {mb:.2f} MB")
    print(f"{'run (in this process, warm)':<44} {'seconds':>8} {'MB/s':>8}")
    print(f"{'mtqa, stable rules (' + str(len(stable)) + '), one core':<44} {total:>8.3f} {mb / total:>8.2f}")
    patterns = best_of(args.repeat, lambda: run_patterns(text))
    print(f"{'ten precompiled regexes (baseline)':<44} {patterns:>8.3f} {mb / patterns:>8.2f}")
    print(f"peak traced memory of one mtqa pass: {peak:.1f} MB")
    sizes = [int(c) for c in args.sizes.split(",")]
    scales = [int(c) for c in args.scale.split(",")]
    side_by_side(segments, sizes, scales, args.rounds, not args.no_pofilter and has_pofilter())
    if args.no_rules:
        return
    print(f"\n{'rule':<34} {'seconds':>8} {'share':>7}")
    timings = []
    for rule in stable:
        single = Engine(RunOptions(selection=Selection((rule.code,))))
        run_engine(single, docs)
        timings.append((rule, best_of(args.repeat, lambda e=single: run_engine(e, docs))))
    whole = sum(t for _, t in timings)
    for rule, t in sorted(timings, key=lambda rt: -rt[1]):
        print(f"{rule.code + ' ' + rule.name:<34} {t:>8.3f} {t / whole:>7.1%}")


if __name__ == "__main__":
    main()
