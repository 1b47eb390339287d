"""Quality of the source-target rules (S family) on the shared parallel data.

1. False flags on clean pairs: NTREX-128 en->de, en->fr, en->es (line i of
   ``ntrex/en/<doc>.en.txt`` is the source of line i of ``ntrex/<lang>/<doc>.<lang>.txt``;
   professional translations, so every flag is almost surely false): flags per 1,000 target
   words, per rule and language.
2. Flags on real MT: WMT MQM TED en-de (``mqm/mqm_ted_ende.tsv``), and zh-en: every distinct
   (source, target) pair checked once; a flag counts as right when some rater marked an error
   of a category the rule reaches (``EXPECTED``) in that segment; each flag is listed with
   the raters' categories, for eyeballing.
3. Recall on injected errors, in the same NTREX pairs: a changed number (S101), an address
   put into both sides then dropped or changed in the target (S102), a placeholder put into
   both sides then dropped from the target (S103), the source copied as the target (S104), the
   target cut to its first 30% of words, or said three times over (S105).

``--calibrate`` prints the length-ratio calibration (``mtqa/resources/length-ratios.toml``)
from the NTREX pairs instead.

Run: ``python benchmarks/source_pairs.py [--markdown] [--flags] [--calibrate]``.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mtqa.detectors.source_tokens import numbers
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.evaluation.common import words
from mtqa.evaluation.mqm import in_category, read_mqm, strip_markers
from mtqa.evaluation.tables import Table, render_all, table
from mtqa.issue import Issue
from mtqa.readers.common import Part, build_document
from mtqa.rules import Selection

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
NTREX = SHARED / "ntrex"
MQM = SHARED / "mqm" / "mqm_ted_ende.tsv"
MQM_ZHEN = SHARED / "mqm" / "mqm_ted_zhen.tsv"
LANGUAGES = ("de", "fr", "es")
CODES = ("S101", "S102", "S103", "S104", "S105")
#: The MQM categories whose presence makes a rule's flag right.
EXPECTED: dict[str, tuple[str, ...]] = {
    "S101": ("Accuracy",),
    "S102": ("Accuracy",),
    "S103": ("Accuracy", "Fluency"),
    "S104": ("Accuracy/Untranslated text", "Non-translation"),
    "S105": ("Accuracy/Omission", "Accuracy/Addition", "Non-translation", "Fluency"),
}
# Length calibration (``--calibrate``): smoothing, shortest source, fence width in IQRs.
SMOOTHING = 10
MIN_SOURCE = 40
FENCE = 3.0
TRUNCATE_TO = 0.3


def ntrex_pairs(language: str) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """(document id, its (source, target) lines) for every NTREX document of ``language``."""
    for path in sorted((NTREX / "en").glob("*.en.txt")):
        doc = path.name.removesuffix(".en.txt")
        sources = path.read_text(encoding="utf-8").split("\n")
        targets = (NTREX / language / f"{doc}.{language}.txt").read_text(encoding="utf-8").split("\n")
        pairs = [(s.strip(), t.strip()) for s, t in zip(sources, targets, strict=False) if s.strip() and t.strip()]
        yield doc, pairs


def pair_document(doc_id: str, pairs: list[tuple[str, str]], language: str, source_language: str = "en") -> Document:
    parts = [Part(target, source) for source, target in pairs]
    return build_document(doc_id, parts, language=language, source_language=source_language)


def engine(codes: tuple[str, ...] = CODES) -> Engine:
    return Engine(RunOptions(selection=Selection(codes, preview=True)))


# --------------------------------------------------------------------------------------------
# 1. clean pairs
# --------------------------------------------------------------------------------------------


@dataclass
class CleanRun:
    words: dict[str, int]
    flags: dict[tuple[str, str], int]
    issues: list[tuple[str, Issue, str]]


def clean_pairs() -> CleanRun:
    run = CleanRun({}, Counter(), [])
    checker = engine()
    for language in LANGUAGES:
        run.words[language] = 0
        for doc_id, pairs in ntrex_pairs(language):
            doc = pair_document(doc_id, pairs, language)
            run.words[language] += sum(words(t) for _, t in pairs)
            for issue in checker.check_document(doc):
                run.flags[(issue.code, language)] += 1
                source = doc.segments[issue.segment].source if issue.segment is not None else ""
                run.issues.append((language, issue, source or ""))
    return run


def clean_table(run: CleanRun) -> Table:
    rows = []
    for code in CODES:
        row: list[object] = [code]
        for language in LANGUAGES:
            n = run.flags.get((code, language), 0)
            row += [n, f"{1000 * n / run.words[language]:.2f}"]
        rows.append(row)
    columns = ["rule"] + [c for lang in LANGUAGES for c in (f"en-{lang} flags", f"en-{lang} /1k words")]
    notes = [f"en-{lang}: {run.words[lang]:,} target words" for lang in LANGUAGES]
    return table("False flags on clean NTREX pairs", columns, rows, notes)


# --------------------------------------------------------------------------------------------
# 2. MQM en-de
# --------------------------------------------------------------------------------------------


def mqm_flags(
    path: Path = MQM, pair: tuple[str, str] = ("en", "de")
) -> tuple[Table, list[tuple[str, str, str, str, list[str]]]]:
    data = read_mqm(path)
    seen: dict[tuple[str, str], list[str]] = {}
    for seg in data.segments:
        source = strip_markers(seg.source)[0]  # raters mark omissions in the source with <v>...</v> too
        cats = seen.setdefault((source, seg.target), [])
        cats.extend(e.category for e in seg.errors)
    checker = engine()
    counts: Counter[tuple[str, bool]] = Counter()
    listed = []
    for n, ((source, target), categories) in enumerate(seen.items()):
        doc = pair_document(f"mqm{n}", [(source, target)], pair[1], source_language=pair[0])
        for issue in checker.check_document(doc):
            right = any(in_category(c, want) for c in categories for want in EXPECTED[issue.code])
            counts[(issue.code, right)] += 1
            listed.append((issue.code, "right" if right else "wrong", issue.message, target, sorted(set(categories))))
    rows = []
    for code in CODES:
        good, bad = counts[(code, True)], counts[(code, False)]
        rows.append([code, good + bad, good, f"{good / (good + bad):.2f}" if good + bad else "-"])
    notes = [f"{len(seen):,} distinct (source, target) pairs of {path.name}; right = a rater marked {EXPECTED}"]
    title = f"Flags on MQM TED {pair[0]}-{pair[1]} (real MT)"
    return table(title, ["rule", "flags", "right", "precision"], rows, notes), listed


# --------------------------------------------------------------------------------------------
# 3. injected errors
# --------------------------------------------------------------------------------------------

URL = "https://www.example.org/news/2018/report.html"
PLACEHOLDERS = ("%s", "{name}", "{{count}}", "%1$d", "<b>", "${user}")


def _change_number(source: str, target: str, rng: random.Random) -> str | None:
    found = numbers(target)
    if not found or not numbers(source):
        return None
    n = rng.choice(found)
    digits = n.text
    last = digits[-1]
    changed = digits[:-1] + str((int(last) + rng.randint(1, 8)) % 10)
    return target[: n.span.start] + changed + target[n.span.end :]


def injections(rng: random.Random) -> dict[str, Callable[[str, str], tuple[str, str] | None]]:
    def number(s: str, t: str) -> tuple[str, str] | None:
        changed = _change_number(s, t, rng)
        return (s, changed) if changed else None

    def url_dropped(s: str, t: str) -> tuple[str, str]:
        return f"{s} See {URL}.", t

    def url_changed(s: str, t: str) -> tuple[str, str]:
        return f"{s} See {URL}.", f"{t} {URL.replace('report', 'bericht')}."

    def placeholder(s: str, t: str) -> tuple[str, str]:
        p = rng.choice(PLACEHOLDERS)
        words_ = s.split(" ")
        at = rng.randint(1, len(words_))
        return " ".join([*words_[:at], p, *words_[at:]]), t

    def copied(s: str, t: str) -> tuple[str, str] | None:
        return (s, s) if len(s.split()) >= 3 else None

    def truncated(s: str, t: str) -> tuple[str, str] | None:
        if len(s) < MIN_SOURCE:
            return None
        kept = t.split(" ")
        return s, " ".join(kept[: max(1, int(len(kept) * TRUNCATE_TO))])

    def run_on(s: str, t: str) -> tuple[str, str] | None:
        return (s, " ".join([t] * 3)) if len(s) >= MIN_SOURCE else None

    return {
        "S101 changed number": number,
        "S102 URL dropped": url_dropped,
        "S102 URL changed": url_changed,
        "S103 placeholder dropped": placeholder,
        "S104 copied source": copied,
        "S105 truncated target": truncated,
        "S105 run-on target (said 3 times)": run_on,
    }


def recall_table(seed: int = 0) -> Table:
    checker = engine()
    rng = random.Random(seed)
    rows = []
    for name, inject in injections(rng).items():
        code = name.split()[0]
        row: list[object] = [name]
        for language in LANGUAGES:
            hit = total = 0
            for doc_id, pairs in ntrex_pairs(language):
                clean = pair_document(doc_id, pairs, language)
                already = {i.segment for i in checker.check_document(clean) if i.code == code}
                for k, (s, t) in enumerate(pairs):
                    if k in already:
                        continue  # flagged before the injection: it would prove nothing
                    injected = inject(s, t)
                    if injected is None:
                        continue
                    doc = pair_document(f"{doc_id}:{k}", [injected], language)
                    total += 1
                    hit += any(i.code == code for i in checker.check_document(doc))
            row += [total, f"{hit / total:.2f}" if total else "-"]
        rows.append(row)
    columns = ["injection"] + [c for lang in LANGUAGES for c in (f"en-{lang} n", f"en-{lang} recall")]
    return table("Recall on errors injected into NTREX pairs", columns, rows, [f"seed {seed}"])


# --------------------------------------------------------------------------------------------
# calibration
# --------------------------------------------------------------------------------------------


def calibrate() -> str:
    """The length-ratio TOML: Tukey's far-out fences of log((t + k) / (s + k)) per pair."""
    from mtqa.detectors.source import length_ratio

    logs: dict[str, list[float]] = {}
    for language in LANGUAGES:
        for _, pairs in ntrex_pairs(language):
            for s, t in pairs:
                if len(s) >= MIN_SOURCE:
                    logs.setdefault(f"en-{language}", []).append(math.log(length_ratio(s, t, SMOOTHING)))
                if len(t) >= MIN_SOURCE:
                    logs.setdefault(f"{language}-en", []).append(math.log(length_ratio(t, s, SMOOTHING)))
    logs["*"] = [v for values in logs.values() for v in values]
    lines = [
        "# Expected target/source character-length ratios per language pair (S105 length-ratio).",
        "#",
        "# Derived by `python benchmarks/source_pairs.py --calibrate` from NTREX-128 (professional",
        "# news translations; line i of ntrex/en/<doc>.en.txt against line i of ntrex/<lang>/...),",
        f"# sources of at least {MIN_SOURCE} characters (the reverse pairs from the same lines). The ratio is",
        f"# (target chars + {SMOOTHING}) / (source chars + {SMOOTHING}) (smoothing damps short lines); a pair's",
        f"# band is Tukey's far-out fences of its log-ratio: quartiles -/+ {FENCE:g} interquartile ranges.",
        '# "*" pools every pair and both directions: the band for pairs not listed.',
        "",
        f"smoothing = {SMOOTHING}",
        f"min_source_chars = {MIN_SOURCE}",
        "",
    ]
    for pair in sorted(logs):
        values = sorted(logs[pair])
        n = len(values)

        def q(p: float, values: list[float] = values, n: int = n) -> float:
            return values[int(p * (n - 1))]

        iqr = q(0.75) - q(0.25)
        key = '"*"' if pair == "*" else f'"{pair}"'
        lines += [
            f"[pairs.{key}]",
            f"# {n} lines; quartiles {math.exp(q(0.25)):.3f} / {math.exp(q(0.75)):.3f}",
            f"median = {math.exp(q(0.5)):.3f}",
            f"low = {math.exp(q(0.25) - FENCE * iqr):.3f}",
            f"high = {math.exp(q(0.75) + FENCE * iqr):.3f}",
            "",
        ]
    return "\n".join(lines)


def flag_list(run: CleanRun, listed: list[tuple[str, str, str, str, list[str]]]) -> str:
    out = ["## Flags on clean NTREX pairs"]
    for language, issue, source in run.issues:
        out.append(
            f"- en-{language} {issue.code}: {issue.message}\n    src: {source[:160]}\n    tgt: {issue.text[:160]}"
        )
    out.append("\n## Flags on MQM (en-de, then zh-en)")
    for code, verdict, message, target, categories in listed:
        out.append(f"- {code} [{verdict}] {message}\n    tgt: {target[:160]}\n    MQM: {categories}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--flags", action="store_true", help="also list every flag")
    parser.add_argument("--calibrate", action="store_true", help="print the length-ratio calibration TOML")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.calibrate:
        print(calibrate())
        return 0
    run = clean_pairs()
    mqm, listed = mqm_flags()
    zhen, listed_zh = mqm_flags(MQM_ZHEN, ("zh", "en"))
    tables = [clean_table(run), mqm, zhen, recall_table(args.seed)]
    print(render_all(tables, "markdown" if args.markdown else "text"))
    if args.flags:
        print(flag_list(run, listed + listed_zh))
    return 0


if __name__ == "__main__":
    sys.exit(main())
