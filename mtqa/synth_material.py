"""What ``mtqa.synth`` draws its artefacts from, per target language.

English text gets the lists the injections were written with (the shipped function words,
SCOWL's common words, WordPress boilerplate, Spanish or French sentences left untranslated).
German, French and Spanish text get their own: the language pack's closed-class words and
quotation marks, wordfreq's common words, the boilerplate and teasers of the pack's
``[synth]`` table, and English sentences as the untranslated text ("English left in a German
page" is what machine translation into these languages leaves). A kind that means nothing in
a language (a stray capital in German, which capitalises every noun) is listed in the table's
``skip`` with the reason, and never injected there.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

from mtqa import lexicon
from mtqa.languages import base_code, language_pack

#: English sentences inserted into German, French or Spanish text by ``untranslated`` (written
#: for these injections): the sentence machine translation passes through untranslated.
ENGLISH_SENTENCES: tuple[str, ...] = (
    "The minister said that the talks would continue next week in Geneva.",
    "According to local officials, at least three people were killed in the attack.",
    "The government announced new measures to bring down the price of energy.",
    "Prices rose by five percent in the last quarter of the year, the report said.",
    "We are working with our partners to find a solution as soon as possible.",
)


@dataclass(frozen=True)
class Material:
    """One target language's material for the site finders of ``mtqa.synth``.

    ``function``: closed-class words; ``common``: common words that are not names (a capital on
    them is an artefact, their lower case is no name lowered); ``house``/``titles``: words news
    style capitalises, and titles ("President"): no names; ``articles``: closed-class words that
    may open a name or title ("The Times", "Die Zeit"); ``keep_capital``: words right when
    capitalised after a comma (German "Sie"); ``doubles``: words the language doubles on purpose;
    ``foreign``: untranslated sentences by their language; ``quotation``: a one-line quotation in
    the language's marks, ``openers`` the marks that open one; ``inside_mark``/``outside_mark``:
    a full stop or comma just inside or just after a closing mark; ``no_space_before``: marks
    the typography puts a space before (French ``;:?!``); ``skip``: kinds with no meaning in the
    language, with the reason.
    """

    language: str
    function: frozenset[str]
    common: Container[str]
    house: frozenset[str]
    titles: frozenset[str]
    articles: frozenset[str]
    keep_capital: frozenset[str]
    doubles: frozenset[str]
    boilerplate: tuple[str, ...]
    foreign: Mapping[str, tuple[str, ...]]
    teasers: tuple[str, ...]
    cues: tuple[str, ...]
    cue_lines: tuple[str, ...]
    chinese: Mapping[str, str]
    quotation: regex.Pattern[str]
    openers: str
    inside_mark: regex.Pattern[str]
    outside_mark: regex.Pattern[str]
    no_space_before: str = ""
    skip: Mapping[str, str] = field(default_factory=dict)


def material_language(language: str | None) -> str:
    """The language whose material is used for text in ``language``: its own where its pack has a
    ``[synth]`` table, else English (the injections' original material)."""
    lang = base_code(language)
    pack = language_pack(lang)
    return lang if pack is not None and pack.section("synth") else "en"


def material(language: str = "en") -> Material:
    """The material for text in ``language`` (see ``material_language``)."""
    return _material(material_language(language))


@cache
def _material(lang: str) -> Material:
    if lang == "en":
        return _english()
    pack = language_pack(lang)
    assert pack is not None
    table = pack.section("synth")
    closed = pack.closed_class
    doubles = [(a, b) for a, b in pack.quote_pairs if a not in "‘’‚‹›'" and b not in "‘’‚‹›'"]
    openers = "".join(a for a, _ in doubles)
    closers = "".join(b for _, b in doubles)
    quotes = regex.escape(openers + closers + '"')
    alternatives = "|".join(
        rf"(?<![\p{{L}}\p{{N}}])(?P<open>{regex.escape(a)})(?P<body>[^{quotes}\n]{{1,200}}?[\p{{L}}\p{{N}}.,!?…]"
        rf"[\u00a0\u202f ]?)(?P<close>{regex.escape(b)})(?![\p{{L}}\p{{N}}])"
        for a, b in doubles
    )
    close_class = regex.escape(closers)
    return Material(
        language=lang,
        function=closed,
        common=_CommonWords(lang, closed),
        house=frozenset(),
        titles=frozenset(),
        articles=frozenset(table.get("articles", ())),
        keep_capital=frozenset(table.get("comma-capital-keep", ())),
        doubles=frozenset(table.get("doubled-words", ())),
        boilerplate=tuple(table.get("boilerplate", ())),
        foreign={"English": ENGLISH_SENTENCES},
        teasers=tuple(table.get("offtopic-teasers", ())),
        cues=tuple(table.get("offtopic-cues", ())),
        cue_lines=tuple(table.get("offtopic-cue-lines", ())),
        chinese=dict(table.get("chinese-terms", {})),
        quotation=regex.compile(alternatives),
        openers=openers + '"',
        inside_mark=regex.compile(
            rf"(?<=[\p{{L}}\p{{N}}])(?P<mark>[.,])[\u00a0\u202f ]?(?P<quote>[{close_class}])(?=\s|$)"
        ),
        outside_mark=regex.compile(
            rf"(?<=[\p{{L}}\p{{N}}.!?…][\u00a0\u202f ]?)(?P<quote>[{close_class}])(?P<mark>[.,])(?=\s|$)"
        ),
        no_space_before=pack.space_before.replace("»", ""),
        skip=dict(table.get("skip", {})),
    )


@dataclass(frozen=True)
class _CommonWords(Container[str]):
    """The words of a language that are not names, as a test: its closed-class words, English's
    common lower-case words (German shares "minister", "problem", "hotel" with English, and
    capitalises them), and any word wordfreq finds more frequent in the language than in English
    ("regierung", "samstagnachmittag", "pays"). What is left are the international names that
    news in every language uses at least as often as English does ("trump", "warren",
    "massachusetts"): the candidates for name artefacts."""

    language: str
    closed: frozenset[str]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self.closed or _common(word, self.language))


@lru_cache(maxsize=1 << 16)
def _common(word: str, lang: str) -> bool:
    return word in lexicon.common_lowercase() or lexicon.zipf(word, lang) > lexicon.zipf(word, "en")


def _english() -> Material:
    """The injections' original English material (mtqa.synth's lists and the shipped resources)."""
    from mtqa import synth

    function = lexicon.function_words() - {"i"}
    house = lexicon.house_capitals()
    return Material(
        language="en",
        function=function,
        common=lexicon.common_lowercase() | function,
        house=house,
        titles=frozenset(w.lower() for w in lexicon.titles() | house),
        articles=frozenset(("the", "a", "an")),
        keep_capital=frozenset(),
        doubles=frozenset(lexicon.resource_lines("reduplications.txt")),
        boilerplate=synth.BOILERPLATE_LINES,
        foreign=synth.FOREIGN_SENTENCES,
        teasers=synth.OFFTOPIC_TEASERS,
        cues=("See also", "Read also", "Also read"),
        cue_lines=("Read also", "See also", "Related"),
        chinese=synth.CHINESE_TERMS,
        quotation=synth.QUOTATION,
        openers="\"“‘'",
        inside_mark=synth.INSIDE_MARK,
        outside_mark=synth.OUTSIDE_MARK,
    )
