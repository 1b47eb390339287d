"""W106-W109 beyond the case files: spans, messages, fixes, long lines and paragraph layouts."""

from __future__ import annotations

import time

import pytest

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection
from mtqa.span import Applicability

CODES = ("W106", "W107", "W108", "W109")


def check(text: str, code: str, language: str = "en"):
    engine = Engine(RunOptions(selection=Selection((code,), preview=True)))
    return engine.check_document(Document.from_text(text, language=language))


def test_space_before_mark_moves_after_it_safely() -> None:
    (issue,) = check("Shots were heard at the border .The next day the army arrived.", "W106")
    assert issue.text == " .The"
    assert issue.fix is not None and issue.fix.applicability is Applicability.SAFE
    assert issue.fix.apply("Shots were heard at the border .The next day").endswith("border. The next day")


def test_hyphen_fix_depends_on_the_word_after_it() -> None:
    compound, dash = check("The socio -economic plan failed, and the insect -you can see it.", "W106")
    assert compound.fix.edits[0].replacement == "-" and "socio-economic" in compound.message
    assert dash.fix.edits[0].replacement == " – " and "dash" in dash.message
    assert {compound.fix.applicability, dash.fix.applicability} == {Applicability.UNSAFE}


@pytest.mark.parametrize(
    "text",
    [
        "Run `find . -name x` and the -v flag in code.\n\n```\ncurl -LsSf https://x.sh | sh\n```",
        "He said the temperature was -5 degrees and 2 -3 goals were scored.",
        "Use the .NET runtime or ASP .Net, open .Designspace files and .venv folders.",
        "The words in -ing, the prefix -anti and the ending -ness are affixes.",
    ],
)
def test_misplaced_space_leaves_code_minus_signs_and_affixes(text: str) -> None:
    assert check(text, "W106") == []


def test_bracket_glued_and_spaced_is_one_issue_with_one_fix() -> None:
    (issue,) = check("Troops of the Alliance( NATO) arrived in the region on Monday, officials said.", "W107")
    assert issue.text == "Alliance( NATO)"
    assert "space inside" in issue.message
    text = "Troops of the Alliance( NATO) arrived"
    assert issue.fix.apply(text) == "Troops of the Alliance (NATO) arrived"


def test_bracket_rule_skips_code_paragraphs() -> None:
    text = "```\nx = Foo(Bar)\ny = print( value )\n```\n\nThe call Foo(Bar) is shown above, in the text."
    assert check(text, "W107") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The train left at 9 : 30 GMT from the station.", "9 : 30"),
        ("Doors open from 18 :00 until late.", "18 :00"),
        ("Temperatures reached 43 º C in the shade.", "43 º C"),
    ],
)
def test_split_times_and_units(text: str, span: str) -> None:
    (issue,) = check(text, "W108")
    assert issue.text == span
    assert issue.fix.applicability is Applicability.SAFE


def test_paragraph_break_counts_only_between_paragraphs() -> None:
    wrapped = "The minister said on Monday that\nthe talks would resume in Geneva next week, officials said.\n"
    assert check(wrapped, "W109") == []  # a hard-wrapped line, not a paragraph break
    long_line = "The minister, speaking to reporters at the end of a long day of talks in the capital city, said that"
    one_per_line = long_line + "\nthe talks would resume in Geneva next week.\n"
    (issue,) = check(one_per_line, "W109")  # a document with one paragraph a line, no blank lines
    assert issue.text == "that\nthe"


def test_paragraph_fix_joins_with_one_space() -> None:
    text = "The ministry announced new measures against the spread\n\nof the virus in the capital on Friday."
    (issue,) = check(text, "W109")
    assert issue.fix.apply(text) == (
        "The ministry announced new measures against the spread of the virus in the capital on Friday."
    )


def test_comma_then_capital_has_no_fix() -> None:
    text = "Najwa Fouad denied the rumor of Hafez's marriage to the artist, Soad Hosni,\n\nShe attributed it to him."
    (issue,) = check(text, "W109")
    assert issue.text == ",\n\nShe" and issue.fix is None


@pytest.mark.parametrize("code", CODES)
def test_a_long_line_is_checked_in_linear_time(code: str) -> None:
    clean = "The minister said that the talks, at 10:45 (local time), would resume in 2-3 weeks. " * 12_000
    marks = "a .b -c ( d ) 10: 45 ° C # 1 x " * 30_000
    for text in (clean, marks):
        start = time.perf_counter()
        check(text, code)
        assert time.perf_counter() - start < 5.0
    start = time.perf_counter()
    assert check(clean, code) == []
    assert time.perf_counter() - start < 1.0
