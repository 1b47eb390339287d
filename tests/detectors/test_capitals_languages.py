"""The casing and name rules outside English: what they read from the language packs, and
where they stay silent on purpose (N201's English house list, F101's English lists)."""

from __future__ import annotations

import pytest

from mtqa import lexicon
from mtqa.detectors import capitals_lang, names_lang
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection, all_rules


def _codes(text: str, language: str, select: str) -> list[tuple[str, str]]:
    engine = Engine(RunOptions(selection=Selection((select,), preview=True)))
    issues = engine.check_document(Document.from_text(text, language=language))
    return [(i.code, text[i.span.start : i.span.end]) for i in issues]


@pytest.mark.parametrize("code", ["de", "fr", "es", "de-AT", "es_MX"])
def test_every_pack_has_a_capitals_table(code: str) -> None:
    caps = capitals_lang.capitals(code)
    assert caps is not None
    assert caps.closed_class and caps.nominalisers and caps.abbreviations and caps.sentence_marks


def test_english_has_no_table_and_keeps_its_own_evidence() -> None:
    assert capitals_lang.capitals("en") is None
    assert capitals_lang.capitals("pt") is None
    assert names_lang.name_language("en") is None


def test_german_polite_forms_and_noun_homographs_are_not_flaggable() -> None:
    caps = capitals_lang.capitals("de")
    assert caps is not None
    assert caps.flaggable("und") and caps.flaggable("weil") and caps.flaggable("der")
    for word in ("sie", "ihnen", "ihre", "dir", "laut", "wegen", "aus"):
        assert not caps.flaggable(word), word


def test_french_elision_is_looked_up_by_its_article() -> None:
    assert capitals_lang.elided("Qu'il") == "qu"
    assert capitals_lang.elided("L’Élysée") == "l"
    assert capitals_lang.elided("Selon") == "selon"


@pytest.mark.parametrize(
    ("a", "b", "code", "same"),
    [
        ("Selenskyj", "Selensky", "de", True),
        ("Merkel", "Merkels", "de", False),  # a genitive
        ("Kiew", "Kiewer", "de", False),  # the adjective of the place
        ("Zeiten", "Seiten", "de", False),  # two common nouns
        ("Mutter", "Mütter", "de", False),  # an umlaut plural
        ("Müller", "Muller", "de", True),  # a dropped umlaut
        ("López", "Lopez", "es", True),  # a dropped accent
        ("Sólo", "Solo", "es", False),  # an everyday word written both ways
        ("Parliament", "Parlement", "fr", False),  # an English word left in French
        ("Kuleba", "Kouleba", "fr", True),
    ],
)
def test_same_name_in_language(a: str, b: str, code: str, same: bool) -> None:
    assert names_lang.same_name(a, b, code) is same


def test_listed_spellings_of_one_place() -> None:
    assert ("Kiew", "Kyjiw") in names_lang.listed_pairs("de")
    assert ("Kiev", "Kyiv") in names_lang.listed_pairs("es")


def test_local_lexicon_drops_the_english_house_list_only() -> None:
    mine = lexicon.Preference("Kiew", "Kyjiw", "configuration")
    lex = lexicon.Lexicon.default(prefer=(mine,))
    local = names_lang.local_lexicon(lex)
    assert local.preferred("Kiew") == "Kyjiw"
    assert lex.preferred("Peking") == "Beijing" and local.preferred("Peking") is None


def test_n201_and_f101_stay_english() -> None:
    rules = {rule.code: rule for rule in all_rules()}
    assert rules["N201"].languages == ("en",)
    assert rules["F101"].languages == ("en",)
    assert rules["N102"].languages == ("en",)
    for code in ("C101", "C102", "C103", "C104", "N101"):
        assert set(rules[code].languages) == {"en", "de", "fr", "es"}, code


def test_peking_is_german_for_beijing() -> None:
    text = "Peking und Washington verhandeln. In Peking hieß es, die Gespräche gingen weiter."
    assert _codes(text, "de", "N") == []
    assert _codes(text.replace("und", "and"), "en", "N201")


def test_german_nouns_are_never_stray_capitals() -> None:
    text = "Bitte machen Sie sich für einen Moment bewusst, dass das All wie eine Trommel schwingen kann."
    assert _codes(text, "de", "C") == []


def test_french_colon_and_ellipsis_take_lower_case() -> None:
    text = "Il a répondu : non. Puis il a hésité... et il est parti, etc. et voilà."
    assert _codes(text, "fr", "C103") == []
