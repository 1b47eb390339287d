"""Peak memory of ``mtqa check`` on a generated JSONL feed, at two or more sizes.

The feed: records of 12 to 24 MQM target segments drawn at random (about 2.3 KB each,
like a news article), each with a sentence naming two made-up people whose names never
repeat across the feed (so the vocabulary grows with the feed, as a real one does, and
any unbounded per-word cache would show), and an artefact in about a third of them (two
words glued, a doubled comma, a doubled space). Every record has an id.

Each run is ``python -m mtqa check FEED --format jsonl -o /dev/null --exit-zero --jobs J``
in a subprocess. Peak memory is reported two ways:

- max process: the largest resident set of any one process of the run (the parent, the
  fork server or one worker), exact, from the kernel (``ru_maxrss`` of ``os.wait4``, taken
  by a small wrapper process that reaps every process of the run, so that the benchmark's
  own size does not leak into it); pages a worker shares with the fork server it was forked
  from count in full here;
- tree total: the sum over the parent, the fork server and the workers, sampled every 0.1 s
  with psutil, as proportional set sizes (a page shared by three processes counts a third in
  each), so shared pages count once.

CPU seconds are summed over every process of the run, the same way.

Flat memory means both stay the same when the feed grows. ``--format json`` keeps every
document for the report and grows with the input by design; try it with ``--format json``.

Run: ``python benchmarks/memory.py [--sizes 100,300] [--jobs 2] [--keep DIR] [--mtqa-args '--ignore N102']``;
sizes in MB (1000 for 1 GB; a feed is written once per size and reused from ``--keep``).

Corpus rules (N102) keep their merged data for the whole run: names and counts, which grow
with the number of distinct names in the feed (here every record brings two new ones, the
worst case), not with its size in bytes. ``--mtqa-args '--ignore N102'`` measures the
pipeline without them.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SYLLABLES = (
    "ka", "lo", "ren", "vi", "dra", "mo", "sul", "te", "bra", "nik", "zo", "pel",
    "ar", "gu", "shen", "ta", "ri", "om", "vel", "ko", "mi", "nar", "dus", "ly",
)  # fmt: skip
VERBS = ("said", "told reporters", "wrote", "confirmed", "denied", "announced")


def load_segments() -> list[str]:
    with (SHARED / "mqm" / "mqm_ted_zhen.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return sorted({r["target"].replace("<v>", "").replace("</v>", "").strip() for r in rows if r["target"]})


def made_up_name(n: int) -> str:
    """A different pronounceable name for every n (4 syllables or more)."""
    parts = []
    for _ in range(4):
        n, k = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[k])
    while n:
        n, k = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[k])
    return "".join(parts).capitalize()


def artefact(text: str, rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        i = text.find(". ", len(text) // 3)
        if i != -1 and text[i + 2 : i + 3].isupper():
            return text[:i] + text[i + 2 :]  # "said. The" -> "saidThe"
    if kind == 1:
        i = text.find(", ", len(text) // 2)
        if i != -1:
            return text[:i] + ",," + text[i + 1 :]
    i = text.find(" ", len(text) // 2)
    return text[:i] + "  " + text[i + 1 :] if i != -1 else text


def write_feed(path: Path, size: int, seed: int = 0, segments: list[str] | None = None) -> int:
    """Write about ``size`` bytes of JSONL records to ``path``; returns the number of records."""
    segments = segments or load_segments()
    rng = random.Random(seed)
    written = 0
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        while written < size:
            count = rng.randint(12, 24)
            lines = [segments[rng.randrange(len(segments))] for _ in range(count)]
            a, b = made_up_name(2 * n), made_up_name(2 * n + 1)
            lines.insert(count // 2, f"{a} {rng.choice(VERBS)} that {b} would travel to the capital next week.")
            text = "\n".join(lines)
            if rng.random() < 0.33:
                text = artefact(text, rng)
            line = json.dumps({"id": f"feed-{n:08d}", "lang": "en", "text": text}, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            n += 1
    return n


# The command runs under this small wrapper, which forks, execs it and reports the largest
# ru_maxrss and the summed CPU time of every process of the run. Measured from the benchmark's
# own process instead, ru_maxrss would start from the size of the benchmark (Linux carries the
# resident size of the forking process over the exec). The wrapper makes itself a child
# subreaper, so that processes orphaned by the command's exit (a multiprocessing fork server
# and the workers it forked and reaped) are reaped by it too: each process is then counted
# once, by whoever reaped it, however the pool started its workers.
WRAPPER = """import ctypes, os, sys, time
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
maxrss, cpu, code, wall = 0, 0.0, 0, 0.0
while True:
    try:
        done, status, usage = os.wait4(-1, 0)
    except ChildProcessError:
        break
    maxrss, cpu = max(maxrss, usage.ru_maxrss), cpu + usage.ru_utime + usage.ru_stime
    if done == pid:
        code, wall = os.waitstatus_to_exitcode(status), time.perf_counter() - t0
sys.stderr.write(f"\\nMTQA-BENCH-MAXRSS {maxrss} {cpu} {wall}\\n")
sys.exit(code)
"""


def _proportional(process: psutil.Process) -> int:
    """A process's proportional set size (its private pages plus its share of the pages it
    shares: a sum over processes counts shared pages once), or its RSS where PSS is unknown."""
    try:
        return process.memory_full_info().pss
    except (AttributeError, psutil.AccessDenied):
        return process.memory_info().rss


def measure(args: list[str]) -> dict[str, float]:
    """Run a command: its wall time, CPU time (user + system, its processes together), the largest
    single-process RSS and the sampled tree total (MB)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-S", "-c", WRAPPER, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak_tree = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        try:
            wrapper = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not stop.is_set():
            total = 0
            try:
                for p in wrapper.children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        total += _proportional(p)
            except psutil.Error:
                break
            peak_tree = max(peak_tree, total)
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert proc.stderr is not None
    err = proc.stderr.read().decode(errors="replace")
    proc.wait()
    stop.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err}")
    maxrss, cpu, wall = err.rsplit("MTQA-BENCH-MAXRSS ", 1)[1].split()[:3]
    seconds = float(wall) or time.perf_counter() - t0  # until the command itself exits
    return {"seconds": seconds, "max_process_mb": int(maxrss) / 1024, "tree_mb": peak_tree / 1e6, "cpu": float(cpu)}


def ensure_bytecode() -> None:
    """Compile mtqa's modules to bytecode first, as an installed package has them.

    An editable install compiles them at first import, unless ``PYTHONDONTWRITEBYTECODE`` is
    set (as on the machine these benchmarks were written on): then every process of every
    run compiles all of mtqa from source, about 0.15 s of CPU each, which a user who
    installed mtqa never pays. The files go to ``mtqa/__pycache__`` (ignored by git).
    """
    import compileall

    import mtqa

    compileall.compile_dir(Path(mtqa.__file__).parent, quiet=1)


def mtqa_command(feed: Path, jobs: int, fmt: str = "jsonl", extra: tuple[str, ...] = ()) -> list[str]:
    return [sys.executable, "-m", "mtqa", "check", str(feed), "--format", fmt, "-o", os.devnull,
            "--exit-zero", "--jobs", str(jobs), *extra]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300", help="feed sizes in MB, comma-separated")
    parser.add_argument("--jobs", default="2", help="values of --jobs, comma-separated")
    parser.add_argument("--format", default="jsonl", help="report format (jsonl streams)")
    parser.add_argument("--keep", type=Path, default=None, help="directory to keep (and reuse) the feeds in")
    parser.add_argument("--mtqa-args", default="", help="more arguments for mtqa check, e.g. '--ignore N102'")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"shared data not found at {SHARED}")
    ensure_bytecode()
    sizes = [int(float(s) * 1e6) for s in args.sizes.split(",")]
    jobs = [int(j) for j in args.jobs.split(",")]
    segments = load_segments()
    print(f"mtqa check FEED --format {args.format} --jobs J {args.mtqa_args}".rstrip())
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'feed MB':>8} {'records':>9} {'jobs':>5} {'seconds':>8} {'MB/s':>6} {'CPU s':>7} "
              f"{'max process MB':>15} {'tree total MB':>14}")  # fmt: skip
        for size in sizes:
            feed = folder / f"feed-{size // 1_000_000}MB.jsonl"
            if not feed.exists() or abs(feed.stat().st_size - size) > 100_000:
                write_feed(feed, size, segments=segments)
            with feed.open("rb") as handle:
                records = sum(1 for _ in handle)
            mb = feed.stat().st_size / 1e6
            for j in jobs:
                r = measure(mtqa_command(feed, j, args.format, tuple(args.mtqa_args.split())))
                print(f"{mb:>8.0f} {records:>9} {j:>5} {r['seconds']:>8.1f} {mb / r['seconds']:>6.2f} {r['cpu']:>7.0f} "
                      f"{r['max_process_mb']:>15.0f} {r['tree_mb']:>14.0f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
