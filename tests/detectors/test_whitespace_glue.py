"""W101 beyond a case change: glue without a case change, numbers, dates, web addresses,
drop caps and stripped compounds (issue 12). The case file has the look-alikes; these tests
pin the decisions that depend on the document and the cost on long lines."""

from __future__ import annotations

import time

import pytest

from mtqa.api import check_text


def _flags(text: str) -> list[str]:
    return [issue.text for issue in check_text(text, select=["W101"]).issues]


def test_a_name_glued_to_a_verb_needs_the_name_alone_elsewhere() -> None:
    assert _flags("Merkelsaid on Monday that the talks would go on.") == []
    assert _flags("Merkelsaid on Monday that Merkel would stay.") == ["Merkelsaid"]


def test_a_name_glued_to_a_function_word_may_be_a_known_word() -> None:
    assert _flags("The Presidentand his staff left.") == ["Presidentand"]


def test_the_same_document_twice_gives_the_same_flags() -> None:
    text = "Issues inthe regions, and authorities shouldtake responsibility."
    assert _flags(text) == _flags(text) == ["inthe", "shouldtake"]


def test_a_handle_with_an_underscore_does_not_make_the_page_code() -> None:
    text = "Because of the coronavirusIn the same way. – Jon Prosser (@jon_prosser) April 12, 2020"
    assert _flags(text) == ["coronavirusIn"]


def test_a_page_that_shows_code_keeps_its_identifiers() -> None:
    assert _flags("Call `isinstance` and then tolist() or thetasks on the result.") == []


def test_stripped_compound_gets_its_hyphens_back_and_spaces_as_the_alternative() -> None:
    [issue] = check_text("He was born in StratforduponAvon in 1564.", select=["W101"]).issues
    assert issue.fix is not None and issue.fix.edits[0].replacement == "Stratford-upon-Avon"
    assert issue.alternatives[0].edits[0].replacement == "Stratford upon Avon"


def test_drop_cap_only_at_the_start_of_a_paragraph() -> None:
    assert _flags("WThe government said so.") == ["WThe"]
    assert _flags("He said WThe government would act.") == []


def test_widget_date_needs_a_time_zone_a_weekday_or_a_date_label() -> None:
    assert _flags("Posted GMT14 March, Monday14 March and Updated3 May.") == ["GMT14", "Monday14", "Updated3"]
    assert _flags("The COP26 November talks and the Windows10 May update.") == []


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000_000,
        "x1 " * 300_000,
        "in1" * 300_000 + " word",
        "ab1/1/2001" * 100_000,
        "www." + "a." * 400_000 + "comPhoto",
        "WThe" + "e" * 1_000_000,
        "Stratford" + "upon" * 200_000 + "Avon",
    ],
    ids=["letters", "variables", "function-numbers", "dates", "domain", "drop-cap", "compound"],
)
def test_long_lines_are_checked_in_linear_time(text: str) -> None:
    start = time.perf_counter()
    check_text(text, select=["W101"])
    assert time.perf_counter() - start < 5.0
