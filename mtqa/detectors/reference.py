"""Reference-based rules (family R): a translation compared with a human reference."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from mtqa.detectors.base import Context, Detector, Scope, SettingsError, Stability
from mtqa.document import Segment
from mtqa.issue import Issue, Severity
from mtqa.rules import register


@dataclass(frozen=True)
class LowChrfSettings:
    """``threshold``: flag a segment whose sentence chrF (0-100) is below it."""

    threshold: float = 30.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.threshold <= 100.0:
            raise SettingsError(
                f"R201 low-chrf-vs-reference: threshold must be between 0 and 100, not {self.threshold}"
            )


@register
class LowChrfVsReference(Detector):
    """A segment whose chrF against its reference translation is very low: it may say something else.

    What it flags:
        A segment that carries a reference (bilingual and scored inputs: JSONL/TSV fields,
        XLIFF targets with a reference, ``mtqa check`` with references attached) and whose
        sentence chrF against that reference, as sacrebleu computes it (chrF2: character
        6-grams, beta 2), is below the threshold (30 by default). The whole segment is the
        span; the issue's ``data`` holds ``chrf``, sentence ``bleu`` (effective order, BLEU's
        tokenizer chosen by the document's language), ``threshold`` and the ``reference``,
        so that a notebook can sort the worst segments first.

    Why it matters:
        chrF below 30 against a competent reference usually means a mistranslation, an
        omission, a hallucination or a segment aligned to the wrong reference; it points a
        reviewer at the few segments worth reading first. The run's corpus BLEU, chrF and
        TER are in the report's ``scores`` block.

    Example:
        "The cat sat quietly on the mat." with reference "Stock markets fell sharply on
        Tuesday." -> chrF 15.1, flagged (no automatic fix: a reviewer retranslates).

    Leaves alone:
        Segments without a reference, and segments whose reference is empty or blank (a
        data problem that corpus scoring reports as an error, not a translation issue);
        paraphrases that keep most of the reference's character n-grams ("The minister came
        to Kyiv on Monday." against "The minister arrived in Kyiv on Monday.", chrF 64).

    Fix safety:
        No fix: only a person (or the corrector, guarded) can retranslate a segment.

    Settings:
        ``threshold`` (float, default 30.0, 0-100): flag segments whose chrF is below it.
        ``[tool.mtqa.rules.low-chrf-vs-reference] threshold = 25``.

    Measured precision:
        Not yet measured on the shared data (preview): chrF is a similarity score, not an
        error detector, and a low score can come from a free but correct reference.
    """

    code = "R201"
    name = "low-chrf-vs-reference"
    summary = "Sentence chrF against the reference is below the threshold"
    severity = Severity.INFO
    category = "reference"
    mqm = "Accuracy/Mistranslation"
    scope = Scope.SEGMENT
    languages = ("*",)  # any language: chrF needs no tokenizer
    fixable = False
    stability = Stability.PREVIEW
    Settings = LowChrfSettings

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        reference = unit.reference
        if reference is None or not reference.strip() or not unit.text.strip():
            return
        from mtqa.metrics import CJK_TOKENIZERS, normalise_language, script_language, sentence_scores

        threshold = ctx.settings.threshold
        declared = normalise_language(ctx.document.language)
        language = declared if declared in CJK_TOKENIZERS else script_language([reference], min_letters=4)
        scores = sentence_scores(unit.text, [reference], ("chrf", "bleu"), language=language)
        chrf = scores["chrf"]
        if chrf >= threshold:
            return
        shown = reference if len(reference) <= 80 else reference[:77] + "..."
        yield self.issue(
            ctx,
            unit.span,
            f"chrF {chrf:.1f} against the reference is below {threshold:g}: the translation may not say what "
            f"the reference says ({shown!r})",
            segment=unit,
            data={
                "chrf": chrf,
                "bleu": scores["bleu"],
                "threshold": threshold,
                "reference": reference,
                "id": unit.id,
            },
        )
