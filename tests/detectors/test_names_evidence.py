"""N101/N102: which spelling deviates is decided by evidence, never by a count alone."""

from __future__ import annotations

import time

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection


def _issues(text: str, code: str = "N101", language: str = "en") -> list:
    engine = Engine(RunOptions(selection=Selection((code,))))
    return list(engine.check_documents([Document.from_text(text, language=language)]).issues)


def test_the_usual_spelling_wins_and_the_evidence_is_named() -> None:
    text = "Dmitry Peskov spoke. Peskov said the talks would go on, and Pesko added nothing."
    [issue] = _issues(text)
    assert issue.text == "Pesko" and issue.data["chosen"] == "Peskov"
    assert "the usual spelling of the name" in issue.data["evidence"]
    assert "the usual spelling of the name" in issue.message


def test_a_count_never_calls_the_usual_spelling_wrong() -> None:
    # Three against one for the garbled spelling: the evidence is split, so nothing is said.
    assert _issues("Pesko said no. Pesko left. Pesko came back. Peskov was quoted later.") == []


def test_the_headline_against_the_count_decides_nothing() -> None:
    text = "Drones hit the Republic of Adygea\n\nThe head of Adygeya wrote. Novaya Adygeya burned. Adygeya mourned."
    assert _issues(text) == []


def test_a_tie_is_settled_by_the_headline_only() -> None:
    assert [i.text for i in _issues("Gali Iskaliyev received\n\nThe President met Gali Iskaliev.")] == ["Iskaliev"]
    assert _issues("The President met him.\n\nGali Iskaliyev spoke. Later Gali Iskaliev left.") == []


def test_non_english_documents_are_left_alone() -> None:
    text = "Die Schweine fraßen. Das Schwein schlief. Das Schwein lief. Die Schweine schliefen."
    assert _issues(text, language="de") == []


def test_beside_a_shared_word_and_in_another_case() -> None:
    text = (
        "Song Hye-kyo spoke. Song Hye-kyo smiled. Fans of Song Hyegyo cheered. "
        "The new host Gaby Carrillo arrived; Gaby carrillo waved."
    )
    assert sorted((i.text, i.data["kind"]) for i in _issues(text)) == [("Hyegyo", "beside"), ("carrillo", "case")]


def test_a_name_in_capitals_needs_a_full_name_mention() -> None:
    assert [i.text for i in _issues("Jacek Bak warned the team. Although BAK praised the coach, he worried.")] == [
        "BAK"
    ]
    assert _issues("Bak warned the team. Although BAK praised the coach, he worried.") == []
    assert _issues("Neal Conan hosts.\nCONAN: Earlier today the president spoke.") == []


def test_n102_never_flags_a_far_better_known_spelling() -> None:
    engine = Engine(RunOptions(selection=Selection(("N102",))))
    docs = [
        Document.from_text("The Angelus bell rang.", id="a"),
        Document.from_text("Millet painted The Angelus.", id="b"),
        Document.from_text("Fans met in Los Angeles.", id="c"),
    ]
    assert engine.check_documents(docs).issues == ()


def test_one_long_line_stays_linear() -> None:
    words = (
        "Song Hye-kyo met Gaby Carrillo and Jacek Bak while BAK, Abdel Halim, Abdul Halim and snapdragon 820 talked. "
    )
    text = words * 8000  # about 1 MB on one line
    start = time.perf_counter()
    _issues(text)
    assert time.perf_counter() - start < 20
