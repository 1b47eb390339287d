"""Page furniture by its shape (B101-B105) on whole pages: what goes, what stays, and how fast."""

from __future__ import annotations

import time

import pytest

from mtqa.detectors.boilerplate import _stamp_words, _vocabularies
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.fixes import fix_text
from mtqa.rules import Selection
from mtqa.span import Applicability

CODES = ("B101", "B102", "B103", "B104", "B105")


def engine(*codes: str) -> Engine:
    return Engine(RunOptions(selection=Selection(codes or CODES, preview=True)))


def flagged(text: str, *codes: str) -> list[str]:
    return [i.text for i in engine(*codes).check_document(Document.from_text(text))]


def fixed(text: str) -> str:
    eng = engine()
    return fix_text(text, lambda t: eng.check_document(Document.from_text(t)), Applicability.UNSAFE).text


# A machine-translated page as scrapers keep it: the article (headline, byline, dateline, caption,
# subheads) between the widgets of the site.
ARTICLE = """Kobakhidze says the opposition will not pass the threshold

By Nino Beridze

TBILISI, March 3 (Reuters) - Irakli Kobakhidze said on Monday that the opposition would not pass the threshold.

Supporters gather outside parliament on Monday. (Photo: Reuters)

What the polls say

The party polled 2 % in the last survey, he told reporters at a briefing.

Next steps

The election is due in October."""

PAGE = (
    "30 November 2023,   21:21\n\n"
    + ARTICLE.replace("What the polls say", "Show original\n\nWhat the polls say")
    + "\n\n(Visited 3 times, 1 visits today)\n\nPin\nSend\nShare\nSend\n\n#Georgia #election #threshold\n\n"
    "About the Author\n\nNino Beridze\n\nNino covers politics in the Caucasus.\n\nView All Articles\n\n"
    "Leave a Reply\n\nYour email address will not be published. Required fields are marked *"
)


def test_every_widget_of_the_page_goes_and_the_article_stays() -> None:
    assert fixed(PAGE) == ARTICLE


def test_nothing_of_the_article_is_flagged() -> None:
    assert flagged(ARTICLE) == []


def test_each_flag_covers_one_line_of_furniture() -> None:
    found = flagged(PAGE)
    assert "30 November 2023,   21:21" in found and "Show original" in found
    assert {"Pin", "Send", "Share", "Nino Beridze", "Nino covers politics in the Caucasus."} <= set(found)
    article_lines = {line for line in ARTICLE.splitlines() if line.strip()}
    assert not article_lines & set(found)


@pytest.mark.parametrize(
    "label",
    ["Teilen", "Kommentare", "Поделиться", "Paylaş", "Udostępnij", "Condividi", "Partager", "Bagikan"],
)
def test_share_and_comment_labels_of_the_source_site_in_its_language(label: str) -> None:
    text = f"The minister left Kyiv on Friday.\n{label}\nHe returned on Monday, officials said."
    assert flagged(text, "B101", "B103") == [label]


def test_a_truncation_marker_is_flagged_without_a_fix() -> None:
    text = "This statement was reportedly supported by most of the deputies and […]\n\nNext story"
    (issue,) = engine("B104").check_document(Document.from_text(text))
    assert issue.text == "[…]" and issue.fix is None


def test_a_run_of_widget_lines_goes_in_one_fix_with_its_paragraph_break() -> None:
    text = "First paragraph of the story.\n\nPin\nSend\nShare\n\nSecond paragraph of the story."
    assert fixed(text) == "First paragraph of the story.\n\nSecond paragraph of the story."


def test_vocabularies_are_well_formed() -> None:
    vocabs = _vocabularies()
    assert len(vocabs) >= 10
    for v in vocabs:
        assert v.strong and v.weak and v.glue, v.language
        assert not (v.glue & (v.strong | v.weak)), (v.language, v.glue & (v.strong | v.weak))
        assert all(w == w.lower() for w in v.strong | v.weak | v.glue | v.section), v.language
    stamps = _stamp_words()
    assert {"months", "heads", "labels", "units", "id-heads"} <= set(stamps)
    assert {"relative-days", "post-verbs", "language-codes", "language-names", "language-english"} <= set(stamps)
    assert stamps["language-english"] <= stamps["language-codes"] | stamps["language-names"]
    assert all(v.credit and v.field and v.source for v in vocabs if v.language in ("en", "es", "fr", "de", "ru"))


# The header of a machine-translated page from a site nobody tuned for: date bar, weather widget,
# language switcher, currency rates, the site's promotion, a breadcrumb, a counter and a stamp.
HEADER = (
    "Sunday, 08 June, 2025\n|\nIn Stepanakert:   +13 °C\nru en ўз\n1 USD = 7997.95  \n1 EUR = 9396.79  \nru en ўз\n"
    "Uzbekistan is first represented at the Cannes Film Festival. See the reportage on our portal.\n"
    "Home / Politics / Mirziyoyev: “Every Head Will Live and Brea...\n\n"
)
STORY = (
    "Mirziyoyev: Every head will live and breathe the same air as the people\n\n"
    "During the meeting in Olmaliq, President Shavkat Mirziyoyev gave new instructions to the heads of districts."
    "\n\nSource: Reuters\n\nThe heads will live in the sectors they serve, the president said."
)


def test_a_page_header_of_widgets_goes_and_the_story_stays() -> None:
    page = HEADER + STORY.replace("\n\nDuring", "\n\n181\nYesterday, 19:28\nDuring")
    assert fixed(page) == STORY
    assert flagged(STORY) == []


def test_a_source_line_is_furniture_only_before_the_furniture_that_ends_the_page() -> None:
    body = "Russian forces were ready for any eventuality, the deputy minister warned."
    assert flagged(body + "\n\nSource: RT\n\nRelated Stories\n\nLeave a Reply", "B103") == ["Source: RT"]
    assert flagged(body + "\n\nSource: RT", "B103") == []
    assert flagged(body + "\n\nSource: RT\n\nThe talks resume on Monday, he said.\n\nRelated Stories") == [
        "Related Stories"
    ]


def test_a_picture_credit_is_furniture_under_the_headline_not_under_a_caption() -> None:
    credit = "Photo: Presidential Press Service"
    text = "Governors entrusted with road cleaning\n" + credit + "\nThe meeting was held on Monday, officials said."
    assert flagged(text, "B103") == [credit]
    caption = "The president at the meeting in Tashkent on Monday.\n"
    assert flagged("Governors entrusted with road cleaning\n" + caption + credit + "\nHe spoke.", "B103") == []


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the talks went well. " * 25_000 + "… Read more",
        "[a_b " * 200_000,
        "a | " * 200_000,
        "#a " * 300_000,
        "placeholder image the " * 50_000,
        "\n".join(["Share", "Pin", "Read more:", "Title of a thing", "The minister said it was fine."] * 2_000),
        "\n".join(["20 August 2019, 01:46", "1", "About the Author", "x"] * 2_500) + "\nThe minister said so.",
        "\n".join(["w w w . s i t e . u z", "ru en ўз", "1 USD = 7997.95", "+13 °C", "Source: RT"] * 2_000)
        + "\nThe minister said so.",
        "a b " * 100_000 + "\n" + "Watch it on our portal. " * 20_000 + "\nHome / " * 5_000,
    ],
    ids=["long-line", "brackets", "pipes", "hashtags", "placeholders", "short-lines", "stamps", "header", "shapes"],
)
def test_linear_time_on_long_or_many_lines(text: str) -> None:
    eng = engine()
    started = time.perf_counter()
    eng.check_document(Document.from_text(text))
    assert time.perf_counter() - started < 5.0


def test_superscript_digits_on_a_stamp_like_line_do_not_crash() -> None:
    """'²' is a digit for str.isdigit() but not for \\d: B105 once crashed on such a line."""
    text = "The flat measures 54 m² and was sold last week for a record price.\n\n1\xa0²; \n\nThe buyer paid cash."
    engine = Engine(RunOptions(selection=Selection(("B",))))
    engine.check_document(Document.from_text(text))
