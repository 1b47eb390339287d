"""What the capitalisation rules know of a target language other than English.

The English rules decide with SCOWL (which lists a word's capitalised and lower-case
forms apart) and English word frequencies. Neither exists for German, French and Spanish
in mtqa's libraries: wordfreq folds case, so it cannot tell "Gobierno" (an institution)
from "gobierno", nor a German noun from a verb. What holds in every language is the
closed-class word: an article, pronoun, preposition, conjunction or auxiliary is never a
name on its own, so a capital on one in the middle of a sentence, between lower-case
words, is a slip. That is the evidence the rules use outside English; the language pack's
``[capitals]`` table says which closed-class words the language capitalises on purpose
(German "Sie"), which are nouns too (German "Laut"), which open a clause and never a name,
and the determiners after which a capitalised word is a word used as a noun ("das Aus").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from mtqa.languages import base_code, language_pack
from mtqa.lexicon import zipf

#: Languages whose pack has a ``[capitals]`` table that these rules read.
LANGUAGES: tuple[str, ...] = ("de", "fr", "es")


@dataclass(frozen=True)
class Capitals:
    """One language's casing facts, read from its pack (``[capitals]``)."""

    code: str
    closed_class: frozenset[str]
    #: Closed-class words capitalised mid-sentence on purpose (German "Sie", "Ihnen").
    capitalised_in_use: frozenset[str]
    #: Closed-class words that are nouns as well (German "Laut", "Wegen").
    noun_homographs: frozenset[str]
    #: Words that open a clause and never a name: flagged before and after a capitalised word.
    clause_openers: frozenset[str]
    #: Determiners after which a capitalised word is a noun ("das Aus", "el No").
    nominalisers: frozenset[str]
    #: Nouns and verbs after which a capitalised article opens a title ("la película El ...").
    title_words: frozenset[str]
    abbreviations: frozenset[str]
    particles: frozenset[str]
    sentence_marks: str
    continuation: frozenset[str]
    #: Whether a full stop marks an ordinal, Roman numerals included (German "Ludwig XIV. war").
    ordinal_stop: bool = False
    #: Whether adjectives follow their noun in lower case, spelled like a country or a party
    #: ("la ciudad indonesia", "le régime nazi"): then a lower-case name after a noun is no slip.
    adjective_after_noun: bool = False

    def flaggable(self, lower: str) -> bool:
        """A closed-class word whose capital mid-sentence is a slip in this language."""
        return lower in self.closed_class and lower not in self.capitalised_in_use and lower not in self.noun_homographs

    def common(self, lower: str, floor: float = 3.0) -> bool:
        """A word the language uses often (wordfreq Zipf ``floor`` or more) or a closed-class word."""
        return lower in self.closed_class or zipf(lower, self.code) >= floor


@cache
def capitals(language: str | None) -> Capitals | None:
    """The casing facts of ``language`` (any region), None for English and unpacked languages."""
    code = base_code(language)
    if code not in LANGUAGES:
        return None
    pack = language_pack(code)
    if pack is None:
        return None

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in pack.words("capitals", key))

    return Capitals(
        code=code,
        closed_class=pack.closed_class,
        capitalised_in_use=words("capitalised-in-use"),
        noun_homographs=words("noun-homographs"),
        clause_openers=words("clause-openers"),
        nominalisers=words("nominalisers"),
        title_words=words("title-words"),
        abbreviations=words("abbreviations"),
        particles=words("particles"),
        sentence_marks=str(pack.section("capitals").get("sentence-marks", ".!?")),
        continuation=words("continuation"),
        ordinal_stop=bool(pack.section("capitals").get("ordinal-stop", False)),
        adjective_after_noun=bool(pack.section("capitals").get("adjective-after-noun", False)),
    )


_ROMAN = frozenset("IVXLCDM")


def ordinal(token: str, caps: Capitals) -> bool:
    """A Roman numeral before a full stop that marks an ordinal in this language ("Ludwig XIV.
    war"); short numbers ("am 3. Oktober") are exempt in every language."""
    return caps.ordinal_stop and bool(token) and set(token) <= _ROMAN


def elided(word: str) -> str:
    """The lower-case word a French elided form stands for the lookup ("Qu'il" -> "qu")."""
    lower = word.lower().replace("’", "'")
    head, mark, _ = lower.partition("'")
    return head if mark else lower
