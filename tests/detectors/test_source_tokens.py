"""What the S rules compare: the readings of numbers, times, Chinese numerals and number words,
addresses and placeholders, and patterns that stay linear on hostile input."""

from __future__ import annotations

import time

import pytest

from mtqa.detectors.source_tokens import (
    cjk_values,
    numbers,
    placeholders,
    roman_values,
    spelled_out,
    text_words,
    urls,
)


def readings(text: str) -> list[tuple[str, list[float]]]:
    return [(n.text, sorted(n.values)) for n in numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,000.5", [("1,000.5", [1000.5])]),
        ("1.000,5", [("1.000,5", [1000.5])]),
        ("1\u202f000,5", [("1\u202f000,5", [1000.5])]),
        ("1,127", [("1,127", [1.127, 1127.0])]),
        ("5,000", [("5,000", [5000.0])]),  # "000" after a comma is never a decimal part
        ("3 p.m.", [("3", [3.0, 15.0])]),
        ("7.55am", [("7", [7.0]), ("55", [55.0])]),
        ("19 h 00", [("19", [19.0]), ("00", [0.0])]),
        ("the 1980s", [("1980", [80.0, 1980.0])]),
        ("2017-18", [("2017", [2017.0]), ("18", [18.0, 2018.0])]),
        ("£2.8bn", [("2.8", [2.8, 2800.0, 2800000000.0])]),
        ("WW1 and G7", []),
        ("有25万种", [("25", [25.0, 25000.0, 250000.0])]),
        ("05.12.2019", [("05", [5.0]), ("12", [12.0]), ("2019", [2019.0])]),
    ],
)
def test_number_readings(text: str, expected: list[tuple[str, list[float]]]) -> None:
    assert readings(text) == expected


def test_units_and_ranges() -> None:
    inches, four = numbers("2 to 4 inches")
    assert inches.imperial and four.imperial
    five, ten = numbers("5 bis 10 Zentimeter")
    assert five.metric and ten.metric
    assert numbers("19 h 00")[1].optional


def test_number_words_roman_and_chinese_numerals() -> None:
    assert spelled_out(40, text_words("ein Mann in den Vierzigern"))
    assert spelled_out(58, text_words("Fifty-eight percent"))
    assert spelled_out(2, text_words("deux minutes"))
    assert not spelled_out(7, text_words("deux minutes"))
    assert roman_values("au XIXe siècle, la I Guerra") == {19, 1}
    assert cjk_values("十四亿年 三个 两千 一百二十") == {1.4e9, 3.0, 2000.0, 120.0}


def test_addresses_and_placeholders() -> None:
    assert [t.text for t in urls("See https://example.com/a(b). Mail a.b@c.co.uk.")] == [
        "https://example.com/a(b)",
        "a.b@c.co.uk",
    ]
    found = placeholders("%s %1$s %(name)s {0} {name} {{var}} ${v} <b>x</b><br/> 50 % des, 50%")
    keys = ["%s", "%1$s", "%(name)s", "{0}", "{name}", "{{var}}", "${v}", "<b>", "</b>", "<br>"]
    assert [t.key for t in found] == keys


@pytest.mark.parametrize(
    "hostile",
    [
        "1 " * 20000,
        "1,2" * 20000,
        "a" * 50000 + "@",
        "a." * 25000,
        "%" * 50000,
        "{" * 50000,
        "<a " * 20000,
        "www." + "a" * 50000,
        "12:" * 20000,
        "一" * 50000,
    ],
    ids=lambda hostile: f"{hostile[:6]!r}x{len(hostile)}",
)
def test_patterns_are_linear(hostile: str) -> None:
    start = time.perf_counter()
    numbers(hostile)
    urls(hostile)
    placeholders(hostile)
    cjk_values(hostile)
    assert time.perf_counter() - start < 2.0


def test_rules_stay_fast_on_a_segment_full_of_numbers() -> None:
    from mtqa.engine import Engine, RunOptions
    from mtqa.readers.common import Part, build_document
    from mtqa.rules import Selection

    engine = Engine(RunOptions(selection=Selection(("S",), preview=True)))
    source = " ".join(str(i) for i in range(20000)) + " https://example.com %s"
    doc = build_document("big", [Part(source.replace("7", "8"), source)], language="de", source_language="en")
    start = time.perf_counter()
    engine.check_document(doc)
    assert time.perf_counter() - start < 5.0
