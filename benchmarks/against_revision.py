"""Throughput of this working tree against an earlier revision, side by side in one run.

Why: "no slower per MB than before" can only be judged on the same machine at the same
moment, with the same measuring code. This script checks out the baseline revision into a
temporary git worktree, then times the default rule set of each tree in turn (``--rounds``
rounds, alternating, in fresh subprocesses so that neither tree's imports leak into the
other), on two corpora: every distinct MQM target segment of ../shared/data/mqm in
documents of 100 lines (as benchmarks/throughput.py), and the project's real MT pages
(``tests/data/real-pages/mt``, each page one document). It prints MB/s per tree (the median
of the rounds; each round is the best of ``--repeat`` passes) and the ratio.

Run: ``python benchmarks/against_revision.py REV [--rounds 5] [--repeat 3]``
(for example the commit before a change: ``python benchmarks/against_revision.py HEAD~3``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

#: The timing code, run by each tree's interpreter: the same text for both trees.
CHILD = r"""
import csv, json, sys, time
from pathlib import Path
from mtqa.document import Document
from mtqa.engine import Engine

mqm, pages, repeat = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
with mqm.open(encoding="utf-8", newline="") as handle:
    rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
    segments = sorted({r["target"].replace("<v>", "").replace("</v>", "").strip() for r in rows if r["target"]})
corpora = {
    "mqm segments": ["\n".join(segments[i : i + 100]) for i in range(0, len(segments), 100)],
    "real MT pages": [p.read_text(encoding="utf-8") for p in sorted(pages.glob("*.txt"))],
}
engine = Engine()
out = {}
for name, texts in corpora.items():
    docs = [Document.from_text(t, id=str(n)) for n, t in enumerate(texts)]
    size = sum(len(t.encode("utf-8")) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        corpus = engine.finish_corpus(engine.collect_corpus(docs))
        for doc in docs:
            engine.check_document(doc, corpus)
        best = min(best, time.perf_counter() - t0)
    out[name] = {"mb": size / 1e6, "seconds": best}
print(json.dumps(out))
"""


def measure(tree: Path, pages: Path, repeat: int) -> dict[str, dict[str, float]]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    mqm = SHARED / "mqm" / "mqm_ted_zhen.tsv"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(mqm), str(pages), str(repeat)],
        env=env,
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="the baseline revision (a commit, tag or HEAD~N)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (median reported; default 5)")
    parser.add_argument("--repeat", type=int, default=3, help="passes per round, best kept (default 3)")
    args = parser.parse_args(argv)
    if not (SHARED / "mqm" / "mqm_ted_zhen.tsv").is_file():
        print(f"shared data not found under {SHARED}", file=sys.stderr)
        return 2
    pages = ROOT / "tests" / "data" / "real-pages" / "mt"  # the same pages for both trees
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        git = ["git", "-C", str(ROOT), "worktree"]
        subprocess.run([*git, "add", "--detach", "-q", str(base), args.revision], check=True)
        try:
            runs: dict[str, list[dict[str, dict[str, float]]]] = {"baseline": [], "this tree": []}
            for _ in range(args.rounds):
                runs["baseline"].append(measure(base, pages, args.repeat))
                runs["this tree"].append(measure(ROOT, pages, args.repeat))
        finally:
            subprocess.run([*git, "remove", "--force", str(base)], check=False)
    print(f"baseline {args.revision} against this tree: median of {args.rounds} rounds, best of {args.repeat} passes")
    print(f"{'corpus':<16} {'MB':>6} {'baseline MB/s':>14} {'this tree MB/s':>15} {'ratio':>7}")
    for corpus in runs["baseline"][0]:
        mb = runs["baseline"][0][corpus]["mb"]
        rate = {k: statistics.median(r[corpus]["mb"] / r[corpus]["seconds"] for r in v) for k, v in runs.items()}
        ratio = rate["this tree"] / rate["baseline"]
        print(f"{corpus:<16} {mb:>6.2f} {rate['baseline']:>14.3f} {rate['this tree']:>15.3f} {ratio:>7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
