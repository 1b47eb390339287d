"""Repetition rules (family R): a word repeated by mistake."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from mtqa.detectors.base import Context, Detector, segment_span
from mtqa.document import Segment
from mtqa.issue import Issue, Severity
from mtqa.lexicon import function_words, resource_lines, zipf
from mtqa.rules import register
from mtqa.segmentation import sentence_starts
from mtqa.span import Applicability, Fix, Span

# A word, spaces or tabs, the same word again (any case). The standard library's engine is
# three times faster than ``regex`` on this back-reference (``\w`` is Unicode-aware there too),
# and the possessive quantifiers spare it from backtracking through every word that is not
# followed by a space: together they make the scan the cheapest way to find the doubles.
_REPEATED = re.compile(r"\b(\w++)[ \t]++(\1)\b", re.IGNORECASE)
# Characters that glue a word to its neighbour: "well-being being", "that that's", "docs docs/_build".
_JOINERS = "-‐'’/\\_@="
_RARE = 3.0  # wordfreq Zipf under which a doubled word is taken for a name or a term ("ylang ylang")


_OPENERS = '(“"'


def _may_repeat(text: str) -> bool:
    """Prefilter: some whitespace-separated token starts with the token before it ("the the,").

    Splitting and comparing in C is twice as fast as the regular expression, which then runs
    only on the few segments that pass (about one in forty of running text).
    """
    lowered = text.lower()
    for c in _OPENERS:
        if c in lowered:
            lowered = lowered.replace(c, " ")  # "(the the": the first copy may follow a bracket
    words = lowered.split()
    return any(map(str.startswith, words[1:], words))


@cache
def _reduplications() -> frozenset[str]:
    return frozenset(resource_lines("reduplications.txt"))


@register
class RepeatedWord(Detector):
    """The same word twice in a row by mistake: "the the", "of of", "the talks talks".

    What it flags:
        A word immediately repeated, separated only by spaces ("at the the summit", "The the
        talks", "a status status"), when the double is not one English makes on purpose.
        MT systems and post-editors produce these when a phrase is stitched from two halves.

    Why it matters:
        A doubled word is one of the most noticed typos; in published text it signals that no
        one read it through.

    Example:
        "the head of of the mission" -> "the head of the mission".

    Leaves alone:
        Grammatical doubles ("had had", "that that", "what it is is", "do do", "gave her her
        keys", "great great grandfather") and expressive ones ("very very", "bye bye", "no no",
        "blah blah"), from the shipped reduplications list; names and terms, which are doubled
        with capitals or are rare words ("Walla Walla", "Tian Tian", "Duran Duran", "Gorilla
        gorilla", "ylang ylang", "japonicus japonicus"); "the The Hague" (a capital on the second
        word may open a name); numbers ("10 10"); words joined by a hyphen or apostrophe
        ("Baden-Baden", "well-being being", "that that's"); doubles across punctuation ("New
        York, New York"); a lower-case word then its capitalised form.

    Fix safety:
        SAFE when the word is closed-class (an article, preposition, conjunction, pronoun or
        auxiliary: "the the", "of of"), since English never doubles those by design outside
        the listed exceptions; the second copy is deleted. UNSAFE for other words ("status
        status"), where the double may be meant.

    Settings:
        None.

    Measured precision:
        Measured 2026-11-27 with benchmarks/quality.py (mtqa 0.1.0). MQM TED zh-en (5,387
        distinct target segments): 1 flag, precision 1.00 (1 of 1 on a rater's span); 0 on
        the 2,238 segments every rater marked No-error (0.00 per 1,000 of 38,067 words);
        recall on Accuracy/Addition: 0/125. Clean news (14 files, 4,346 words): 0 flags
        (0.00 per 1,000 words). Seed article: 0 flags, 0 on gold spans of its types, 0
        outside gold. Synthetic repeated_word in clean news (70 injections): recall 1.00;
        `mtqa fix` restores the original in 33 (SAFE) / 70 (SAFE+UNSAFE) of 70 texts. The
        MQM flag is 'status status', on a rater's span. Technical text (the long
        descriptions of the 137 Python packages installed with mtqa, 133,314 words of
        Markdown and reStructuredText with code, `mtqa eval clean`): 3 flags: a real 'those
        those' and 'fuzzy fuzzy' twice in a deliberately repeated code example; 'docs
        docs/_build' and the names and species doubles of MQM ('Tian Tian', 'ylang ylang',
        'japonicus japonicus') are left alone.
    """

    code = "R101"
    name = "repeated-word"
    summary = "The same word twice in a row"
    severity = Severity.ERROR
    category = "grammar"
    mqm = "Accuracy/Addition"
    fixable = True

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        text = unit.text
        if not _may_repeat(text):
            return
        for m in _REPEATED.finditer(text):
            first, second = m.group(1), m.group(2)
            if not first.isalpha():
                continue  # "10 10", "x_1 x_1"
            start, end = m.start(), m.end()
            if (start > 0 and text[start - 1] in _JOINERS) or (end < len(text) and text[end] in _JOINERS):
                continue
            word = first.lower()
            if word in _reduplications():
                continue
            if first != second:
                # Only "The the" at a sentence start: "the The Hague", "Gorilla gorilla" are names.
                if not (first[0].isupper() and second.islower() and word in function_words()):
                    continue
                if start not in sentence_starts(text):
                    continue
            elif first[0].isupper():
                continue  # "Walla Walla", "Tian Tian", "Duran Duran": doubled names
            closed = word in function_words()
            if not closed and zipf(word) < _RARE:
                continue  # "ylang ylang", "japonicus japonicus": terms, species, foreign words
            span = segment_span(unit, start, end)
            applicability = Applicability.SAFE if closed else Applicability.UNSAFE
            removal = Span(span.start + m.end(1) - start, span.end)
            fix = Fix.replace(removal, "", applicability, f"Delete the second '{second}'")
            yield self.issue(ctx, span, f"'{first}' is repeated", segment=unit, fix=fix)
