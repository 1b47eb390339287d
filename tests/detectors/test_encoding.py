"""E101 and E102 beyond the case files: fix applicability, the prefilter, long lines, other scripts."""

from __future__ import annotations

import time

import pytest

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection
from mtqa.span import Applicability


def check(text: str, code: str, language: str = "en"):
    engine = Engine(RunOptions(selection=Selection((code,), preview=True)))
    return engine.check_document(Document.from_text(text, language=language))


def test_lossless_redecoding_is_safe() -> None:
    issues = check("The cafÃ© owner said they donâ€™t open; it costs Â£5.", "E101")
    assert [(i.text, i.fix.edits[0].replacement) for i in issues] == [("Ã©", "é"), ("â€™", "’"), ("Â£", "£")]
    assert all(i.fix.applicability is Applicability.SAFE for i in issues)
    assert "Windows-1252" in issues[1].message or "Latin-1" in issues[1].message


def test_guessed_bytes_are_unsafe() -> None:
    lost_quote, emoji = check("She said: â€œWe are closedâ€ and left. Thank you 馃槉", "E101")[1:]
    assert lost_quote.fix.edits[0].replacement == "”"
    assert emoji.fix.edits[0].replacement == "😊"
    assert lost_quote.fix.applicability is emoji.fix.applicability is Applicability.UNSAFE
    (nbsp,) = check("The border is 10Â km away.", "E101")
    assert nbsp.fix.applicability is Applicability.UNSAFE


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der Bürgermeister von Zürich sagte, die Größe der Straße sei „enorm“.", "de"),
        ("« Ça va ? » À bientôt, dit-il ; l’été à Besançon était très chaud.", "fr"),
        ("¿Qué pasó en São Paulo? El niño comió jalapeños y piñones.", "es"),
        ("Сергей Лавров заявил, что «С точки зрения» Россия и Украина — Рёв, ЁЛКА.", "ru"),
        ("ROMÂNIA, ÎNTÂLNIRE, SÃO PAULO, Âge, Þór, Ærø, Gdańsk, Türkiye, Thủ tướng.", "en"),
        ("中文、日本語、한국어 and emoji 😀👍🏽 and the rare 馃子 and “curly” quotes — dashes…", "en"),
    ],
)
def test_correct_text_in_other_scripts_is_left_alone(text: str, language: str) -> None:
    assert check(text, "E101", language) == []
    assert check(text, "E102", language) == []


def test_mojibake_inside_code_is_left_alone() -> None:
    text = "Call `fix_text('cafÃ©')` to repair it.\n\n```\nprint(fix_text('donâ€™t'))\n```\n\nA def() shows code."
    assert check(text, "E101") == []


def test_clean_text_costs_almost_nothing() -> None:
    for text in (
        "The minister said that the talks would resume. " * 21_000,
        "Le café de São Paulo — naïve Müller. " * 28_000,
    ):
        start = time.perf_counter()
        assert check(text, "E101") == []
        assert check(text, "E102") == []
        assert time.perf_counter() - start < 0.5


def test_a_long_line_of_mojibake_is_checked_in_time() -> None:
    text = "The cafÃ© said donâ€™t go 10Â km â€“ ok. " * 2_500  # 100 kB, 10,000 issues
    start = time.perf_counter()
    assert len(check(text, "E101")) == 10_000
    assert time.perf_counter() - start < 10.0


def test_ligature_repair_picks_a_common_word() -> None:
    (issue,) = check("The e?ective date was moved.", "E102")
    assert issue.fix.edits[0].replacement == "effective"
    assert issue.fix.applicability is Applicability.UNSAFE
    (hole,) = check("The mayor of S\ufffdo Paulo arrived.", "E102")
    assert hole.text == "S\ufffdo" and hole.fix is None
