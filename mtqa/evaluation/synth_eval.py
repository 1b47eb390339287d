"""Evaluation on synthetic artefacts: recall per rule and fix round-trips, on any clean text.

For each clean file, each trial and each artefact kind, ``mtqa.synth.inject`` corrupts
the text with one artefact at a seeded site. Then:

- found: an issue of the kind's expected rule overlaps the injected span;
- SAFE restored: ``fix_text`` at SAFE gives back the clean original exactly;
- SAFE+UNSAFE restored: the same with UNSAFE fixes applied too (``mtqa fix --unsafe-fixes``);
- SAFE worse: the SAFE fixes moved the text further from the original (Levenshtein
  distance grew). SAFE fixes must never do that.

One more text per file and trial carries every kind at once ("all kinds"), to see the
fixes interact. The clean originals themselves are checked too: a SAFE fix that changes a
clean original is counted ("clean changed"), since the round-trip target is that original.

Each file is injected and checked in its language: the run's (``--language``) or, on auto, the
one ``mtqa.language_id`` finds in the clean original (so that an injected English sentence
cannot change what the text is taken for). German, French and Spanish text get their own
material (``mtqa.synth_material``); a kind that means nothing in a file's language is not
injected there, not counted, and the notes say which and why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from mtqa.document import Document
from mtqa.engine import Engine
from mtqa.evaluation.clean import collect_files
from mtqa.evaluation.common import RuleInfo, rule_infos
from mtqa.evaluation.tables import Table, ratio, table
from mtqa.fixes import FixError, fix_text
from mtqa.issue import Issue
from mtqa.language_id import detect_language, is_auto
from mtqa.languages import base_code
from mtqa.span import Applicability
from mtqa.synth import EXPECTED_RULE, KINDS, SynthResult, canonical_kind, inject
from mtqa.synth_material import material

ALL_KINDS = "all kinds"


@dataclass
class _Tally:
    """Counts for one kind (or variant, or the all-kinds texts) while the evaluation runs."""

    kind: str
    rule: str
    registered: bool
    variant: str = ""
    texts: int = 0
    injected: int = 0
    skipped: int = 0
    found: int = 0
    safe_restored: int = 0
    unsafe_restored: int = 0
    safe_worse: int = 0
    fix_errors: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    unsupported: dict[str, int] = field(default_factory=dict)

    def freeze(self) -> KindResult:
        return KindResult(
            **{**self.__dict__, "misses": tuple(self.misses), "unsupported": tuple(sorted(self.unsupported.items()))}
        )


@dataclass(frozen=True)
class KindResult:
    """Counts for one kind (or one variant of a kind, or the all-kinds texts).

    ``texts``: corrupted texts; ``injected``/``found``: artefacts and those its expected rule
    flagged; ``safe_restored``/``unsafe_restored``: texts that `mtqa fix` (SAFE, or SAFE and
    UNSAFE) turned back into the clean original; ``safe_worse``: texts SAFE fixes moved further
    from the original; ``fix_errors``: texts whose fixes did not settle.
    """

    kind: str
    rule: str
    registered: bool
    variant: str = ""
    texts: int = 0
    injected: int = 0
    skipped: int = 0
    found: int = 0
    safe_restored: int = 0
    unsafe_restored: int = 0
    safe_worse: int = 0
    fix_errors: int = 0
    misses: tuple[dict[str, Any], ...] = ()
    #: (language, texts) where the kind means nothing and was not injected.
    unsupported: tuple[tuple[str, int], ...] = ()

    @property
    def recall(self) -> float | None:
        return self.found / self.injected if self.injected else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "variant": self.variant,
            "rule": self.rule,
            "registered": self.registered,
            "texts": self.texts,
            "injected": self.injected,
            "skipped": self.skipped,
            "found": self.found,
            "recall": self.recall,
            "safe_restored": self.safe_restored,
            "unsafe_restored": self.unsafe_restored,
            "safe_worse": self.safe_worse,
            "fix_errors": self.fix_errors,
            "misses": list(self.misses),
            **({"not_injected": dict(self.unsupported)} if self.unsupported else {}),
        }


@dataclass(frozen=True)
class SynthEvalResult:
    files: int
    trials: int
    seed: int
    rules: tuple[RuleInfo, ...]
    kinds: tuple[KindResult, ...]
    clean_changed: int
    clean_flagged: int
    #: Files per language (the language each was injected and checked in).
    languages: tuple[tuple[str, int], ...] = ()

    def kind(self, name: str) -> KindResult | None:
        return next((k for k in self.kinds if k.kind == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "evaluation": "synth",
            "files": self.files,
            "trials": self.trials,
            "seed": self.seed,
            "kinds": [k.to_dict() for k in self.kinds],
            "clean_changed_by_safe_fixes": self.clean_changed,
            "clean_originals_flagged": self.clean_flagged,
            **({"languages": dict(self.languages)} if self.languages != (("en", self.files),) else {}),
        }

    def tables(self, details: bool = False) -> list[Table]:
        rows = []
        for k in self.kinds:
            rule = k.rule if k.registered else f"{k.rule} (not registered)"
            recall = ratio(k.found, k.injected) if k.registered or k.kind == ALL_KINDS else "-"
            rows.append(
                (
                    f"{k.kind}: {k.variant}" if k.variant else k.kind,
                    rule,
                    k.injected,
                    recall,
                    ratio(k.safe_restored, k.texts),
                    ratio(k.unsafe_restored, k.texts),
                    k.safe_worse,
                )
            )
        notes = [
            f"{self.files} clean file(s) x {self.trials} trial(s), seed {self.seed}; one artefact per text "
            f"('{ALL_KINDS}': every kind in one text). Restored = `mtqa fix` gives back the clean original exactly.",
            f"Clean originals: {self.clean_flagged} flagged by some rule, {self.clean_changed} changed by SAFE fixes.",
        ]
        if any(k.skipped for k in self.kinds if not k.variant):
            notes.append(
                "Kinds without a natural site in a file are skipped there: "
                + ", ".join(f"{k.kind} {k.skipped}" for k in self.kinds if k.skipped and not k.variant)
                + "."
            )
        if self.languages and self.languages != (("en", self.files),):
            notes.append("Languages: " + ", ".join(f"{lang} {n} file(s)" for lang, n in self.languages) + ".")
        reasons = [
            f"{k.kind} in {lang} ({n} text(s): {reason})"
            for k in self.kinds
            if not k.variant
            for lang, n in k.unsupported
            if (reason := material(lang).skip.get(k.kind, ""))
        ]
        if reasons:
            notes.append(
                "Not injected where the kind means nothing in the language (not counted): " + "; ".join(reasons) + "."
            )
        if any(k.fix_errors for k in self.kinds):
            notes.append(
                "Fixes that did not settle: "
                + ", ".join(f"{k.kind} {k.fix_errors}" for k in self.kinds if k.fix_errors)
                + "."
            )
        out = [
            table(
                "Synthetic artefacts: recall and fix round-trip",
                ("kind", "rule", "injected", "recall", "SAFE restored", "SAFE+UNSAFE restored", "SAFE worse"),
                rows,
                notes,
            )
        ]
        if details:
            misses = [
                (k.kind, m["file"], m["trial"], repr(m["text"]), m["context"], " ".join(m["flagged_by"]) or "-")
                for k in self.kinds
                if not k.variant
                for m in k.misses
            ]
            out.append(
                table(
                    "Synthetic artefacts: misses", ("kind", "file", "trial", "text", "context", "other rules"), misses
                )
            )
        return out


class _Checker:
    """The engine as a text -> issues function in one language, with a cache: fixes re-check the
    same texts."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.cache: dict[tuple[str, str], list[Issue]] = {}
        self.language = "auto"

    def __call__(self, text: str) -> list[Issue]:
        found = self.cache.get((text, self.language))
        if found is None:
            doc = Document.from_text(text, id="<synth>", language=self.language)
            found = self.engine.check_document(doc, self.engine.finish_corpus(self.engine.collect_corpus([doc])))
            if len(self.cache) > 4096:
                self.cache.clear()
            self.cache[(text, self.language)] = found
        return found


def _fixed(text: str, check: Callable[[str], list[Issue]], level: Applicability) -> str | None:
    try:
        return fix_text(text, check, level).text
    except FixError:
        return None


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return (text[a:start] + "⟦" + text[start:end] + "⟧" + text[end:b]).replace("\n", " ⏎ ")


def evaluate_synth(
    paths: Sequence[str | Path],
    engine: Engine,
    seed: int = 0,
    trials: int = 3,
    kinds: Sequence[str] = KINDS,
    all_kinds: bool = True,
    by_variant: bool = False,
) -> SynthEvalResult:
    """Inject each kind into each clean file ``trials`` times and measure recall and fix round-trips.

    With ``by_variant`` each kind's row is followed by one row per variant (a merged token at
    a sentence break, at a paragraph break, before a capital...).
    """
    kinds = tuple(dict.fromkeys(canonical_kind(k) for k in kinds))
    files = collect_files(paths)
    texts = [(name, path.read_bytes().decode("utf-8")) for name, path in files]
    infos = rule_infos(engine)
    selected = {i.code for i in infos}
    check = _Checker(engine)
    results = {k: _Tally(k, EXPECTED_RULE[k], EXPECTED_RULE[k] in selected) for k in kinds}
    variants: dict[tuple[str, str], _Tally] = {}
    combined = _Tally(ALL_KINDS, "", True)
    clean_changed = clean_flagged = 0
    languages: Counter[str] = Counter()
    for name, original in texts:
        language = _language_of(original, engine.options.language)
        languages[language] += 1
        check.language = language
        if check(original):
            clean_flagged += 1
        if _fixed(original, check, Applicability.SAFE) != original:
            clean_changed += 1
        for trial in range(trials):
            for kind in kinds:
                synth = inject(original, [kind], seed=f"{seed}:{name}:{trial}:{kind}", language=language)
                if synth.unsupported:
                    unsupported = results[kind].unsupported
                    unsupported[synth.language] = unsupported.get(synth.language, 0) + 1
                    continue
                targets = [results[kind]]
                if by_variant and synth.injections and synth.injections[0].variant:
                    variant = synth.injections[0].variant
                    row = variants.setdefault(
                        (kind, variant), _Tally(kind, results[kind].rule, results[kind].registered, variant)
                    )
                    targets.append(row)
                _score(targets, synth, name, trial, check, selected)
            if all_kinds and len(kinds) > 1:
                synth = inject(original, kinds, seed=f"{seed}:{name}:{trial}:all", language=language)
                _score([combined], synth, name, trial, check, selected)
    ordered = []
    for k in kinds:
        ordered.append(results[k])
        ordered.extend(v for (kind, _), v in sorted(variants.items()) if kind == k)
    if all_kinds and len(kinds) > 1:
        ordered.append(combined)
    return SynthEvalResult(
        len(texts),
        trials,
        seed,
        infos,
        tuple(t.freeze() for t in ordered),
        clean_changed,
        clean_flagged,
        tuple(sorted(languages.items())),
    )


def _language_of(original: str, configured: str) -> str:
    """The language a file is injected and checked in: the run's, else the clean original's."""
    return base_code(detect_language(original) if is_auto(configured) else configured) or "en"


def _score(
    results: Sequence[_Tally],
    synth: SynthResult,
    name: str,
    trial: int,
    check: Callable[[str], list[Issue]],
    selected: set[str],
) -> None:
    for result in results:
        result.skipped += len(synth.skipped)
    if not synth.injections:
        return
    issues = check(synth.corrupted)
    found = 0
    misses = []
    for inj in synth.injections:
        hits = [i for i in issues if i.code == inj.expected_rule and i.span.overlaps(inj.span)]
        if hits:
            found += 1
        elif inj.expected_rule in selected:
            misses.append(
                {
                    "file": name,
                    "trial": trial,
                    "kind": inj.kind,
                    "variant": inj.variant,
                    "text": synth.corrupted[inj.span.start : inj.span.end],
                    "context": _context(synth.corrupted, inj.span.start, inj.span.end),
                    "flagged_by": sorted({i.code for i in issues if i.span.overlaps(inj.span)}),
                }
            )
    safe = _fixed(synth.corrupted, check, Applicability.SAFE)
    unsafe = _fixed(synth.corrupted, check, Applicability.UNSAFE)
    worse = safe is not None and Levenshtein.distance(safe, synth.original) > Levenshtein.distance(
        synth.corrupted, synth.original
    )
    for result in results:
        result.texts += 1
        result.injected += len(synth.injections)
        result.found += found
        result.misses.extend(misses)
        result.fix_errors += safe is None or unsafe is None
        result.safe_restored += safe == synth.original
        result.unsafe_restored += unsafe == synth.original
        result.safe_worse += worse
