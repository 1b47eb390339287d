"""`mtqa score` against `sacrebleu` itself: same files, same metrics, same run.

Corpus: real English MT output and two human references from ../shared/data/mqm (the
WMT 2021 TED zh→en MQM set: system "Facebook-AI" against "ref" and "refB", aligned by
document and segment), repeated to ``--lines`` lines (20,000 by default). Without the
shared data a seeded synthetic corpus of the same size is used instead.

Both tools run as fresh processes (``python -m sacrebleu`` / ``python -m mtqa score``),
alternating, ``--repeat`` times each; the table shows the best CPU time (user + system
of the child process: steady on a shared, busy machine) and the best wall time of each,
and mtqa's overhead in per cent of sacrebleu's. A warm-up run of each comes first. The
children write compiled bytecode to a temporary folder (PYTHONPYCACHEPREFIX) even where
PYTHONDONTWRITEBYTECODE is set, as an installed package has it; otherwise every mtqa run
would pay for compiling its sources while sacrebleu's installed bytecode is ready
(``--no-bytecode`` shows that case). Below the table: mtqa's own steps timed in one
process, and the start-up of each command alone. mtqa's extra work (reading, line-count and empty-reference
checks, the language check, the click CLI) is all inside that overhead. The text outputs
are compared too: "same" means mtqa printed exactly sacrebleu's lines.

Run: ``python benchmarks/score_overhead.py [--lines 20000] [--repeat 3] [--quick]``.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "mqm" / "mqm_ted_zhen.tsv"
SYSTEM = "Facebook-AI"


def mqm_triples() -> list[tuple[str, str, str]]:
    """(hypothesis, reference, second reference) for every segment that has all three."""
    csv.field_size_limit(1 << 30)
    by_segment: dict[tuple[str, str], dict[str, str]] = {}
    with SHARED.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            text = row["target"].replace("<v>", "").replace("</v>", "").strip()
            by_segment.setdefault((row["doc"], row["seg_id"]), {})[row["system"]] = text
    keys = sorted(k for k, v in by_segment.items() if {SYSTEM, "ref", "refB"} <= set(v))
    return [(by_segment[k][SYSTEM], by_segment[k]["ref"], by_segment[k]["refB"]) for k in keys]


def synthetic_triples(n: int = 600) -> list[tuple[str, str, str]]:
    rng = random.Random(2021)
    text = (
        "the minister said that talks on grain exports would resume in Geneva on Monday after "
        "officials from both sides agreed a new timetable for the negotiations while prices rose"
    )
    words = text.split(" ")
    triples = []
    for _ in range(n):
        ref = " ".join(rng.choice(words) for _ in range(rng.randint(8, 30)))
        ref = ref[:1].upper() + ref[1:] + "."
        hyp = " ".join(w for w in ref.split() if rng.random() > 0.15)
        ref2 = " ".join(w if rng.random() > 0.1 else rng.choice(words) for w in ref.split())
        triples.append((hyp, ref, ref2))
    return triples


def write_corpus(folder: Path, lines: int) -> str:
    triples = mqm_triples() if SHARED.exists() else synthetic_triples()
    source = f"MQM TED zh-en, {SYSTEM} vs ref/refB" if SHARED.exists() else "synthetic"
    rows = [triples[i % len(triples)] for i in range(lines)]
    for k, name in enumerate(("hyp.en", "ref.en", "ref2.en")):
        (folder / name).write_text("".join(r[k] + "\n" for r in rows), encoding="utf-8")
    return f"{source}, {len(triples)} distinct segments repeated to {lines} lines"


#: Set by main(): compiled bytecode goes to a temporary folder, for both tools alike.
PYCACHE: dict[str, str] = {}


def run(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + system of the child) and stdout of one command."""
    env = {**os.environ, "NO_COLOR": "1", **PYCACHE}
    env.pop("SACREBLEU_FORMAT", None)
    if PYCACHE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr}")
    return wall, cpu, done.stdout


def compare(folder: Path, metrics: list[str], refs: list[str], repeat: int, extra: list[str]) -> dict:
    hyp = str(folder / "hyp.en")
    ref_paths = [str(folder / r) for r in refs]
    sacre = [sys.executable, "-m", "sacrebleu", *ref_paths, "-i", hyp, "-m", *metrics, "-f", "text"]
    ours = [sys.executable, "-m", "mtqa", "score", hyp, *(a for r in ref_paths for a in ("--ref", r))]
    ours += ["--metrics", ",".join(metrics), *extra]
    best: dict[str, list[float]] = {"s": [float("inf")] * 2, "m": [float("inf")] * 2}
    outputs = {"s": "", "m": ""}
    run(sacre)  # warm-up: file cache and compiled bytecode
    run(ours)
    for i in range(repeat):
        order = [("s", sacre), ("m", ours)] if i % 2 == 0 else [("m", ours), ("s", sacre)]
        for who, cmd in order:
            wall, cpu, out = run(cmd)
            best[who] = [min(best[who][0], wall), min(best[who][1], cpu)]
            outputs[who] = out
    same = outputs["s"] == outputs["m"]
    return {
        "sacrebleu": best["s"],
        "mtqa": best["m"],
        "overhead_cpu": 100.0 * (best["m"][1] - best["s"][1]) / best["s"][1],
        "overhead_wall": 100.0 * (best["m"][0] - best["s"][0]) / best["s"][0],
        "same": "same" if same else ("n/a (json)" if "--format" in extra else "DIFFERENT"),
    }


def wrapper_steps(folder: Path, repeat: int) -> tuple[float, float]:
    """In one process: seconds of mtqa's own steps (read, checks, languages) and of sacrebleu's BLEU."""
    from mtqa.metrics import check_languages, score_corpus, validate
    from mtqa.readers.parallel import load_parallel

    own = scoring = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        (item,) = load_parallel([str(folder / "hyp.en")], [str(folder / "ref.en")])
        validate(item.hypotheses, item.references)
        check_languages(item.hypotheses, item.references)
        t1 = time.perf_counter()
        score_corpus(list(item.hypotheses.texts), [list(item.references[0].texts)], metrics=("bleu",))
        t2 = time.perf_counter()
        own, scoring = min(own, t1 - t0), min(scoring, t2 - t1)
    return own, scoring


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="skip the TER rows (TER dominates the run time)")
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE as set: every run then compiles mtqa's sources (sacrebleu's are installed)",
    )
    args = parser.parse_args()
    configs = [
        ("bleu", ["bleu"], ["ref.en"], []),
        ("chrf", ["chrf"], ["ref.en"], []),
        ("bleu,chrf  2 refs", ["bleu", "chrf"], ["ref.en", "ref2.en"], []),
    ]
    if not args.quick:
        configs.append(("bleu,chrf,ter  (mtqa default)", ["bleu", "chrf", "ter"], ["ref.en"], []))
    configs.append(("bleu  --no-language-check", ["bleu"], ["ref.en"], ["--no-language-check"]))
    configs.append(("bleu,chrf  json + per-segment", ["bleu", "chrf"], ["ref.en"], ["--format", "json"]))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not args.no_bytecode:
            PYCACHE["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        described = write_corpus(folder, args.lines)
        print(f"corpus: {described}; best of {args.repeat} runs each, wall seconds, same machine, same run\n")
        header = (
            f"{'metrics':<32} {'sacrebleu cpu':>13} {'mtqa cpu':>9} {'overhead':>9}   "
            f"{'sacrebleu wall':>14} {'mtqa wall':>9} {'overhead':>9}  output"
        )
        print(header)
        print("-" * len(header))
        for label, metrics, refs, extra in configs:
            r = compare(folder, metrics, refs, args.repeat, extra)
            (sw, sc), (mw, mc) = r["sacrebleu"], r["mtqa"]
            print(
                f"{label:<32} {sc:>13.2f} {mc:>9.2f} {r['overhead_cpu']:>+8.1f}%   "
                f"{sw:>14.2f} {mw:>9.2f} {r['overhead_wall']:>+8.1f}%  {r['same']}"
            )
        own, scoring = wrapper_steps(folder, args.repeat)
        start_s = min(run([sys.executable, "-m", "sacrebleu", "-V"])[1] for _ in range(args.repeat + 1))
        start_m = min(run([sys.executable, "-m", "mtqa", "score", "--help"])[1] for _ in range(args.repeat + 1))
        print(
            f"\nmtqa's own work, in one process: reading and checks {1000 * own:.0f} ms against sacrebleu's BLEU "
            f"{1000 * scoring:.0f} ms on the same lines ({100 * own / scoring:.1f}%)."
        )
        print(
            f"start-up, CPU: sacrebleu -V {start_s:.2f} s, mtqa score --help {start_m:.2f} s "
            f"(+{start_m - start_s:.2f} s once per run: the mtqa package and its CLI)."
        )
        print(
            "mtqa computes with sacrebleu's own code but caches references first and pauses Python's cyclic garbage "
            "collector while it builds the (acyclic) statistics; that is why it can be faster than sacrebleu."
        )
        print("The json row does more than sacrebleu (per-segment BLEU and chrF with texts); it is shown for scale.")


if __name__ == "__main__":
    main()
