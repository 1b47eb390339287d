"""Throughput of mtqa's rules on a fixed corpus, side by side with baselines in the same run.

Corpus: every distinct MQM target segment of ../shared/data/mqm (about 0.9 MB), one per
line, grouped into documents of 100 lines (an article's size), so that document rules
see realistic input. Prints MB/s of the whole stable rule set on one core, each rule's
share of the time, and two baselines on the same text: ten precompiled regular
expressions (a floor for any pattern checker) and, when translate-toolkit is installed,
its ``pofilter`` on a PO file built from the same segments (a peer QA tool).

Run: ``python benchmarks/throughput.py [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
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
    corpus = engine.collect_corpus(docs)
    for doc in docs:
        engine.check_document(doc, corpus)


def run_patterns(text: str) -> int:
    compiled = [regex.compile(p) for p in TEN_PATTERNS]
    return sum(1 for p in compiled for _ in p.finditer(text))


def run_pofilter(segments: list[str]) -> float | None:
    try:
        import translate  # noqa: F401
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        po = Path(tmp) / "corpus.po"
        entries = ['msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n']
        for n, seg in enumerate(segments):
            quoted = seg.replace("\\", "\\\\").replace('"', '\\"')
            entries.append(f'msgctxt "{n}"\nmsgid "{quoted}"\nmsgstr "{quoted}"\n')
        po.write_text("\n".join(entries), encoding="utf-8")
        out = Path(tmp) / "out.po"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "translate.filters.pofilter", str(po), str(out)], check=True,
                       capture_output=True)
        return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pofilter", action="store_true")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"shared data not found at {SHARED}")
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
    print(f"{'run':<40} {'seconds':>8} {'MB/s':>8}")
    print(f"{'mtqa, stable rules (' + str(len(stable)) + ')':<40} {total:>8.3f} {mb / total:>8.2f}")
    patterns = best_of(args.repeat, lambda: run_patterns(text))
    print(f"{'ten precompiled regexes (baseline)':<40} {patterns:>8.3f} {mb / patterns:>8.2f}")
    if not args.no_pofilter:
        po_time = run_pofilter(segments)
        if po_time is not None:
            print(f"{'translate-toolkit pofilter (peer, incl. start)':<40} {po_time:>8.3f} {mb / po_time:>8.2f}")
    print(f"peak traced memory of one mtqa pass: {peak:.1f} MB")
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
