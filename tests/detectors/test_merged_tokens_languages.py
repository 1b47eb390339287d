"""W101 in German, French and Spanish: glued words of the language, not brands and names.

The case file holds one sentence per shape; here the brand shapes the rule must leave alone are
run through the sentences of each language, and a seam at stripped markup is shown to be evidence
enough for halves the word lists do not vouch for.
"""

from __future__ import annotations

import pytest

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection

ENGINE = Engine(RunOptions(selection=Selection(("W101",))))

# Brands and names written with an inner capital, as their owners write them.
BRANDS = (
    "McDonald",
    "iPhone",
    "YouTube",
    "DeSantis",
    "BioNTech",
    "PayPal",
    "BahnCard",
    "InterCity",
    "ProSieben",
    "eBay",
    "McDo",
    "LeBron",
    "MoveOn",
    "WhatsApp",
    "LinkedIn",
    "MacDonald",
    "derStandard",
    "laSexta",
    "StudentInnen",
    "LehrerIn",
    "#BlackLivesMatter",
    "getElementById",
)
SENTENCES = {
    "de": ("Wir trafen {} gestern.", "Er sagte, das Team von {} habe gewonnen."),
    "fr": ("Nous avons vu {} hier.", "Il a dit que l’équipe de {} a gagné."),
    "es": ("Vimos a {} ayer.", "Dijo que el equipo de {} ganó."),
}


def _flags(text: str, language: str) -> list[str]:
    return [issue.text for issue in ENGINE.check_document(Document.from_text(text, language=language))]


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_brands_and_names_are_left_alone(language: str) -> None:
    flagged = {name for name in BRANDS for sentence in SENTENCES[language] if _flags(sentence.format(name), language)}
    assert flagged == set()


@pytest.mark.parametrize(
    ("language", "text", "glued"),
    [
        ("de", "Der neueste Bericht derFlorida Fish and Wildlife Commission liegt vor.", "derFlorida"),
        ("fr", "Des partisans tels que le premier ministreZoran Zaev sont venus.", "ministreZoran"),
        ("es", "El analista delDepartamento de Justicia habló ayer.", "delDepartamento"),
    ],
)
def test_glued_words_of_the_language_are_flagged(language: str, text: str, glued: str) -> None:
    assert _flags(text, language) == [glued]


def test_a_seam_at_stripped_markup_is_evidence_for_unknown_halves() -> None:
    text = "Wir sahen Kwazbo auf der Seite QuxelZarbo gestern."
    plain = Document.from_text(text, language="de")
    assert not list(ENGINE.check_document(plain))
    seam = text.index("Zarbo")
    marked = Document(plain.id, plain.text, plain.segments, language="de", boundaries=((seam, "a"),))
    [issue] = ENGINE.check_document(marked)
    assert issue.text == "QuxelZarbo" and issue.data["elements"] == ["a"]
