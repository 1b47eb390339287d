"""A small corpus-scoped rule for the tests of process pools and Dask clusters.

It is not registered: tests add it to a run through ``Selection(extra=(CorpusNameVariant,))``.
It lives in its own importable module so that worker processes can unpickle it by name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

import regex
from rapidfuzz.distance import Levenshtein

from mtqa.detectors.base import Context, CorpusDetector, Stability
from mtqa.document import Document
from mtqa.issue import Issue, Severity
from mtqa.span import Span

_NAME = regex.compile(r"\b\p{Lu}\p{Ll}{4,}\b")


class CorpusNameVariant(CorpusDetector):
    """A capitalised word that only one document uses, one edit away from one that others use.

    What it flags:
        "Blinkin" in the one article that writes it, when two or more others write "Blinken".

    Why it matters:
        Test rule: it exists to check that corpus rules see every document of a run.

    Example:
        "Blinkin said" -> (no fix)

    Leaves alone:
        Words every document spells alike; words of fewer than five letters.

    Fix safety:
        No fix.

    Settings:
        None.

    Measured precision:
        Not measured (test rule).
    """

    code = "T901"
    name = "corpus-name-variant"
    summary = "A name one document spells differently from the rest of the corpus"
    severity = Severity.WARNING
    category = "names"
    mqm = "Terminology/Inconsistent use of terminology"
    stability = Stability.STABLE

    def collect(self, document: Document, ctx: Context) -> Counter[str]:
        return Counter(dict.fromkeys(_NAME.findall(document.text), 1))

    def merge(self, parts: Sequence[Counter[str]]) -> Counter[str]:
        total: Counter[str] = Counter()
        for part in parts:
            total.update(part)
        return total

    def check(self, unit: Any, ctx: Context) -> Iterator[Issue]:
        counts: Counter[str] = ctx.corpus.get(self.code) or Counter()
        frequent = sorted(w for w, n in counts.items() if n >= 2)
        for match in _NAME.finditer(unit.text):
            word = match.group()
            if counts.get(word, 0) != 1:
                continue
            spelling = next((v for v in frequent if Levenshtein.distance(word, v) == 1), None)
            if spelling is not None:
                yield self.issue(
                    ctx,
                    Span(match.start(), match.end()),
                    f"'{word}' is in this document only; {counts[spelling]} others write '{spelling}'",
                    data={"corpus_spelling": spelling},
                )
