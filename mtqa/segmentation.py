"""Sentence boundaries with offsets.

We compared two maintained segmenters on the seed article and on the 1,000+
distinct MQM target segments (``benchmarks/segmenters.py`` prints the table):
BlingFire and pySBD split the seed identically (including the artefact
"minister. Dmitriy Kuleba." into two sentences, which the fragment rule needs),
agree on the large majority of MQM segments, and BlingFire is more than ten times
faster (about 0.03 ms against 0.3 ms a segment here). BlingFire also returns
offsets directly, while pySBD's character spans include trailing whitespace that
must be trimmed. We keep BlingFire.
"""

from __future__ import annotations

from functools import lru_cache

import blingfire

from mtqa.span import Span


@lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[Span, ...]:
    """Sentence spans of ``text``, trimmed of surrounding whitespace, in order."""
    if not text.strip():
        return ()
    try:
        _, offsets = blingfire.text_to_sentences_and_offsets(text)
    except (UnicodeError, ValueError):
        # Lone surrogates cannot cross into the C library: treat the text as one sentence.
        offsets = [(0, len(text))]
    spans = []
    for start, end in offsets:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end))
    return tuple(spans)


def sentence_starts(text: str) -> frozenset[int]:
    """Offsets where a sentence begins: casing rules treat a capital there as normal."""
    return frozenset(s.start for s in sentence_spans(text))
