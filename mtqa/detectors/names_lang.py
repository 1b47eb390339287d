"""What the name rules know of a target language other than English.

N101's English evidence (SCOWL's lower-case words, English word frequencies) does not carry
over: a German text capitalises every noun, so "Zeiten" and "Seiten" are two capitalised words
a letter apart that are no name at all; German inflects names ("Merkels", "Putins"), French
elides the article onto them ("d'Obama", "l'Élysée"), and Spanish writes accents that machine
translation drops ("López"/"Lopez", a real inconsistency). The language pack's ``[names]``
table gives the endings a name takes in the language and the spellings of one place that the
language's texts use side by side; wordfreq gives the language's common words.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from mtqa import lexicon
from mtqa.languages import base_code, language_pack

#: Languages whose pack has a ``[names]`` table that N101 reads.
LANGUAGES: tuple[str, ...] = ("de", "fr", "es")
#: Two spellings both at least this frequent in the language (wordfreq Zipf) are two words.
COMMON_ZIPF = 3.0
#: Spellings that differ in their accents only are one name unless both are this frequent (a
#: word of the language written with and without its accent, "sólo"/"solo", is no name).
ACCENT_ZIPF = 5.0


def name_language(language: str | None) -> str | None:
    """The base code when N101 knows the language beyond English, else None."""
    code = base_code(language)
    return code if code in LANGUAGES else None


@cache
def _table(code: str) -> tuple[frozenset[str], frozenset[str], tuple[tuple[str, ...], ...]]:
    pack = language_pack(code)
    if pack is None:
        return frozenset(), frozenset(), ()
    endings = frozenset(pack.words("names", "endings")) | {""}
    groups = tuple(tuple(group) for group in pack.section("names").get("same-name", ()))
    return pack.closed_class, endings, groups


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def closed_class(word: str, code: str) -> bool:
    """A closed-class word of the language ("Die", "Les", "Según" is not; "Para" is)."""
    return word.lower() in _table(code)[0]


def inflected(a: str, b: str, code: str) -> bool:
    """One name in two inflected forms: the words differ only by endings the language gives a
    name ("Putin"/"Putins", "Merkel"/"Merkels", "Kiew"/"Kiewer"), an umlaut aside
    ("Supermarkts"/"Supermärkte")."""
    endings = _table(code)[1]
    la, lb = _fold(a), _fold(b)
    n = 0
    while n < min(len(la), len(lb)) and la[n] == lb[n]:
        n += 1
    return la[n:] != lb[n:] and la[n:] in endings and lb[n:] in endings


def same_name(a: str, b: str, code: str) -> bool:
    """Whether two look-alike capitalised words can be one name in this language's text.

    Not when either is a closed-class word, when they are inflected forms of one name, when
    one is a common English word ("Parliament" left beside "Parlement": a translation, not a
    spelling), or when both are common words of the language ("Zeiten"/"Seiten"), unless they
    differ in accents only and are not both everyday words ("López"/"Lopez" yes, "Sólo"/"Solo"
    no). In German an umlaut inflects ("Mutter"/"Mütter"): there the accent-only pair must
    have a rare side ("Müller"/"Muller").
    """
    if closed_class(a, code) or closed_class(b, code) or inflected(a, b, code):
        return False
    za, zb = lexicon.zipf(a.lower(), code), lexicon.zipf(b.lower(), code)
    if _fold(a) == _fold(b):
        return min(za, zb) < (COMMON_ZIPF if code == "de" else ACCENT_ZIPF)
    if _english_word(a, za) or _english_word(b, zb):
        return False
    return min(za, zb) < COMMON_ZIPF


def _english_word(word: str, own: float) -> bool:
    """A common English word that the language itself uses far less: an English word left in the
    text ("Parliament" beside "Parlement"), not a spelling of the language's word."""
    english = lexicon.zipf(word.lower(), "en")
    return english >= COMMON_ZIPF and english > own + 1.0


def listed_pairs(code: str) -> tuple[tuple[str, str], ...]:
    """The pairs of spellings of one place that the pack lists (``[names] same-name``)."""
    return tuple((a, b) for group in _table(code)[2] for i, a in enumerate(group) for b in group[i + 1 :])


def local_lexicon(lex: lexicon.Lexicon) -> lexicon.Lexicon:
    """``lex`` without the shipped English house spellings (``prefer.toml``): "Peking" is German
    for Beijing. The configuration's own ``[prefer]`` entries stay: a newsroom's choice."""
    shipped = set(lexicon.shipped_preferences())
    return lexicon.Lexicon(
        accept=lex.accept, prefer=tuple(p for p in lex.prefer if p not in shipped), reject=lex.reject
    )
