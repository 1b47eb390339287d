"""P201 and P204-P207 beyond the case files: fixes, languages, paragraph layouts, long lines."""

from __future__ import annotations

import time

import pytest

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection
from mtqa.span import Applicability

CODES = ("P201", "P204", "P205", "P206", "P207")


def check(text: str, codes: tuple[str, ...] = CODES, language: str = "en"):
    engine = Engine(RunOptions(selection=Selection(codes, preview=True)))
    return engine.check_document(Document.from_text(text, language=language))


def found(text: str, codes: tuple[str, ...] = CODES, language: str = "en") -> list[tuple[str, str]]:
    return [(i.code, i.text) for i in check(text, codes, language)]


def test_one_flag_per_artefact_across_the_rules() -> None:
    # A wrong-direction closer after a space is P204's alone, not also P205's or P201's.
    assert found("He says: “We have the antennae out. “\nThe next game is on Sunday.") == [("P204", "“")]
    # A straight quote written for an apostrophe is P207's, and no longer unbalances the paragraph.
    assert found('Kobakhidze"s prediction: "Defend Georgia" cannot win.') == [("P207", '"')]
    # A space after an opening mark is P205's: the mark still pairs.
    assert found("He told him: “ You’re not going!”") == [("P205", "“ ")]


def test_wrong_direction_fix_is_safe_only_when_the_pairing_is_certain() -> None:
    (safe,) = check("“It was historic“, he said.", ("P204",))
    assert safe.fix is not None and safe.fix.applicability is Applicability.SAFE
    # Another double quote between the pair: which mark pairs with which is a guess.
    (unsafe,) = check("“It was a “new” and historic“, he said.", ("P204",))
    assert unsafe.text == "“" and unsafe.fix.applicability is Applicability.UNSAFE


def test_wrong_direction_closer_of_a_straight_opener_becomes_straight() -> None:
    (issue,) = check('"It was historic“, he said.', ("P204",))
    assert issue.fix.edits[0].replacement == '"'


def test_languages() -> None:
    # German closes „ with “ and writes ‚ … ‘: nothing is turned the wrong way.
    assert found("Er sagte: „Wir kommen“, und ‚ja‘. Das war‘s.", language="de") == []
    # French spaces its quotes.
    assert found("Il a dit : « Nous viendrons » et “ oui ”.", language="fr") == []
    # Swedish writes ”…”.
    assert found("Han sa: ”Vi kommer” i går.", language="sv") == []


def test_passage_ends_but_a_real_unclosed_quote_is_reported() -> None:
    assert found("The minister said: “We urge the agency to") == []
    assert found("The minister said: “We urge the agency to act.") == [("P201", "“")]
    # A short furniture line after the article does not excuse a quotation opened before it.
    assert found("The minister said: “We urge the agency to act.\nShare") == [("P201", "“")]


def test_sentence_per_line_text_carries_quotations() -> None:
    text = (
        "'At the end one girl came up to me and said: 'Why am I only being told this now?'\n"
        "She said no one had ever told her about sleep - which surprised me,' he told The Telegraph."
    )
    assert found(text) == []


def test_headline_without_a_full_stop_keeps_its_unclosed_quote() -> None:
    assert found("North Korea defector numbers 'drop under Kim\nThe number of defectors fell.") == [("P201", "'")]


def test_empty_quotes_but_not_doubled_closing_marks() -> None:
    assert found('and claims "" "" the world') == [("P201", '""'), ("P201", '""')]
    assert found('He called it "Snow White and the "Seven Dwarfs.""') == []


def test_apostrophe_fix_follows_the_document_style() -> None:
    (curly,) = check("It’s Entertainment‘s office.", ("P207",))
    assert curly.fix.edits[0].replacement == "’"
    (straight,) = check("It's Entertainment‘s office.", ("P207",))
    assert straight.fix.edits[0].replacement == "'"


def test_reopened_quote_points_at_the_first() -> None:
    (issue,) = check('"As is known, borders existed. "We raised them," he said.', ("P206",))
    assert issue.text == '"' and len(issue.related) == 1
    assert issue.fix is not None and issue.fix.applicability is Applicability.UNSAFE


@pytest.mark.parametrize(
    "text",
    [
        "“a " * 100_000,
        "a” " * 100_000,
        'he "said ' * 50_000,
        "‘a " * 50_000 + "“b " * 10 + "c” " * 50_000,
        "x, ”he said “ok“, ‘a‘ “ b ” ``c'' it‘s Kob\"s " * 10_000,
        " ”x ‘ ‘ ‘ ‘ ‘ ‘ ‘ ‘" * 15_000,
    ],
    ids=["opens", "closes", "straight", "deep-singles", "mixed", "right-marks"],
)
def test_long_lines_stay_linear(text: str) -> None:
    engine = Engine(RunOptions(selection=Selection((*CODES, "P203", "P301"), preview=True)))
    start = time.perf_counter()
    engine.check_document(Document.from_text(text))
    assert time.perf_counter() - start < 30
