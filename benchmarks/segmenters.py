"""Compare two maintained sentence segmenters on the seed article and the MQM target segments.

Prints, for BlingFire and pySBD: sentences found, agreement with the other, offsets that
fail to round-trip, and time per segment. The choice it supports is written in
mtqa/segmentation.py. Run: ``python benchmarks/segmenters.py`` (needs ../shared and pysbd).
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

import blingfire
import pysbd

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def blingfire_spans(text: str) -> list[tuple[int, int]]:
    return [(s, e) for s, e in blingfire.text_to_sentences_and_offsets(text)[1]]


def pysbd_spans(segmenter: pysbd.Segmenter, text: str) -> list[tuple[int, int]]:
    spans = []
    for piece in segmenter.segment(text):
        start, end = piece.start, piece.end
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return spans


def corpus() -> dict[str, list[str]]:
    seed = (SHARED / "seed" / "blinken-lavrov.en.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n") if p.strip()]
    with (SHARED / "mqm" / "mqm_ted_zhen.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        targets = sorted({r["target"].replace("<v>", "").replace("</v>", "") for r in rows if r["target"]})
    return {"seed paragraphs": paragraphs, "MQM targets": targets}


def main() -> None:
    if not SHARED.is_dir():
        sys.exit(f"shared data not found at {SHARED}")
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    header = ("corpus", "units", "BF sents", "SBD sents", "agree", "BF ms/unit", "SBD ms/unit")
    print("{:<16} {:>6} {:>9} {:>9} {:>7} {:>11} {:>12}".format(*header))
    for name, units in corpus().items():
        t0 = time.perf_counter()
        bf = [blingfire_spans(u) for u in units]
        t1 = time.perf_counter()
        sb = [pysbd_spans(segmenter, u) for u in units]
        t2 = time.perf_counter()
        agree = sum(a == b for a, b in zip(bf, sb, strict=True)) / len(units)
        print(
            f"{name:<16} {len(units):>6} {sum(map(len, bf)):>9} {sum(map(len, sb)):>9} {agree:>7.1%} "
            f"{(t1 - t0) * 1000 / len(units):>11.3f} {(t2 - t1) * 1000 / len(units):>12.3f}"
        )
        shown = 0
        for unit, a, b in zip(units, bf, sb, strict=True):
            if a != b and shown < 3:
                shown += 1
                print("   differ:", [unit[s:e] for s, e in a], "|", [unit[s:e] for s, e in b])


if __name__ == "__main__":
    main()
