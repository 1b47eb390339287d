"""Model rules (family M): rewrites proposed by an optional model, guarded by the other rules."""

from __future__ import annotations

from collections.abc import Iterator

from mtqa.detectors.base import Context, Detector, Scope, Stability
from mtqa.document import Segment
from mtqa.issue import Issue, Severity
from mtqa.rules import register


@register
class ModelCorrection(Detector):
    """A sentence the configured correction model rewrites, kept only when mtqa's guard agrees.

    What it flags:
        Sentences that other rules flagged (every sentence with ``--all-sentences``),
        for which the model given with ``--model`` proposes a rewrite that the guard
        accepts. The issue spans the words the rewrite changes; its ``data`` names the
        model, its revision (a hash of the safetensors weights), the whole proposal and
        the guard's verdict. Without ``--model`` the rule yields nothing and costs nothing.

    Why it matters:
        Some artefacts only a language model can repair ("The diplomatic path to
        resolving the Russian conflict fades Ukraine."), and editors want a proposed
        sentence, not only a flag. A model that rewrites freely renames people and
        changes numbers, so in mtqa the model proposes and a guard built from mtqa's own
        rules decides (``mtqa.corrector.guard``).

    Example:
        "Talks with BlinkenHe canceled the trip." -> "Talks with Blinken. He canceled the trip."
        (the character tagger ``artefact-repair``; the guard sees that W101 is fixed and
        nothing new is flagged).

    Leaves alone:
        Sentences no rule flagged (unless ``--all-sentences``); proposals that introduce
        an issue, fix none (for the character tagger), drop or change a number, URL or
        name, leave the document's language, or change too much (edit ratio, chrF bounds).
        Rejected proposals are listed with their reasons under ``scores.corrector`` in the
        JSON report and with ``--model-verbose``.

    Fix safety:
        UNSAFE when the rewrite fixes rule issues (``mtqa fix --model PATH --unsafe-fixes``
        applies it); DISPLAY for a fluency rewrite that fixes no rule issue (shown, never
        applied). A model's rewrite is never SAFE.

    Settings:
        None in configuration; the command line chooses the model (``--model``,
        ``--allow-download``, ``--all-sentences``, ``--model-threshold``,
        ``--model-batch-size``, ``--model-context``). The guard's bounds are
        ``mtqa.corrector.GuardSettings`` in the Python API.

    Measured precision:
        Depends on the model. The artefact-repair tagger trained 25 minutes on 2 CPU cores
        (``models/README.md``): on 367 held-out synthetic corrupted units its guarded
        proposals alone restore 67.6 % exactly (the UNSAFE rule fixes: 94.3 %), and 0 of 163
        clean held-out sentences are changed after the threshold and the guard (the tagger
        alone changes 6.1 %). Preview: the weights do not ship (they do not beat the rules).
    """

    code = "M101"
    name = "model-correction"
    summary = "A guarded rewrite proposed by the correction model"
    severity = Severity.INFO
    category = "model"
    mqm = "Fluency/Grammar"
    scope = Scope.SEGMENT
    fixable = True
    stability = Stability.PREVIEW

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        """Nothing by itself: the engine runs the configured corrector after the other rules."""
        return iter(())
