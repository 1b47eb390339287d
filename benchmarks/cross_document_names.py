"""Recall of N102 (a name spelled differently across the documents of a run) on clean news.

``mtqa eval synth`` corrupts one text at a time, so it cannot measure a corpus rule. This
script builds runs instead: each clean-news file is cut into three documents of consecutive
lines, and the run is all of them (42 documents). For every name that ``mtqa.synth`` would
respell (a capitalised word of five letters or more that is not a common word or a title)
and that appears in all three parts of its file, one part, drawn with a seeded generator,
gets every mention respelled with one vowel changed (``mtqa.synth``'s swaps: Beijing ->
Beejing). N102 must flag each respelled mention and nothing else. The unmodified run is
checked too: every flag there is false.

Run: ``python benchmarks/cross_document_names.py [--seed 0] [--details]``.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import regex

from mtqa import synth
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection

CLEAN = Path(__file__).resolve().parents[2] / "shared" / "data" / "clean-news"
PARTS = 3


def split(text: str) -> list[str]:
    lines = text.splitlines()
    k = len(lines) // PARTS
    return ["\n".join(lines[i * k : (i + 1) * k if i < PARTS - 1 else len(lines)]) for i in range(PARTS)]


def documents(parts: dict[str, list[str]]) -> list[Document]:
    return [Document.from_text(t, id=f"{name}#{i}") for name, ps in parts.items() for i, t in enumerate(ps)]


def names(text: str) -> list[str]:
    skip = synth._common_words() | synth._titles()
    return sorted({m.group() for m in synth._NAME.finditer(text) if m.group().lower() not in skip})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    if not CLEAN.is_dir():
        sys.exit(f"shared data not found at {CLEAN}")
    parts = {p.name: split(p.read_text(encoding="utf-8")) for p in sorted(CLEAN.glob("*.txt"))}
    engine = Engine(RunOptions(selection=Selection(("N102",))))
    false_flags = engine.check_documents(documents(parts)).issues
    rng = random.Random(args.seed)
    runs = mentions = found = other = 0
    for name, ps in parts.items():
        for word in names("\n".join(ps)):
            pattern = regex.compile(rf"(?<!\p{{L}}){word}(?!\p{{L}})")
            vowels = [j for j, ch in enumerate(word) if j > 0 and ch in synth._VOWEL_SWAPS]
            if not vowels or not all(pattern.search(p) for p in ps):
                continue
            i, j = rng.randrange(PARTS), rng.choice(vowels)
            variant = word[:j] + synth._VOWEL_SWAPS[word[j]] + word[j + 1 :]
            changed = {**parts, name: [pattern.sub(variant, p) if n == i else p for n, p in enumerate(ps)]}
            issues = engine.check_documents(documents(changed)).issues
            hits = [x for x in issues if x.document == f"{name}#{i}" and x.text == variant]
            want = len(pattern.findall(ps[i]))
            runs, mentions, found, other = runs + 1, mentions + want, found + len(hits), other + len(issues) - len(hits)
            if args.details:
                print(f"{name[:32]:32} {word:>12} -> {variant:<12} part {i}: {len(hits)}/{want}")
    words = sum(len(p.split()) for ps in parts.values() for p in ps)
    print(f"unmodified run: {len(parts) * PARTS} documents, {words:,} words, {len(false_flags)} flags")
    print(
        f"respelled names: {runs} runs, {found}/{mentions} mentions flagged "
        f"(recall {found / mentions if mentions else 0:.2f}), {other} other flags"
    )


if __name__ == "__main__":
    main()
