"""The Corrector: sends the flagged sentences to a model, guards its proposals, emits M101 issues.

Only sentences that some rule flagged go to the model (every sentence with
``all_sentences=True``), in one batched call per document; a clean document makes no
model call at all. Proposals are cached by sentence, so the passes of ``mtqa fix``
(which re-checks the text after each batch of fixes) do not ask the model twice.

Each proposal is reviewed by the :class:`~mtqa.corrector.guard.Guard`; an accepted one
becomes an M101 model-correction issue whose fix is UNSAFE (it fixes rule issues) or
DISPLAY (a fluency rewrite that fixes none). Every review, accepted or rejected, is
kept in ``Corrector.records`` with the guard's reasons; ``summary()`` is what the JSON
report shows under ``scores.corrector``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mtqa.corrector.backends import Backend, Proposal
from mtqa.corrector.guard import Guard, GuardSettings, Verdict, document_names
from mtqa.document import Document, Segment
from mtqa.issue import Issue
from mtqa.segmentation import sentence_spans
from mtqa.span import Applicability, Edit, Fix, Span

MODEL_RULE = "M101"


@dataclass(frozen=True)
class Record:
    """One reviewed proposal: where, what, and the guard's verdict."""

    document: str
    span: Span
    sentence: str
    proposal: str
    confidence: float | None
    verdict: Verdict

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "start": self.span.start,
            "end": self.span.end,
            "sentence": self.sentence,
            "proposal": self.proposal,
            "confidence": None if self.confidence is None else round(self.confidence, 4),
            **self.verdict.to_dict(),
        }


@dataclass(frozen=True)
class _Sentence:
    segment: Segment
    local: Span  # the sentence inside the segment's text

    @property
    def text(self) -> str:
        return self.local.slice(self.segment.text)

    @property
    def span(self) -> Span:
        return self.local.shift(self.segment.span.start)


class Corrector:
    """A model backend, the guard's settings, and which sentences to send.

    ``context=True`` gives the backend each sentence's neighbours (the chat backend puts
    them in its prompt; the others ignore them). ``prefer_rules`` (the default): where the
    rules have a fix for every issue of a sentence, an accepted rewrite that differs from
    what the rules' fixes give is shown as DISPLAY, not applied; measured on synthetic
    artefacts the rules' fixes are the more reliable (``models/README.md``).
    """

    def __init__(
        self,
        backend: Backend,
        *,
        all_sentences: bool = False,
        context: bool = False,
        guard: GuardSettings | None = None,
        prefer_rules: bool = True,
    ) -> None:
        self.backend = backend
        self.all_sentences = all_sentences
        self.context = context
        self.prefer_rules = prefer_rules
        self.guard_settings = guard or GuardSettings()
        self.records: list[Record] = []
        self._proposals: dict[tuple[str, tuple[str, str] | None], Proposal] = {}
        self._reviewed: set[tuple[str, int, int, str]] = set()

    @classmethod
    def load(
        cls,
        name_or_path: str | Path,
        *,
        allow_download: bool = False,
        device: str | None = None,
        batch_size: int | None = None,
        threshold: float | None = None,
        prefix: str | None = None,
        max_new_tokens: int | None = None,
        **options: Any,
    ) -> Corrector:
        """Load a model (see ``mtqa.corrector.loader``) and wrap it in a Corrector."""
        from mtqa.corrector.loader import load_backend

        backend = load_backend(
            name_or_path,
            allow_download=allow_download,
            device=device,
            batch_size=batch_size,
            threshold=threshold,
            prefix=prefix,
            max_new_tokens=max_new_tokens,
        )
        return cls(backend, **options)

    @property
    def model_id(self) -> str:
        """``name@revision`` of the model: part of the run signature."""
        return self.backend.info.label

    @property
    def calls(self) -> int:
        return self.backend.calls

    # ----------------------------------------------------------------------------------------

    def issues(
        self,
        rule: Any,
        document: Document,
        found: Sequence[Issue],
        ctx: Any,
        check: Callable[[Document], Sequence[Issue]],
    ) -> list[Issue]:
        """The M101 issues of ``document``: ``found`` are the other rules' issues, ``check`` re-checks a text."""
        flagged = [i for i in found if i.code != MODEL_RULE]
        sentences = self._sentences(document, flagged)
        if not sentences:
            return []
        proposals = self._propose(document, sentences)
        names = self._names(document, flagged, ctx)
        from mtqa.lexicon import common_lowercase, function_words

        common = common_lowercase() | function_words()
        out: list[Issue] = []
        guards: dict[int, Guard] = {}
        for sent, proposal in zip(sentences, proposals, strict=True):
            if proposal.text == sent.text or not proposal.text.strip():
                continue
            seg = sent.segment
            guard = guards.get(seg.index)
            if guard is None:
                guard = Guard(_segment_checker(document, seg, check), self.guard_settings, common)
                guards[seg.index] = guard
            verdict = guard.review(
                seg.text,
                sent.local,
                proposal.text,
                names=names,
                language=document.language,
                fluency=self.backend.fluency,
            )
            if verdict.accepted and verdict.applicability is Applicability.UNSAFE and self.prefer_rules:
                verdict = self._against_rules(verdict, document, sent, flagged, check, proposal.text)
            key = (document.id, sent.span.start, sent.span.end, proposal.text)
            if key not in self._reviewed:
                self._reviewed.add(key)
                self.records.append(
                    Record(document.id, sent.span, sent.text, proposal.text, proposal.confidence, verdict)
                )
            if verdict.accepted and verdict.applicability is not None:
                out.append(self._issue(rule, ctx, sent, proposal, verdict))
        return out

    def _against_rules(
        self,
        verdict: Verdict,
        document: Document,
        sent: _Sentence,
        flagged: Sequence[Issue],
        check: Callable[[Document], Sequence[Issue]],
        proposal: str,
    ) -> Verdict:
        """Where the rules can fix every issue of the sentence themselves, the model's rewrite is applied
        only when it agrees with them; otherwise it is shown (DISPLAY) as an alternative to review."""
        from mtqa.fixes import FixError, applicable, fix_text

        inside = [i for i in flagged if i.span.overlaps(sent.span)]
        if not inside or not all(applicable(i, Applicability.UNSAFE) for i in inside):
            return replace(verdict, note="some issues have no rule fix: the model's rewrite applies")
        seg_check = _segment_checker(document, sent.segment, check)
        try:
            by_rules = fix_text(sent.text, seg_check, Applicability.UNSAFE).text
        except FixError:
            by_rules = None
        if by_rules == proposal:
            return replace(verdict, note="agrees with the rules' fixes")
        return replace(
            verdict,
            applicability=Applicability.DISPLAY,
            note=f"differs from the rules' fixes ({by_rules!r}): shown for review, the rules' fixes apply",
        )

    def _sentences(self, document: Document, flagged: Sequence[Issue]) -> list[_Sentence]:
        spans = sorted(i.span for i in flagged)
        chosen = []
        for seg in document.segments:
            for local in sentence_spans(seg.text):
                sent = _Sentence(seg, local)
                if self.all_sentences or any(s.overlaps(sent.span) for s in spans):
                    chosen.append(sent)
        return chosen

    def _propose(self, document: Document, sentences: Sequence[_Sentence]) -> list[Proposal]:
        contexts: list[tuple[str, str] | None] = [None] * len(sentences)
        if self.context:
            contexts = [_neighbours(document, s) for s in sentences]
        keys = [(s.text, c) for s, c in zip(sentences, contexts, strict=True)]
        missing = list(dict.fromkeys(k for k in keys if k not in self._proposals))
        if missing:
            texts = [k[0] for k in missing]
            ctx = [k[1] or ("", "") for k in missing] if self.context else None
            for k, proposal in zip(missing, self.backend.propose(texts, ctx), strict=True):
                self._proposals[k] = proposal
        return [self._proposals[k] for k in keys]

    def _names(self, document: Document, flagged: Sequence[Issue], ctx: Any) -> frozenset[str]:
        starts = [seg.span.start + s.start for seg in document.segments for s in sentence_spans(seg.text)]
        accept = getattr(getattr(ctx, "lexicon", None), "accept", frozenset())
        return document_names(document.text, starts, [i.span for i in flagged], accept)

    def _issue(self, rule: Any, ctx: Any, sent: _Sentence, proposal: Proposal, verdict: Verdict) -> Issue:
        base = sent.span.start
        diffs = diff_edits(sent.text, proposal.text)
        assert verdict.applicability is not None and diffs
        fixes = ", ".join(verdict.fixed)
        edits = tuple(Edit(Span(base + a, base + b), text) for a, b, text in diffs)
        lo, hi = _widen(sent.text, diffs[0][0], diffs[-1][1])
        span = Span(base + lo, base + hi)
        new_hi = hi + len(proposal.text) - len(sent.text)
        excerpt = proposal.text[lo:new_hi] if 0 <= lo <= new_hi <= len(proposal.text) else proposal.text
        if verdict.applicability is Applicability.UNSAFE:
            title = f"Apply the model's rewrite (fixes {fixes})"
            message = f"the model proposes {excerpt!r} (fixes {fixes})"
        elif verdict.fixed:
            title = "The model's rewrite, for review (the rules' own fixes differ)"
            message = f"the model proposes {excerpt!r} (fixes {fixes}), unlike the rules' fixes: review it"
        else:
            title = "Rewrite as the model suggests"
            message = f"the model suggests {excerpt!r}"
        fix = Fix(edits, verdict.applicability, title)
        info = self.backend.info
        data = {
            "model": info.name,
            "revision": info.revision,
            "backend": self.backend.kind,
            "sentence": sent.text,
            "proposal": proposal.text,
            "guard": verdict.to_dict(),
        }
        return rule.issue(ctx, span, message, segment=sent.segment, fix=fix, confidence=proposal.confidence, data=data)

    def summary(self) -> dict[str, Any]:
        """JSON-ready account of the run: the model, its calls, and every verdict with its reasons."""
        info = self.backend.info
        accepted = [r for r in self.records if r.verdict.accepted]
        return {
            "model": info.name,
            "revision": info.revision,
            "backend": self.backend.kind,
            "calls": self.backend.calls,
            "sentences": self.backend.sentences,
            "proposals": len(self.records),
            "accepted": len(accepted),
            "rejected": len(self.records) - len(accepted),
            "reviews": [r.to_dict() for r in self.records],
        }


def _segment_checker(document: Document, seg: Segment, check: Callable[[Document], Sequence[Issue]]):
    """Re-check a rewritten segment alone, keeping its source and reference."""

    def run(text: str) -> Sequence[Issue]:
        one = Segment(0, Span(0, len(text)), text, seg.source, seg.reference, seg.id)
        doc = Document(document.id, text, (one,), document.language, document.source_language)
        return check(doc)

    return run


def _neighbours(document: Document, sent: _Sentence) -> tuple[str, str]:
    text = document.text
    before = text[max(0, sent.span.start - 300) : sent.span.start]
    after = text[sent.span.end : sent.span.end + 300]
    before_spans = sentence_spans(before)
    after_spans = sentence_spans(after)
    return (
        before_spans[-1].slice(before) if before_spans else "",
        after_spans[0].slice(after) if after_spans else "",
    )


def diff_edits(original: str, proposal: str) -> list[tuple[int, int, str]]:
    """Minimal character edits ``(start, end, replacement)`` turning ``original`` into ``proposal``.

    Adjacent differences are merged so that no two edits touch (``Fix.apply`` then has
    one unambiguous order).
    """
    matcher = difflib.SequenceMatcher(None, original, proposal, autojunk=False)
    edits: list[tuple[int, int, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if edits and edits[-1][1] == i1:
            s, _, text = edits[-1]
            edits[-1] = (s, i2, text + proposal[j1:j2])
        else:
            edits.append((i1, i2, proposal[j1:j2]))
    return edits


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow ``[start, end)`` to whole words (an insertion between two words covers both)."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    if start == end:  # a pure insertion at a space: show the words around it
        end = min(len(text), end + 1)
        while end < len(text) and not text[end].isspace():
            end += 1
    return start, end
