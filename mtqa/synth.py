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
missing_space          W103   "month. Egyptian" -> "month.Egyptian"; "said, the" -> "said,the"
space_before_punct     W104   "said, the" -> "said , the"; "month." -> "month ."
duplicated_run         W105   "Terry Branstad" -> "Terry BranTerry Branstad" (or a full copy)
stray_punct            P102   "said, the" -> "said., the" / "said. , the"; "month." -> "month,."
repeated_word          R101   "the talks" -> "the the talks"; "rose sharply" -> "rose rose sharply"
preferred_spelling     N201   "Kyiv" -> "Kiev", "Beijing" -> "Peking", "Dmytro Kuleba" -> "Dmitriy Kuleba"
untranslated           L101   a Spanish, French, German, Italian or Portuguese sentence after a sentence
foreign_script         L102   "about" -> "аbout" (Cyrillic а), "Branstad" -> "Бранстад", "market" -> "市场"
boilerplate_multiling. B101   a "Deja una respuesta" / "Leído 523 veces" / "Leave an answer" line appended
offtopic               B102   "\nSee also <teaser of another story>." or "\nRead also\n<teaser>" after a paragraph
unbalanced_quote       P201   '"never ever use"' -> '"never ever use' (one mark of a one-line pair dropped)
unbalanced_bracket     P202   "(DMZ) between" -> "(DMZ between"; "zone (DMZ)" -> "zone DMZ)"
quote_placement        P301   ',” he told' -> ',”, he told'; '”, said' -> '”., said'
fragment               F101   ", Foreign Minister Walid al-Moualem also" -> ", Foreign Minister. Walid al-Moualem also"
lowercase_start        C103   "The airline said" -> "the airline said"; "at the moment about" -> "at the moment. about"
lowercased_name        C104   "talks in Moscow" -> "talks in moscow" (a listed name, or one used 3+ times)
mixed_quotes           P203   one '"war on terror"' of several straight pairs -> '“war on terror”'
=====================  =====  =====================================================

``name_variant``, ``doubled_punct`` and ``irregular_whitespace`` are accepted as
aliases of ``translit_inconsistency``, ``double_punct`` and ``spacing``.

The examples are English. ``inject(..., language="de")`` (also "fr", "es") draws on that
language's material instead (``mtqa.synth_material``): the pack's closed-class words for
comma_capital, repeated_word and duplicated_run, wordfreq's common words of the language for
stray_capital, lowercase_start and the name kinds, the pack's quotation marks for the quote
kinds, its boilerplate lines, "see also" cues and teasers, nouns left in Chinese, and an English
sentence as the untranslated one ("English left in a German page"); French text gets no space
before ``; : ? !`` injected (its typography wants one). Kinds that mean nothing in the language
(the pack's ``[synth] skip``: stray_capital in German, preferred_spelling and fragment, whose
rules and lists are English) are not injected and are listed in ``SynthResult.unsupported``.
A language without a ``[synth]`` table gets the English material.
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
from mtqa.synth_material import Material, material

KINDS: tuple[str, ...] = (
    "merged_token",
    "double_punct",
    "spacing",
    "comma_capital",
    "stray_capital",
    "translit_inconsistency",
    "boilerplate",
    "missing_space",
    "space_before_punct",
    "duplicated_run",
    "stray_punct",
    "repeated_word",
    "preferred_spelling",
    "untranslated",
    "foreign_script",
    "boilerplate_multilingual",
    "offtopic",
    "unbalanced_quote",
    "unbalanced_bracket",
    "quote_placement",
    "fragment",
    "lowercase_start",
    "lowercased_name",
    "mixed_quotes",
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
    "missing_space": "W103",
    "space_before_punct": "W104",
    "duplicated_run": "W105",
    "stray_punct": "P102",
    "repeated_word": "R101",
    "preferred_spelling": "N201",
    "untranslated": "L101",
    "foreign_script": "L102",
    "boilerplate_multilingual": "B101",
    "offtopic": "B102",
    "unbalanced_quote": "P201",
    "unbalanced_bracket": "P202",
    "quote_placement": "P301",
    "fragment": "F101",
    "lowercase_start": "C103",
    "lowercased_name": "C104",
    "mixed_quotes": "P203",
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
_MID_WORD = regex.compile(r"(?<=(?<![\p{L}\p{M}'’\-])\p{Ll}+ )(?P<word>\p{Ll}{4,})(?=[,;:]| [\p{Ll}\p{N}])")
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
    """A corrupted text, its clean original, the injections, the kinds that found no site, and
    the kinds that mean nothing in the text's language (``unsupported``: never injected there,
    not counted as skipped)."""

    corrupted: str
    original: str
    injections: tuple[Injection, ...]
    skipped: tuple[str, ...] = ()
    language: str = "en"
    unsupported: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = {
            "corrupted": self.corrupted,
            "original": self.original,
            "injections": [i.to_dict() for i in self.injections],
            "skipped": list(self.skipped),
        }
        if self.language != "en":
            out["language"] = self.language
            out["unsupported"] = list(self.unsupported)
        return out


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


def inject(text: str, kinds: Iterable[str] = KINDS, seed: int | str = 0, language: str = "en") -> SynthResult:
    """Inject one artefact of each kind in ``kinds`` (repeat a kind to inject it several times).

    Kinds are applied in the order given. For each, ``random.Random(seed)`` draws one of the
    kind's variants that the text has a site for (a merged token at a sentence break, at a
    paragraph break or before a capitalised word...), then one such site, among those that
    keep clear of earlier injections. Drawing the variant first keeps rare variants from
    being drowned by frequent ones.

    ``language`` (the text's, a code) picks the material (``mtqa.synth_material``): German,
    French and Spanish text get their own closed-class words, quotation marks, boilerplate and
    teasers, and English sentences as the untranslated text; a kind that means nothing in the
    language is left out and listed in ``SynthResult.unsupported``.
    """
    mat = material(language)
    rng = random.Random(seed)
    current = text
    injections: list[Injection] = []
    skipped: list[str] = []
    unsupported: list[str] = []
    for raw in kinds:
        kind = canonical_kind(raw)
        if kind in mat.skip:
            unsupported.append(kind)
            continue
        taken = [(i.span.start - MARGIN, i.span.end + MARGIN) for i in injections]
        sites = [s for s in _FINDERS[kind](current, mat) if not any(_touches(s.region, t) for t in taken)]
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
    return SynthResult(current, text, tuple(injections), tuple(skipped), mat.language, tuple(unsupported))


def _touches(region: tuple[int, int], taken: tuple[int, int]) -> bool:
    return region[0] < taken[1] and taken[0] < region[1]


def _shifted(injection: Injection, at: int, delta: int) -> Injection:
    if delta == 0 or injection.span.start < at:
        return injection
    return replace(injection, span=Span(injection.span.start + delta, injection.span.end + delta))


# --------------------------------------------------------------------------------------------
# Site finders: every natural place for one kind of artefact in a text, in text order.
# --------------------------------------------------------------------------------------------


def _merged_token_sites(text: str, mat: Material) -> list[_Site]:
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


def _double_punct_sites(text: str, mat: Material) -> list[_Site]:
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


def _spacing_sites(text: str, mat: Material) -> list[_Site]:
    sites = []
    for m in _SPACE_SITE.finditer(text):
        for run, variant in (
            ("  ", "double space"),
            ("\u00a0 ", "no-break space + space"),
            (" \u00a0", "space + no-break space"),
        ):
            sites.append(_Site(m.start(), m.end(), run, (m.start(), m.end()), (0, len(run)), variant))
    return sites


def _comma_capital_sites(text: str, mat: Material) -> list[_Site]:
    words = mat.function - mat.keep_capital
    sites = []
    for m in _COMMA_WORD.finditer(text):
        word = m.group("word")
        if word not in words or len(word) < 2:
            continue
        if word in mat.articles and regex.match(r" \p{Lu}", text[m.end() :]):
            continue  # ", The Dominican Republic": "The" may belong to a name or title
        at = m.start("word")
        sites.append(_Site(at, at + 1, word[0].upper(), (m.start(), m.end()), (0, len(word))))
    return sites


def _stray_capital_sites(text: str, mat: Material) -> list[_Site]:
    """A common word between lower-case words, capitalised.

    Not where the capital would be legitimate: a word news style capitalises (its singular
    too: "Departments", "States" after "Department", "State"), a word the text already
    capitalises as part of a name ("Tlatelolco Plaza ... at the Plaza": a short form of the
    name), or a line that reads as a title-case headline (no final mark, half its content
    words capitalised: "Sturridge dips Deep equalizer vs. Chelsea").
    """
    common, house = mat.common, mat.house
    sites = []
    for m in _MID_WORD.finditer(text):
        word = m.group("word")
        capital = word[0].upper() + word[1:]
        if word not in common or capital in house or _singular(capital) in house:
            continue
        if regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(capital)}(?![\p{{L}}\p{{M}}])", text):
            continue
        if _headline(text, m.start("word"), mat.function):
            continue
        at = m.start("word")
        sites.append(_Site(at, at + 1, word[0].upper(), (at - 1, m.end() + 1), (0, len(word))))
    return sites


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end != -1 else len(text)]


def _headline(text: str, pos: int, function: frozenset[str]) -> bool:
    """True when the line at ``pos`` has no sentence-final mark and half its content words are
    capitalised: a headline, where title case makes any capital legitimate."""
    line = _line_at(text, pos).rstrip()
    if not line or line.rstrip("\"'”’)")[-1:] in (".", "!", "?"):
        return False
    words = [w for w in regex.findall(r"\p{L}[\p{L}\p{M}'’\-]*", line) if w.lower() not in function]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) * 2 >= len(words)


def _translit_sites(text: str, mat: Material) -> list[_Site]:
    common = mat.common
    occurrences: dict[str, list[int]] = {}
    for m in _NAME.finditer(text):
        word = m.group()
        if _SENTENCE_END.search(text[max(0, m.start() - 3) : m.start()]) or _line_start_before(text, m.start()):
            continue  # a sentence or line opens here: the capital may be the sentence's, not a name's
        occurrences.setdefault(word, []).append(m.start())
    present = set(_NAME.findall(text))
    sites = []
    titles = mat.titles
    for word, starts in occurrences.items():
        if len(starts) < 2 or word.lower() in common or word.lower() in mat.function or word.lower() in titles:
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


def _boilerplate_sites(text: str, mat: Material) -> list[_Site]:
    end = len(text)
    sites = []
    for line in mat.boilerplate:
        if text.endswith("\n"):
            addition, lead = "\n" + line + "\n", 1
        else:
            addition, lead = "\n\n" + line, 2
        sites.append(_Site(end, end, addition, (end, end + 1), (lead, lead + len(line))))
    return sites


# --- missing_space (W103), space_before_punct (W104), duplicated_run (W105), stray_punct (P102),
# --- repeated_word (R101)

# missing_space: a word, a mark, a space or line break, a word.
_GLUE_MARK_SITE = regex.compile(
    r"(?P<left>\p{L}[\p{L}\p{M}]+|\p{N}{2,})(?P<mark>[.!?,;])(?P<sep> |\n)(?P<right>\p{L}[\p{L}\p{M}]+)"
)
# space_before_punct: a mark after a letter or digit, then a space, a line break or the end.
_MARK_END_SITE = regex.compile(r"(?<=[\p{L}\p{M}\p{N}])(?P<mark>[.,;:!?])(?=[ \t]|\n|$)")
# duplicated_run: one to three capitalised words (a name, a link text) after a space or a line start.
_CAPITALISED_RUN = regex.compile(
    r"(?<![^\s])(?P<run>\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,2})(?![\p{L}\p{M}\p{N}'’\-])", regex.MULTILINE
)
# stray_punct: a comma after a word before a lower-case word; a sentence-final full stop after a word.
_COMMA_BEFORE_WORD = regex.compile(r"(?<=(?P<word>[\p{L}\p{M}]+)),(?= \p{Ll})")
_FINAL_STOP = regex.compile(r"(?<=(?P<word>[\p{L}\p{M}]+))\.(?=\n|$)")
# repeated_word: a lower-case word between spaces (or at a line start) and before a space.
_LOWER_WORD = regex.compile(r"(?<![^\s])(?P<word>\p{Ll}+)(?= \p{L})", regex.MULTILINE)


def _missing_space_sites(text: str, mat: Material) -> list[_Site]:
    """Where a scraper or MT drops the space after a mark: "month. Egyptian" -> "month.Egyptian".

    Variants: *sentence break* (". " + capital inside a line), *paragraph break* (a line
    ending in a mark joined to the next: "in 1953.\\nMost" -> "1953.Most"), *comma* (", " + a
    word: "said, the" -> "said,the") and *semicolon*. Not after an abbreviation or an
    initial ("Mr. Smith", "U.S. officials"): there the missing space is another matter.
    """
    sites = []
    for m in _GLUE_MARK_SITE.finditer(text, overlapped=True):
        left, mark, sep, right = m.group("left"), m.group("mark"), m.group("sep"), m.group("right")
        before = text[m.start() - 1] if m.start() > 0 else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if before.isalnum() or before in ".-'’" or after.isalnum() or after in "-'’.":
            continue
        if left.lower() in _abbreviation_words() or right.lower() in _abbreviation_words():
            continue
        if mark in ".!?":
            if not (right[0].isupper() and right[1:].islower()):
                continue
            variant = "paragraph break" if sep == "\n" else "sentence break"
        elif sep == "\n" or not (right.islower() or right[1:].islower()):
            continue
        else:
            variant = "comma" if mark == "," else "semicolon"
        start = m.start("sep")
        sites.append(_Site(start, m.end("sep"), "", (m.start(), m.end()), (-len(left) - 1, len(right)), variant))
    return sites


def _space_before_punct_sites(text: str, mat: Material) -> list[_Site]:
    """A space before a mark that ends a word: "said, the" -> "said , the"; "month." -> "month ."."""
    names = {".": "full stop", ",": "comma", ";": "semicolon", ":": "colon", "!": "exclamation", "?": "question"}
    sites = []
    for m in _MARK_END_SITE.finditer(text):
        at = m.start()
        j = at
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        word = text[j:at]
        if j > 0 and text[j - 1] in ".'’-":
            continue  # "U.S.", "e.g.", "rock'n'roll."
        if m.group("mark") == "." and (len(word) < 2 or word.lower() in _abbreviation_words() or word.isupper()):
            continue  # "Mr.", "Inc.", "BBC." (an acronym's own stop may be an abbreviation's)
        if m.group("mark") in mat.no_space_before:
            continue  # French typography puts a space before ; : ? !
        sites.append(_Site(at, at, " ", (j, at + 1), (0, 2), names[m.group("mark")]))
    return sites


def _duplicated_run_sites(text: str, mat: Material) -> list[_Site]:
    """A link text or label scraped twice, glued: "Terry Branstad" -> "Terry BranstadTerry Branstad".

    Variants: *full copy*, and *prefix copy*, a truncated copy cut inside the last word
    ("Alexander RyuAlexander Ryumin": a shortened link text). A one-word run must have five
    letters or more: shorter doubles are often words or brands of their own ("PawPaw").
    """
    sites = []
    for m in _CAPITALISED_RUN.finditer(text):
        run = m.group("run")
        words = run.split(" ")
        if len(words) == 1 and len(run) < 5:
            continue
        if any(w.lower() in _abbreviation_words() or w.lower() in mat.function for w in words):
            continue  # "The", "Mr": not a label on its own
        at = m.start("run")
        region = (max(0, at - 1), m.end())
        sites.append(_Site(at, at, run, region, (0, 2 * len(run)), "full copy"))
        last_start = len(run) - len(words[-1])
        for cut in range(max(last_start + 2, 3), len(run) - 1):
            sites.append(_Site(at, at, run[:cut], region, (0, cut + len(run)), "prefix copy"))
    return sites


def _stray_punct_sites(text: str, mat: Material) -> list[_Site]:
    """Two different marks where one belongs: "said, the" -> "said., the"; "month." -> "month,."."""
    sites = []
    for m in _COMMA_BEFORE_WORD.finditer(text):
        word, at = m.group("word"), m.start()
        if len(word) < 2 or word.lower() in _abbreviation_words():
            continue
        sites.append(_Site(at, at, ".", (at - len(word), at + 1), (0, 2), ".,"))
        sites.append(_Site(at, at, ". ", (at - len(word), at + 1), (0, 3), ". ,"))
    for m in _FINAL_STOP.finditer(text):
        word, at = m.group("word"), m.start()
        if len(word) < 2 or word.lower() in _abbreviation_words() or word.isupper():
            continue
        sites.append(_Site(at, at, ",", (at - len(word), at + 1), (0, 2), ",."))
        sites.append(_Site(at, at, ";", (at - len(word), at + 1), (0, 2), ";."))
    return sites


def _repeated_word_sites(text: str, mat: Material) -> list[_Site]:
    """A lower-case word written twice: "the talks" -> "the the talks"; "rose sharply" -> "rose rose sharply".

    Variants: *closed-class* (an article, preposition, conjunction...: "the the", "of of") and
    *content word* (a common word: "status status"). Never a word English doubles on
    purpose ("had had", "that that", "very very").
    """
    function, common, doubles = mat.function, mat.common, mat.doubles
    sites = []
    for m in _LOWER_WORD.finditer(text):
        word = m.group("word")
        if word in doubles:
            continue
        if word in function:
            variant = "closed-class"
        elif word in common and lexicon.zipf(word, mat.language) >= 3.0:
            variant = "content word"
        else:
            continue
        end = m.end()
        sites.append(_Site(end, end, " " + word, (m.start(), end + 1), (-len(word), len(word) + 1), variant))
    return sites


@cache
def _abbreviation_words() -> frozenset[str]:
    """Words written with a full stop of their own (the detectors' list and the one above)."""
    lines = lexicon.resource_lines("abbreviations.txt") + lexicon.resource_lines("comma-abbreviations.txt")
    return frozenset(w.lower() for w in lines) | _ABBREVIATIONS


# --- preferred_spelling (N201), untranslated (L101), foreign_script (L102),
# --- boilerplate_multilingual (B101), offtopic (B102)

#: Sentences in the usual source languages of news feeds, written for these injections: what
#: machine translation leaves untranslated.
FOREIGN_SENTENCES: dict[str, tuple[str, ...]] = {
    "Spanish": (
        "El ministro dijo que las conversaciones continuarán la próxima semana en Ginebra.",
        "Según las autoridades locales, al menos tres personas murieron en el ataque.",
        "El gobierno anunció nuevas medidas para reducir el precio de la energía.",
        "Los precios subieron un cinco por ciento en el último trimestre del año.",
    ),
    "French": (
        "Le ministre a déclaré que les négociations reprendraient la semaine prochaine à Genève.",
        "Selon les autorités locales, au moins trois personnes ont été tuées dans l'attaque.",
        "Le gouvernement a annoncé de nouvelles mesures pour faire baisser le prix de l'énergie.",
        "Les prix ont augmenté de cinq pour cent au cours du dernier trimestre.",
    ),
    "German": (
        "Der Minister sagte, die Gespräche würden in der nächsten Woche in Genf fortgesetzt.",
        "Nach Angaben der örtlichen Behörden wurden bei dem Angriff mindestens drei Menschen getötet.",
        "Die Regierung kündigte neue Maßnahmen an, um die Energiepreise zu senken.",
        "Die Preise stiegen im letzten Quartal des Jahres um fünf Prozent.",
    ),
    "Italian": (
        "Il ministro ha detto che i negoziati riprenderanno la prossima settimana a Ginevra.",
        "Il governo ha annunciato nuove misure per ridurre il prezzo dell'energia.",
    ),
    "Portuguese": (
        "O ministro disse que as negociações continuarão na próxima semana em Genebra.",
        "O governo anunciou novas medidas para reduzir o preço da energia.",
    ),
}

#: Page furniture in the source languages of feeds, and as machine translation renders it.
MULTILINGUAL_BOILERPLATE_LINES: tuple[str, ...] = (
    "Deja una respuesta",
    "Leer más",
    "Leído 523 veces",
    "Deixe um comentário",
    "Leia também",
    "Schreibe einen Kommentar",
    "Weiterlesen",
    "Laisser un commentaire",
    "Lire la suite",
    "Lascia un commento",
    "Leggi anche",
    "Добавить комментарий",
    "Читайте также",
    "Просмотров: 523",
    "Leave an answer",
    "Write a comment",
    "Read 523 times",
    "1,234 views",
    "Subscribe to continue reading",
    "This website uses cookies to improve your experience.",
    "(This story has not been edited by NDTV staff and is auto-generated from a syndicated feed.)",
)

#: Teasers of unrelated stories that sites put after a "See also" cue (written for these injections).
OFFTOPIC_TEASERS: tuple[str, ...] = (
    "Cuba successfully developed its national cochlear implant programme, and hundreds of deaf children now hear.",
    "Scientists have discovered a new species of tree frog with bright orange feet in the cloud forests of Ecuador.",
    "Astronomers photographed a comet passing close to Jupiter, a sight that returns only every seventy years.",
    "A bakery in Lyon won the national baguette contest for the third time with a recipe using ancient wheat.",
    "Beekeepers warn that a mild winter has woken hives too early, leaving colonies hungry before spring flowers.",
    "The oldest known cave paintings of hunting scenes were dated to more than fifty thousand years ago.",
)
# Cues without a colon and teasers that end in a full stop: what B101's short link lines do not cover.

# Latin letters and the Cyrillic letters that look the same (homoglyphs).
_CYRILLIC_LOOKALIKE = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х"}
# A plain Latin-to-Cyrillic transliteration for names left in the source script.
_TO_CYRILLIC_DIGRAPHS = (
    ("shch", "щ"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ya", "я"),
    ("yu", "ю"),
)
_TO_CYRILLIC_LETTERS = {
    "a": "а",
    "b": "б",
    "c": "к",
    "d": "д",
    "e": "е",
    "f": "ф",
    "g": "г",
    "h": "х",
    "i": "и",
    "j": "дж",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "q": "к",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "v": "в",
    "w": "в",
    "x": "кс",
    "y": "й",
    "z": "з",
}
# Common nouns that machine translation from Chinese sometimes leaves in Chinese characters.
CHINESE_TERMS = {
    "government": "政府",
    "president": "总统",
    "economy": "经济",
    "market": "市场",
    "police": "警察",
    "company": "公司",
    "country": "国家",
    "city": "城市",
    "minister": "部长",
    "school": "学校",
    "hospital": "医院",
    "technology": "技术",
}
_CONTENT_WORD = regex.compile(r"\p{L}{4,}")
_PREFERRED_EDGE = r"[\p{L}\p{M}\p{N}_#@/.]"


def _preferred_spelling_sites(text: str, mat: Material) -> list[_Site]:
    """Where the text uses a house spelling (Kyiv, Beijing): the variant the list replaces is put back."""
    sites = []
    for pref in lexicon.shipped_preferences():
        if pref.requires and not regex.search(_whole(pref.requires), text, regex.IGNORECASE):
            continue
        old, new = pref.prefer.split(), pref.variant.split()
        if len(old) != len(new):
            continue
        diff = [i for i in range(len(old)) if old[i] != new[i]]
        if not diff:
            continue
        pattern = rf"(?<!{_PREFERRED_EDGE}){regex.escape(pref.prefer)}(?![\p{{L}}\p{{M}}\p{{N}}_])"
        for m in regex.finditer(pattern, text):
            if pref.keep and _inside_phrase(text, m.start(), m.end(), pref.keep):
                continue
            if pref.not_after_name and regex.search(r"\p{Lu}\p{Ll}+ $", text[max(0, m.start() - 30) : m.start()]):
                continue
            # Only the words that differ change: "Dmytro Kuleba" -> "Dmitriy Kuleba".
            words = [w.span() for w in regex.finditer(r"\S+", m.group())]
            first, last = diff[0], diff[-1]
            start, end = m.start() + words[first][0], m.start() + words[last][1]
            replacement = " ".join(new[first : last + 1])
            sites.append(_Site(start, end, replacement, (start, end), (0, len(replacement)), pref.variant))
    return sites


def _whole(phrases: Iterable[str]) -> str:
    return r"(?<![\p{L}\p{N}])(?:" + "|".join(regex.escape(p) for p in phrases) + r")(?![\p{L}\p{N}])"


def _inside_phrase(text: str, start: int, end: int, phrases: Iterable[str]) -> bool:
    window_start = max(0, start - 80)
    window = text[window_start : end + 80]
    return any(
        m.start() + window_start <= start and end <= m.end() + window_start
        for m in regex.finditer(_whole(phrases), window, regex.IGNORECASE)
    )


def _untranslated_sites(text: str, mat: Material) -> list[_Site]:
    """After a sentence that ends a line or is followed by another: a sentence left in the source language."""
    sites = []
    for m in regex.finditer(r"(?<=\p{Ll}{2}[.!?])(?= \p{Lu}|\n|$)", text):
        at = m.start()
        if text[max(0, at - 5) : at].lower().split(" ")[-1].strip(".!?") in _ABBREVIATIONS:
            continue
        for language, sentences in mat.foreign.items():
            for sentence in sentences:
                sites.append(_Site(at, at, " " + sentence, (at - 1, at), (1, 1 + len(sentence)), language))
    return sites


def _foreign_script_sites(text: str, mat: Material) -> list[_Site]:
    """A homoglyph inside a word, a name left in Cyrillic, or a common noun left in Chinese characters."""
    common = mat.common
    sites = []
    for m in regex.finditer(r"(?<![\p{L}\p{M}\p{N}'’\-])\p{Ll}{4,}(?![\p{L}\p{M}\p{N}\-])", text):
        word = m.group()
        for i, ch in enumerate(word):
            if ch in _CYRILLIC_LOOKALIKE and 0 < i < len(word) - 1:
                at = m.start() + i
                sites.append(
                    _Site(at, at + 1, _CYRILLIC_LOOKALIKE[ch], (m.start(), m.end()), (-i, len(word) - i), "homoglyph")
                )
                break
        chinese = mat.chinese.get(word)
        if chinese and not _quoted_or_bracketed(text, m.start(), m.end()):
            sites.append(_Site(m.start(), m.end(), chinese, (m.start(), m.end()), (0, len(chinese)), "Chinese term"))
    # A capitalised noun (German "Regierung"): the terms are keyed as the language writes them, so
    # English's lower-case keys find nothing here.
    for m in _NAME.finditer(text) if any(k[:1].isupper() for k in mat.chinese) else ():
        chinese = mat.chinese.get(m.group())
        if chinese and not _quoted_or_bracketed(text, m.start(), m.end()):
            sites.append(_Site(m.start(), m.end(), chinese, (m.start(), m.end()), (0, len(chinese)), "Chinese term"))
    for m in _NAME.finditer(text):
        word = m.group()
        if word.lower() in common or word.lower() in mat.titles:
            continue
        if _SENTENCE_END.search(text[max(0, m.start() - 3) : m.start()]):
            continue
        if _line_start_before(text, m.start()) or _quoted_or_bracketed(text, m.start(), m.end()):
            continue
        cyrillic = _to_cyrillic(word)
        sites.append(_Site(m.start(), m.end(), cyrillic, (m.start(), m.end()), (0, len(cyrillic)), "Cyrillic name"))
    return sites


def _to_cyrillic(word: str) -> str:
    low = word.lower()
    out = []
    i = 0
    while i < len(low):
        for latin, cyrillic in _TO_CYRILLIC_DIGRAPHS:
            if low.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(_TO_CYRILLIC_LETTERS.get(low[i], low[i]))
            i += 1
    result = "".join(out)
    return result[:1].upper() + result[1:]


def _quoted_or_bracketed(text: str, start: int, end: int) -> bool:
    before, after = text[start - 1 : start], text[end : end + 1]
    return bool(before and before in "\"'“‘«([") or bool(after and after in "\"'”’»)]")


def _boilerplate_multilingual_sites(text: str, mat: Material) -> list[_Site]:
    end = len(text)
    sites = []
    for line in MULTILINGUAL_BOILERPLATE_LINES:
        if text.endswith("\n"):
            addition, lead = "\n" + line + "\n", 1
        else:
            addition, lead = "\n\n" + line, 2
        sites.append(_Site(end, end, addition, (end, end + 1), (lead, lead + len(line))))
    return sites


def _offtopic_sites(text: str, mat: Material) -> list[_Site]:
    """After a paragraph (not the headline): a teaser for an unrelated story behind a 'See also' cue.

    Only teasers that share no word of four letters or more (function words aside, words
    compared by their first five letters: "returns" and "returned" are one) with the text are
    used, so that the insert is off-topic by construction.
    """

    def stems(t: str) -> set[str]:
        return {w.lower()[:5] for w in _CONTENT_WORD.findall(t) if w.lower() not in mat.function}

    words = stems(text)
    teasers = [t for t in mat.teasers if not (stems(t) & words)]
    lines = text.split("\n")
    if not teasers or sum(bool(line.strip()) for line in lines) < 3:
        return []
    sites = []
    pos = 0
    for n, line in enumerate(lines):
        end = pos + len(line)
        pos = end + 1
        if n == 0 or not line.strip() or end >= len(text.rstrip()):
            continue  # not after the headline, a blank line or the last paragraph
        for teaser in teasers:
            for cue in mat.cues:
                addition = f"\n{cue} {teaser}"
                sites.append(_Site(end, end, addition, (end - 1, end + 1), (1, len(addition)), "cue and teaser"))
            for cue in mat.cue_lines:
                addition = f"\n{cue}\n{teaser}"
                lead = len(cue) + 2
                sites.append(_Site(end, end, addition, (end - 1, end + 1), (lead, lead + len(teaser)), "cue line"))
    return sites


_FINDERS: dict[str, Callable[[str, Material], list[_Site]]] = {
    "merged_token": _merged_token_sites,
    "double_punct": _double_punct_sites,
    "spacing": _spacing_sites,
    "comma_capital": _comma_capital_sites,
    "stray_capital": _stray_capital_sites,
    "translit_inconsistency": _translit_sites,
    "boilerplate": _boilerplate_sites,
    "missing_space": _missing_space_sites,
    "space_before_punct": _space_before_punct_sites,
    "duplicated_run": _duplicated_run_sites,
    "stray_punct": _stray_punct_sites,
    "repeated_word": _repeated_word_sites,
    "preferred_spelling": _preferred_spelling_sites,
    "untranslated": _untranslated_sites,
    "foreign_script": _foreign_script_sites,
    "boilerplate_multilingual": _boilerplate_multilingual_sites,
    "offtopic": _offtopic_sites,
}


def sites(text: str, kind: str, language: str = "en") -> int:
    """How many natural sites ``text`` offers for ``kind`` (0: the kind cannot be injected, or means
    nothing in ``language``)."""
    mat = material(language)
    key = canonical_kind(kind)
    return 0 if key in mat.skip else len(_FINDERS[key](text, mat))


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


# --------------------------------------------------------------------------------------------
# Quotes, brackets, fragments and lower-case artefacts (P201, P202, P301, F101, C103, C104)
# --------------------------------------------------------------------------------------------

# A quotation on one line: straight or curly double quotes, or curly single ones, around 1-30 words.
QUOTATION = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<open>[\"“‘])(?P<body>[^\"“”‘\n]{1,200}?[\p{L}\p{N}.,!?])(?P<close>[\"”’])(?![\p{L}\p{N}])"
    r"|(?<![\p{L}\p{N}'])(?P<open>')(?P<body>[^'\n]{1,200}?[\p{L}\p{N}.,!?])(?P<close>')(?![\p{L}\p{N}])"
)
_PARENTHESIS = regex.compile(r"\((?P<body>[^()\n]{1,200})\)")


def _pair_sites(text: str, pattern: regex.Pattern[str], kind: str, openers: str = "\"“‘'") -> list[_Site]:
    """Drop the opening or the closing mark of a pair that opens and closes on one line.

    The span runs from the mark that is left to where the other one was (the quotation or
    aside that lost its mark). A closing mark is never dropped when the next line opens with
    a quote: the text would read as a legitimate quotation over several paragraphs. An
    opening single quote is never dropped: the closing one left would read as an apostrophe
    ("numbers drop' under Kim").
    """
    sites = []
    for m in pattern.finditer(text):
        start, end = m.start(), m.end()
        opener, closer = text[start], text[end - 1]
        if kind == "quote" and opener == '"' and text[start + 1 : end - 1].count('"'):
            continue
        line_end = text.find("\n", end)
        next_line = text[line_end + 1 :].lstrip(" \t") if line_end != -1 else ""
        if not (kind == "quote" and next_line[:1] and next_line[:1] in openers):
            sites.append(_Site(end - 1, end, "", (start, end), (start - (end - 1), 0), f"{closer} dropped"))
        if opener not in "‘'":
            sites.append(_Site(start, start + 1, "", (start, end), (0, end - start - 1), f"{opener} dropped"))
    return sites


def _unbalanced_quote_sites(text: str, mat: Material) -> list[_Site]:
    return _pair_sites(text, mat.quotation, "quote", mat.openers)


def _unbalanced_bracket_sites(text: str, mat: Material) -> list[_Site]:
    return _pair_sites(text, _PARENTHESIS, "bracket")


# quote_placement: a closing quote with a comma or full stop inside or after it.
INSIDE_MARK = regex.compile(r"(?<=[\p{L}\p{N}])(?P<mark>[.,])(?P<quote>[\"”’])(?=\s|$)")
OUTSIDE_MARK = regex.compile(r"(?<=[\p{L}\p{N}])(?P<quote>[\"”’])(?P<mark>[.,])(?=\s|$)")


def _quote_placement_sites(text: str, mat: Material) -> list[_Site]:
    """Punctuation doubled around a closing quote, as translation leaves it when it adds the
    target's punctuation to the source's: ',” he said' -> ',”, he said'; 'speed”, said' ->
    'speed”., said'."""
    sites = []
    for m in mat.inside_mark.finditer(text):
        if m.group("quote") == "’" and not _closes_single(text, m.start("quote")):
            continue
        at = m.end("quote")
        sites.append(_Site(at, at, m.group("mark"), (m.start(), at), (m.start() - at, 1), "inside and outside"))
    for m in mat.outside_mark.finditer(text):
        if m.group("quote") == "’" and not _closes_single(text, m.start("quote")):
            continue
        at = m.start("mark")
        extra = "." if m.group("mark") == "," else ","
        sites.append(_Site(at, at, extra, (m.start(), m.end()), (m.start("quote") - at, 2), "two after the quote"))
    return sites


def _closes_single(text: str, pos: int) -> bool:
    """True when the single quote at ``pos`` closes a ‘…’ quotation on its line."""
    line_start = text.rfind("\n", 0, pos) + 1
    return "‘" in text[line_start:pos]


# fragment: a title or role, then a personal name of two to four words.
_TITLE_NAME = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}.\-])(?P<title>\p{L}[\p{L}\p{M}\-]*\p{Ll})(?P<sep>,? )"
    r"(?P<name>\p{Lu}\p{Ll}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}]*)*(?: (?:al-|el-)?\p{Lu}\p{Ll}[\p{L}\p{M}'’]*"
    r"(?:-\p{L}[\p{L}\p{M}]*)*){1,3})(?![\p{L}\p{M}\p{N}'’\-])"
)
_BEFORE_TITLE = regex.compile(r"(?:^|(?P<mark>[,;:(—–])|(?P<word>[\p{L}\p{M}.'’\-]+))[ \t]*$")


def _fragment_sites(text: str, mat: Material) -> list[_Site]:
    """A full stop between a title or role and the name that fills it, where the result cannot
    be read as two sentences: "…, Foreign Minister Walid al-Moualem also called" -> "…, Foreign
    Minister. Walid al-Moualem also called"; "the foreign minister, Dmitriy Kuleba." -> "the
    foreign minister. Dmitriy Kuleba.".

    The title phrase must be bare (after a comma, a preposition or conjunction, or at the line
    start: "He met the Prime Minister. Boris Johnson said" is two good sentences), or the name
    must stand alone before a full stop. Abbreviated titles ("Mr Park") are left alone.
    """
    roles = _roles()
    functions = _function_words()
    common = _common_words()
    sites = []
    for m in _TITLE_NAME.finditer(text, overlapped=True):
        title = m.group("title")
        if title.lower() not in roles or title.lower() in _ABBREVIATIONS or len(title) < 3:
            continue
        words = m.group("name").split()
        if any(w.lower() in functions or w.lower() in roles for w in words) or words[-1].lower() in common:
            continue
        after = text[m.end() : m.end() + 2]
        alone = after[:1] == "." and (after[1:] in ("", " ", "\n"))
        if m.group("sep") == ", ":
            if not alone or title[0].isupper():
                continue
            variant = "comma apposition"
        else:
            if not (title[0].isupper() or _bare_before(text, m.start("title"), roles)):
                continue
            if not (_bare_before(text, m.start("title"), roles) or alone):
                continue
            variant = "title before name"
        at = m.end("title")
        length = len(m.group("sep"))
        span = (m.start("title") - at, m.end("name") - at - length + 2 + (1 if alone else 0))
        sites.append(_Site(at, at + length, ". ", (m.start(), m.end()), span, variant))
    return sites


def _bare_before(text: str, start: int, roles: frozenset[str]) -> bool:
    """True when nothing but capitalised modifiers and roles stands between ``start`` and a
    comma, a preposition or conjunction, or the line start ("between US President")."""
    pos = start
    for _ in range(6):
        line_start = text.rfind("\n", 0, pos) + 1
        m = _BEFORE_TITLE.search(text, line_start, pos)
        if m is None:
            return False
        if m.group("word") is None:
            return True  # the line start or a mark
        word = m.group("word")
        lower = word.lower()
        if word[0].isupper() or lower in roles:
            pos = m.start("word")
            continue
        return lower in _function_words() and lower not in _ARTICLES and lower not in _POSSESSIVES
    return False


_POSSESSIVES = frozenset(["his", "her", "its", "their", "our", "my", "your", "this", "that", "these", "those", "whose"])


@cache
def _roles() -> frozenset[str]:
    """Titles and roles that stand before a name ("minister", "linesman", "substitute")."""
    return frozenset(w.lower() for w in lexicon.titles()) | frozenset(lexicon.resource_lines("roles.txt"))


# lowercase_start: a capitalised common word that opens a sentence.
_SENTENCE_OPENER = regex.compile(r"(?:(?<=^)|(?<=\n)|(?<=[\p{Ll}\p{N}][.!?] ))(?P<word>\p{Lu}\p{Ll}+)(?= )")
_STRAY_STOP_SITE = regex.compile(
    r"(?<=(?<![\p{L}\p{M}'’\-.])(?P<left>\p{Ll}{3,}))(?P<gap> )(?P<right>\p{Ll}{2,})(?![\p{L}\p{M}'’\-])"
)


def _lowercase_start_sites(text: str, mat: Material) -> list[_Site]:
    """A sentence start lower-cased ("The talks failed." -> "the talks failed."), after a
    sentence that ends with a full stop, question or exclamation mark (a paragraph after a
    headline or after nothing may go on from the text before it); or a stray full stop in the
    middle of a sentence ("at the moment about the situation" -> "at the moment. about the
    situation")."""
    common = mat.common
    sites = []
    for m in _SENTENCE_OPENER.finditer(text):
        word = m.group("word")
        at = m.start("word")
        if word.lower() not in common or word == "I":
            continue
        before = text[:at].rstrip()
        if not before or before[-1] not in ".!?\"”’'":
            continue
        if before[-1] in "\"”’'" and (len(before) < 2 or before[-2] not in ".!?"):
            continue
        sites.append(_Site(at, at + 1, word[0].lower(), (at - 2, m.end()), (0, len(word)), "sentence start"))
    for m in _STRAY_STOP_SITE.finditer(text):
        left, right = m.group("left"), m.group("right")
        if left in _ABBREVIATIONS or right not in common or _line_start_before(text, m.start("left")):
            continue
        at = m.start("gap")
        sites.append(_Site(at, at, ".", (m.start("left"), m.end()), (0, 2 + len(right)), "stray full stop"))
    return sites


# lowercased_name: a capitalised name in running text.
_NAME_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’\-.@#/])\p{Lu}\p{Ll}{2,}(?![\p{L}\p{M}\p{N}'’\-])")


def _lowercased_name_sites(text: str, mat: Material) -> list[_Site]:
    """A name lower-cased in running text ("met Lavrov in Moscow" -> "met Lavrov in moscow"):
    a word on the shipped list of names, or one the text capitalises mid-sentence at least
    three times (two stay to show the spelling). Never a word that is also a common word in
    lower case (bush, rice, may, turkey), never at a sentence or line start, never a word of a
    multi-word name ("The Sunday Times", "New York": the capitalised words around it would read
    as the error)."""
    common = mat.common
    senses = _name_senses()
    proper = _proper_names()
    counts: dict[str, int] = {}
    found = []
    for m in _NAME_TOKEN.finditer(text):
        word = m.group()
        if _SENTENCE_END.search(text[max(0, m.start() - 3) : m.start()]) or _line_start_before(text, m.start()):
            continue
        if _headline(text, m.start(), mat.function):
            continue
        counts[word] = counts.get(word, 0) + 1
        found.append(m)
    sites = []
    for m in found:
        word = m.group()
        lower = word.lower()
        if lower in common or lower in senses or lower in mat.titles:
            continue
        if lower not in proper and counts[word] < 3:
            continue
        if regex.search(r"\p{Lu}[\p{L}\p{M}.'’\-]* $", text[max(0, m.start() - 30) : m.start()]) or regex.match(
            r" \p{Lu}", text[m.end() :]
        ):
            continue  # inside a multi-word name ("The Sunday Times"): the other words would stand out instead
        at = m.start()
        sites.append(_Site(at, at + 1, word[0].lower(), (at - 1, m.end() + 1), (0, len(word))))
    return sites


@cache
def _proper_names() -> frozenset[str]:
    return frozenset(lexicon.resource_lines("proper-names.txt"))


@cache
def _name_senses() -> frozenset[str]:
    return frozenset(lexicon.resource_lines("name-senses.txt"))


_STRAIGHT_PAIR = regex.compile(r'(?<![\p{L}\p{N}])"(?P<body>[^"\n]{1,200}?)"(?![\p{L}\p{N}])')
_CURLY_PAIR = regex.compile(r"(?<![\p{L}\p{N}])“(?P<body>[^“”\n]{1,200}?)”(?![\p{L}\p{N}])")


def _mixed_quotes_sites(text: str, mat: Material) -> list[_Site]:
    """One quotation in the other style, where a text has at least three quotations of one
    style and none of the other: a pasted or copied quote ('"war on terror"' -> '“war on
    terror”' among straight quotes, and the other way round)."""
    straight = list(_STRAIGHT_PAIR.finditer(text)) if "“" not in text and "”" not in text else []
    curly = list(_CURLY_PAIR.finditer(text)) if '"' not in text else []
    sites = []
    for pairs, left, right, variant in (
        (straight, "“", "”", "curly among straight"),
        (curly, '"', '"', "straight among curly"),
    ):
        if len(pairs) < 3:
            continue
        for m in pairs:
            body = m.group("body")
            sites.append(
                _Site(m.start(), m.end(), left + body + right, (m.start(), m.end()), (0, m.end() - m.start()), variant)
            )
    return sites


_FINDERS.update(
    {
        "unbalanced_quote": _unbalanced_quote_sites,
        "unbalanced_bracket": _unbalanced_bracket_sites,
        "quote_placement": _quote_placement_sites,
        "fragment": _fragment_sites,
        "lowercase_start": _lowercase_start_sites,
        "lowercased_name": _lowercased_name_sites,
        "mixed_quotes": _mixed_quotes_sites,
    }
)
