"""W110, P103 and the language tables the W/P/R rules read, beyond the case files."""

from __future__ import annotations

import time

from mtqa.detectors.punctuation import language_abbreviation, within_language_abbreviation
from mtqa.detectors.quotes import sentence_per_line
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.languages import language_pack
from mtqa.rules import Selection


def check(text: str, codes: tuple[str, ...], language: str):
    engine = Engine(RunOptions(selection=Selection(codes)))
    return engine.check_document(Document.from_text(text, language=language))


def test_packs_hold_the_tables_the_rules_read() -> None:
    for code in ("de", "fr", "es"):
        pack = language_pack(code)
        assert pack is not None
        assert pack.words("repetition", "reduplications"), code
        assert pack.section("punctuation").get("abbreviations"), code
        assert pack.section("punctuation").get("time-before"), code
    assert "die" in language_pack("de").words("repetition", "reduplications")
    assert "nous" in language_pack("fr").words("repetition", "reduplications")


def test_abbreviations_with_inner_spaces() -> None:
    text = "Los EE.\u00a0UU., dijo."
    dot = text.index(".,")
    assert language_abbreviation(text, dot, "es")
    assert within_language_abbreviation(text, text.index("."), "es")  # the first full stop of "EE. UU."
    assert not language_abbreviation("el mes próximo., dijo", 14, "es")
    assert language_abbreviation("z. B., sagte er", 4, "de")


def test_sentence_per_line_needs_lines_without_blank_ones() -> None:
    lines = "\n".join(f"Das ist Satz Nummer {n}." for n in range(10))
    assert sentence_per_line(Document.from_text(lines).segments)
    assert not sentence_per_line(Document.from_text(lines.replace("\n", "\n\n")).segments)
    assert not sentence_per_line(Document.from_text("Eins.\nZwei.\nDrei.").segments)
    several = "\n".join(f"Satz {n} ist kurz. Und das ist noch einer." for n in range(10))
    assert not sentence_per_line(Document.from_text(several).segments)


def test_french_fix_takes_the_documents_own_space() -> None:
    narrow = check("Il a dit\u202f: «\u202foui\u202f». Pourquoi?", ("W110",), "fr")
    assert [i.fix.edits[0].replacement for i in narrow] == ["\u202f"]
    plain = check("Pourquoi? Il a dit: oui.", ("W110",), "fr")
    assert [i.fix.edits[0].replacement for i in plain] == ["\u202f", "\u00a0"]  # the Lexique's choice


def test_typography_rules_speak_their_language_only() -> None:
    assert check("Pourquoi? Vienes mañana?", ("W110", "P103"), "en") == []
    assert [i.code for i in check("Pourquoi?", ("W110", "P103"), "fr")] == ["W110"]
    assert [i.code for i in check("Vienes mañana?", ("W110", "P103"), "es")] == ["P103"]


def test_long_lines_stay_linear() -> None:
    text = ("mot:mot;mot?! " * 4000) + "\n" + ("Vienes, dijo, mañana? " * 4000)
    start = time.perf_counter()
    check(text, ("W110",), "fr")
    check(text, ("P103",), "es")
    assert time.perf_counter() - start < 5.0
