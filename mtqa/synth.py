"""Synthetic artefacts: inject MT and scraping artefacts into clean text at known, seeded offsets.

``inject(text, kinds, seed)`` returns the corrupted text, the original, and one
``Injection`` per artefact: its kind, its span in the corrupted text, and the rule
expected to flag it. Recall and fix round-trips can then be measured on any clean
text a team has (``mtqa eval synth``), not only on hand-annotated data.

Injections are realistic: each kind is placed only where the clean text offers a
natural site for it (a word glued to the next only at a sentence break or before a
capitalised word; a capital after a comma only on a closed-class word that may open a
clause; a name variant only for a name the text uses several times). A text that has
no site for a kind gets no injection of that kind, and the kind is listed in
``SynthResult.skipped``. Injections never touch each other: each keeps a margin of
untouched text around the ones before it.

Everything is deterministic: the same text, kinds and seed give the same result
(``random.Random(seed)``; a string seed is hashed the same way in every process).

Kinds (the vocabulary of the gold files, ``data/seed/gold.jsonl``) and the rule each
is expected to trigger:

=====================  =====  =====================================================
kind                   rule   example (clean -> corrupted)
=====================  =====  =====================================================
merged_token           W101   "Blinken. He canceled" -> "BlinkenHe canceled"
double_punct           P101   "by Efe." -> "by Efe. ."; "said, the" -> "said,, the"
spacing                W102   "See also Cuba" -> "See also" + U+00A0 + " Cuba"
comma_capital          C101   "Lavrov, because of" -> "Lavrov, Because of"
stray_capital          C102   "finding dialogue solution" -> "finding Dialogue solution"
translit_inconsistency N101   one of several "Blinken" -> "Blinkin"
boilerplate            B101   a "Leave a Reply" line appended as its own paragraph
=====================  =====  =====================================================

``name_variant``, ``doubled_punct`` and ``irregular_whitespace`` are accepted as
aliases of ``translit_inconsistency``, ``double_punct`` and ``spacing``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import regex

from mtqa import lexicon
from mtqa.span import Span

KINDS: tuple[str, ...] = (
    "merged_token",
    "double_punct",
    "spacing",
    "comma_capital",
    "stray_capital",
    "translit_inconsistency",
    "boilerplate",
)

#: The rule each kind of artefact should trigger.
EXPECTED_RULE: dict[str, str] = {
    "merged_token": "W101",
    "double_punct": "P101",
    "spacing": "W102",
    "comma_capital": "C101",
    "stray_capital": "C102",
    "translit_inconsistency": "N101",
    "boilerplate": "B101",
}

ALIASES: dict[str, str] = {
    "name_variant": "translit_inconsistency",
    "doubled_punct": "double_punct",
    "doubled_punctuation": "double_punct",
    "irregular_whitespace": "spacing",
    "merged_tokens": "merged_token",
}

#: Untouched characters kept between two injections.
MARGIN = 3

#: Page furniture appended by ``boilerplate`` (WordPress comment form, Jetpack sharing, related posts).
BOILERPLATE_LINES: tuple[str, ...] = (
    "Leave a Reply",
    "Leave a Reply Cancel reply",
    "Your email address will not be published. Required fields are marked *",
    "Share this:",
    "Click to share on Twitter (Opens in new window)",
    "Click to share on Facebook (Opens in new window)",
    "Like this:",
    "Related Posts",
    "You may also like",
    "Comments are closed.",
)

# Abbreviations whose full stop is not a sentence break ("Gov. Smith", "Jan. 5").
_ABBREVIATION_LIST = """mr mrs ms dr prof gov sen rep gen col capt lt sgt st mt jr sr inc ltd corp co no vs etc
    jan feb mar apr jun jul aug sep sept oct nov dec approx est dept univ"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_LIST.split())
_ARTICLES = frozenset(("the", "a", "an"))
# Letters swapped to make a transliteration variant (Blinken -> Blinkin, Moualem -> Mualem).
_VOWEL_SWAPS = {"a": "e", "e": "i", "i": "e", "o": "a", "u": "o", "y": "i"}

_WORD_CHARS = r"\p{L}\p{M}"
# merged_token: a word ending in a lower-case letter, then a space, ". " or a line break (with or
# without a full stop), then a capitalised word.
_MERGE_SITE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}'’.\-])(?P<left>\p{L}[\p{L}\p{M}]*\p{Ll})(?P<sep>\. | |\.?\n)"
    r"(?P<right>\p{Lu}\p{Ll}+)(?![\p{L}\p{M}\p{N}'’\-])"
)
# double_punct: a sentence-final full stop after a word, or a comma after a word, then a space or end of line.
_PERIOD_SITE = regex.compile(r"(?<=(?P<word>[\p{L}\p{M}]+))\.(?=[ \t]|\n|$)")
_COMMA_SITE = regex.compile(r"(?<=[\p{L}\p{M}\p{N}]),(?= [\p{L}\p{M}])")
# spacing: one plain space between two words.
_SPACE_SITE = regex.compile(r"(?<=[\p{L}\p{M}\p{N}.,;:]) (?=[\p{L}\p{M}\p{N}])")
# comma_capital: ", " then a lower-case word.
_COMMA_WORD = regex.compile(r"(?<=[\p{L}\p{M}\p{N}]), (?P<word>\p{Ll}+)(?![\p{L}\p{M}\p{N}'’\-])")
# stray_capital: a lower-case word between a lower-case word and a lower-case word or a comma, colon
# or semicolon (before a capitalised word it could be read as part of a name: "Neighboring Greece").
_MID_WORD = regex.compile(
    r"(?<=(?<![\p{L}\p{M}'’\-])\p{Ll}+ )(?P<word>\p{Ll}{4,})(?=[,;:]| [\p{Ll}\p{N}])"
)
# translit_inconsistency: a capitalised word of five letters or more.
_NAME = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’\-])\p{Lu}\p{Ll}{4,}(?![\p{L}\p{M}\p{N}\-])")
_SENTENCE_END = regex.compile(r"[.!?:\"“”‘’'(\[]\s*$")


@dataclass(frozen=True)
class Injection:
    """One injected artefact: where it is in the corrupted text and which rule should flag it.

    ``before``/``after``: the text the edit replaced and its replacement (the edit may be
    smaller than the span: a merged token's span is the whole glued token); ``variant``:
    which form of the artefact ("paragraph break", ". .", "no-break space + space"...).
    """

    kind: str
    span: Span
    expected_rule: str
    before: str
    after: str
    variant: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "variant": self.variant,
            "start": self.span.start,
            "end": self.span.end,
            "expected_rule": self.expected_rule,
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True)
class SynthResult:
    """A corrupted text, its clean original, the injections, and the kinds that found no site."""

    corrupted: str
    original: str
    injections: tuple[Injection, ...]
    skipped: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "corrupted": self.corrupted,
            "original": self.original,
            "injections": [i.to_dict() for i in self.injections],
            "skipped": list(self.skipped),
        }


@dataclass(frozen=True)
class _Site:
    """A candidate edit: replace ``text[start:end]`` by ``replacement``.

    ``region`` is the stretch of the current text the artefact involves (kept clear of
    other injections); ``mark`` gives the artefact's span in the corrupted text, as
    offsets from ``start`` (they may be negative: a merged token begins before the edit).
    """

    start: int
    end: int
    replacement: str
    region: tuple[int, int]
    mark: tuple[int, int]
    variant: str = ""


def canonical_kind(kind: str) -> str:
    """The kind's name in the gold vocabulary; raises ValueError for an unknown kind."""
    key = ALIASES.get(kind.strip().lower().replace("-", "_"), kind.strip().lower().replace("-", "_"))
    if key not in EXPECTED_RULE:
        raise ValueError(f"unknown artefact kind {kind!r} (known: {', '.join(KINDS)})")
    return key


def inject(text: str, kinds: Iterable[str] = KINDS, seed: int | str = 0) -> SynthResult:
    """Inject one artefact of each kind in ``kinds`` (repeat a kind to inject it several times).

    Kinds are applied in the order given. For each, ``random.Random(seed)`` draws one of the
    kind's variants that the text has a site for (a merged token at a sentence break, at a
    paragraph break or before a capitalised word...), then one such site, among those that
    keep clear of earlier injections. Drawing the variant first keeps rare variants from
    being drowned by frequent ones.
    """
    rng = random.Random(seed)
    current = text
    injections: list[Injection] = []
    skipped: list[str] = []
    for raw in kinds:
        kind = canonical_kind(raw)
        taken = [(i.span.start - MARGIN, i.span.end + MARGIN) for i in injections]
        sites = [s for s in _FINDERS[kind](current) if not any(_touches(s.region, t) for t in taken)]
        if not sites:
            skipped.append(kind)
            continue
        variants = list(dict.fromkeys(s.variant for s in sites))
        variant = rng.choice(variants)
        site = rng.choice([s for s in sites if s.variant == variant])
        delta = len(site.replacement) - (site.end - site.start)
        before = current[site.start : site.end]
        current = current[: site.start] + site.replacement + current[site.end :]
        injections = [_shifted(i, site.start, delta) for i in injections]
        span = Span(site.start + site.mark[0], site.start + site.mark[1])
        injections.append(Injection(kind, span, EXPECTED_RULE[kind], before, site.replacement, site.variant))
    injections.sort(key=lambda i: (i.span.start, i.span.end))
    return SynthResult(current, text, tuple(injections), tuple(skipped))


def _touches(region: tuple[int, int], taken: tuple[int, int]) -> bool:
    return region[0] < taken[1] and taken[0] < region[1]


def _shifted(injection: Injection, at: int, delta: int) -> Injection:
    if delta == 0 or injection.span.start < at:
        return injection
    return replace(injection, span=Span(injection.span.start + delta, injection.span.end + delta))


# --------------------------------------------------------------------------------------------
# Site finders: every natural place for one kind of artefact in a text, in text order.
# --------------------------------------------------------------------------------------------


def _merged_token_sites(text: str) -> list[_Site]:
    """Where a scraper joins two blocks: at a sentence or paragraph break, or where a link opens on a name.

    "before capital" is a lower-case word then a capitalised one ("said Terry Branstad" ->
    "saidTerry"): a link or inline element that starts at the name. A space inside a
    multi-word name ("United Nations") is not a block boundary and is left alone.
    """
    sites = []
    for m in _MERGE_SITE.finditer(text, overlapped=True):
        left, sep = m.group("left"), m.group("sep")
        if len(left) < 3 or (sep.startswith(".") and left.lower() in _ABBREVIATIONS):
            continue
        if m.group("right").lower() in _ABBREVIATIONS:
            continue  # "and Dr. Smith"
        if sep == " " and (not left.islower() or _line_start_before(text, m.start("left"))):
            continue  # inside a multi-word name ("United Nations") or a title-case headline: no block boundary
        if "\n" in sep:
            variant = "paragraph break"
        elif sep.startswith("."):
            variant = "sentence break"
        else:
            variant = "before capital"
        start, end = m.end("left"), m.start("right")
        token_len = len(left) + len(m.group("right"))
        sites.append(_Site(start, end, "", (m.start(), m.end()), (-len(left), -len(left) + token_len), variant))
    return sites


def _line_start_before(text: str, pos: int) -> bool:
    """True when the word at ``pos`` is the first of its line (title-case headlines)."""
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def _double_punct_sites(text: str) -> list[_Site]:
    sites = []
    for m in _PERIOD_SITE.finditer(text):
        word = m.group("word")
        if len(word) < 2 or word.lower() in _ABBREVIATIONS or word.isupper():
            continue
        at = m.end()
        for extra in (" .", "."):
            sites.append(_Site(at, at, extra, (m.start(), at), (-1, len(extra)), "." + extra))
    for m in _COMMA_SITE.finditer(text):
        at = m.end()
        sites.append(_Site(at, at, ",", (m.start(), at), (-1, 1), ",,"))
    return sites


def _spacing_sites(text: str) -> list[_Site]:
    sites = []
    for m in _SPACE_SITE.finditer(text):
        for run, variant in (("  ", "double space"), ("\u00a0 ", "no-break space + space"),
                             (" \u00a0", "space + no-break space")):
            sites.append(_Site(m.start(), m.end(), run, (m.start(), m.end()), (0, len(run)), variant))
    return sites


def _comma_capital_sites(text: str) -> list[_Site]:
    words = _function_words()
    sites = []
    for m in _COMMA_WORD.finditer(text):
        word = m.group("word")
        if word not in words or len(word) < 2:
            continue
        if word in _ARTICLES and regex.match(r" \p{Lu}", text[m.end() :]):
            continue  # ", The Dominican Republic": "The" may belong to a name or title
        at = m.start("word")
        sites.append(_Site(at, at + 1, word[0].upper(), (m.start(), m.end()), (0, len(word))))
    return sites


def _stray_capital_sites(text: str) -> list[_Site]:
    common, house = _common_words(), _house_capitals()
    sites = []
    for m in _MID_WORD.finditer(text):
        word = m.group("word")
        capital = word[0].upper() + word[1:]
        if word not in common or capital in house:
            continue
        at = m.start("word")
        sites.append(_Site(at, at + 1, word[0].upper(), (at - 1, m.end() + 1), (0, len(word))))
    return sites


def _translit_sites(text: str) -> list[_Site]:
    common = _common_words()
    occurrences: dict[str, list[int]] = {}
    for m in _NAME.finditer(text):
        word = m.group()
        if _SENTENCE_END.search(text[max(0, m.start() - 3) : m.start()]) or _line_start_before(text, m.start()):
            continue  # a sentence or line opens here: the capital may be the sentence's, not a name's
        occurrences.setdefault(word, []).append(m.start())
    present = set(_NAME.findall(text))
    sites = []
    titles = _titles()
    for word, starts in occurrences.items():
        if len(starts) < 2 or word.lower() in common or word.lower() in _function_words() or word.lower() in titles:
            continue  # a common word or a title ("President"), not a name
        if regex.search(rf"(?<![\p{{L}}]){regex.escape(word.lower())}(?![\p{{L}}])", text):
            continue  # the word also appears in lower case: a common word after all
        variants = []
        for i, ch in enumerate(word[1:], start=1):
            swap = _VOWEL_SWAPS.get(ch)
            if swap is None:
                continue
            variant = word[:i] + swap + word[i + 1 :]
            if variant not in present and variant.lower() not in common:
                variants.append((i, swap))
        for start in starts[1:]:  # never the first mention: it names the spelling to restore
            for i, swap in variants:
                sites.append(_Site(start + i, start + i + 1, swap, (start, start + len(word)), (-i, len(word) - i)))
    return sites


def _boilerplate_sites(text: str) -> list[_Site]:
    end = len(text)
    sites = []
    for line in BOILERPLATE_LINES:
        if text.endswith("\n"):
            addition, lead = "\n" + line + "\n", 1
        else:
            addition, lead = "\n\n" + line, 2
        sites.append(_Site(end, end, addition, (end, end + 1), (lead, lead + len(line))))
    return sites


_FINDERS: dict[str, Callable[[str], list[_Site]]] = {
    "merged_token": _merged_token_sites,
    "double_punct": _double_punct_sites,
    "spacing": _spacing_sites,
    "comma_capital": _comma_capital_sites,
    "stray_capital": _stray_capital_sites,
    "translit_inconsistency": _translit_sites,
    "boilerplate": _boilerplate_sites,
}


def sites(text: str, kind: str) -> int:
    """How many natural sites ``text`` offers for ``kind`` (0: the kind cannot be injected)."""
    return len(_FINDERS[canonical_kind(kind)](text))


# --------------------------------------------------------------------------------------------
# Word lists (the shipped resources: data, not code)
# --------------------------------------------------------------------------------------------


@cache
def _function_words() -> frozenset[str]:
    return lexicon.function_words() - {"i"}


@cache
def _common_words() -> frozenset[str]:
    """Common words that are not names (SCOWL lower-case only), and the closed-class words."""
    return lexicon.common_lowercase() | _function_words()


@cache
def _house_capitals() -> frozenset[str]:
    """Words news style capitalises on purpose ("the Minister"): capitalising them is no artefact."""
    return lexicon.house_capitals()


@cache
def _titles() -> frozenset[str]:
    """Titles and roles ("president", "minister") and the nouns news style capitalises: not names."""
    return frozenset(w.lower() for w in lexicon.titles() | _house_capitals())
