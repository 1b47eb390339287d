"""L102 short lines and mojibake, L103 untranslated labels and date stamps."""

from __future__ import annotations

import time

from mtqa.detectors.language import _mojibake
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection

ENGLISH = "The minister spoke on Monday about the new plan for the region and its people.\n"


def _issues(text: str, *codes: str, language: str = "en") -> list:
    engine = Engine(RunOptions(selection=Selection(codes)))
    return list(engine.check_documents([Document.from_text(text, language=language)]).issues)


def test_labels_are_named_in_their_language() -> None:
    found = {
        i.text: i.data["language"]
        for i in _issues(ENGLISH + "Fecha de publicación:\nData di pubblicazione:\n13 de octubre de 2020\n", "L103")
    }
    assert found == {"Fecha de publicación:": "es", "Data di pubblicazione:": "it", "13 de octubre de 2020": "es"}


def test_the_source_language_is_said() -> None:
    doc = Document.from_text(ENGLISH + "Imagen principal:\n").with_source_language("es")
    [issue] = Engine(RunOptions(selection=Selection(("L103",)))).check_documents([doc]).issues
    assert "the source language" in issue.message


def test_each_line_is_flagged_by_one_rule() -> None:
    text = ENGLISH + "Publicado el 13 de octubre de 2020\n동영상 고정 취소\n"
    assert sorted((i.code, i.text) for i in _issues(text, "L101", "L102", "L103")) == [
        ("L102", "동영상 고정 취소"),
        ("L103", "Publicado el 13 de octubre de 2020"),
    ]


def test_mojibake_is_told_from_real_text() -> None:
    assert _mojibake("馃槉") and _mojibake("РџСЂРёРІРµС‚")
    assert not any(_mojibake(w) for w in ("国务院", "毛泽东", "東京", "Дмитрий Песков", "동영상", "Ελλάδα"))
    pairs = [chr(a) + chr(b) for a in range(0x4E00, 0x9FA5, 97) for b in range(0x4E00, 0x9FA5, 1999)]
    assert sum(map(_mojibake, pairs)) / len(pairs) < 0.005  # real Chinese words almost never look like mojibake


def test_a_long_line_stays_linear() -> None:
    text = ("Fecha: 12.03.2024 Дмитрий Песков said 13 de octubre de 2020: " * 20000) + "\n"
    start = time.perf_counter()
    _issues(text, "L102", "L103")
    assert time.perf_counter() - start < 20
