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


def test_a_glued_article_needs_a_word_it_can_stand_before() -> None:
    assert _flags("They signed a preliminarya secret deal.") == ["preliminarya"]
    assert _flags("They signed a preliminarya agreement.") == []  # 'a' before a vowel
    assert _flags("They signed a preliminaryan agreement.") == ["preliminaryan"]
    assert _flags("They signed a preliminarya the end.") == []  # no noun phrase after it


def test_two_content_words_need_an_inflected_first_word_and_one_split() -> None:
    assert _flags("The firm has signedagreement with Samsung.") == ["signedagreement"]
    # closed compounds that wordfreq does not list start with a bare noun or a prefix
    assert _flags("The mouthpart, a monobrand store and the scatterpoints.") == []
    # "edged river" or "edge driver": two ways to cut it
    assert _flags("The edgedriver was installed.") == []


def test_a_function_word_glued_to_a_name_even_when_wordfreq_lists_the_pair() -> None:
    assert _flags("They will close theAmerican consulate.") == ["theAmerican"]
    assert _flags("Read theScore and theStreet.") == []  # brands end in a common word


def test_a_word_glued_to_a_brand_with_a_lower_case_initial() -> None:
    [issue] = check_text("Before the releaseiPhone 9 remains a year.", select=["W101"]).issues
    assert issue.fix is not None and issue.fix.edits[0].replacement == " "
    assert issue.data["left"] == "release" and issue.data["right"] == "iPhone"
    assert _flags("Call useState and read eBay, iPhone and easyJet news.") == []


def test_two_spaces_after_sentences_are_a_house_style_only_when_the_document_keeps_it() -> None:
    house = "He arrived.  He met the President.  They talked.  A statement followed."
    assert [i.text for i in check_text(house, select=["W102"]).issues] == []
    slip = "He arrived. He met the President. They talked.  A statement followed. It ended."
    assert [i.text for i in check_text(slip, select=["W102"]).issues] == ["  "]


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
        "aBcd" * 250_000,
        "theiPhone" * 100_000,
        "signedagreement " * 60_000,
        "a" * 1_000_000 + ".  B",
    ],
    ids=[
        "letters",
        "variables",
        "function-numbers",
        "dates",
        "domain",
        "drop-cap",
        "compound",
        "camel",
        "brand",
        "content-pair",
        "two-spaces",
    ],
)
def test_long_lines_are_checked_in_linear_time(text: str) -> None:
    start = time.perf_counter()
    check_text(text, select=["W101", "W102"])
    assert time.perf_counter() - start < 5.0
