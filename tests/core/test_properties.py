"""Properties over arbitrary text: detectors never raise, spans stay inside, fixing is idempotent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.fixes import applicable, fix_text
from mtqa.rules import Selection
from mtqa.span import Applicability

ENGINE = Engine(RunOptions(selection=Selection(preview=True)))
# Artefact-prone material mixed with arbitrary Unicode, so that rules actually fire.
PIECES = st.sampled_from(
    [
        "Blinken",
        "He",
        "In",
        "Because",
        "the",
        "Dialogue",
        ", ",
        ". ",
        ". .",
        ",,",
        "  ",
        "\u00a0 ",
        "“",
        "”",
        "‘",
        "’",
        "\n",
        "\n\n",
        "See also",
        " › ",
        "Leave a Reply",
        "Blinkin",
        "McDonald",
        "iPhone",
        "...",
        "\u200b",
        "(",
        ")",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str):
    return ENGINE.check_document(Document.from_text(text))


@SETTINGS
@given(TEXT)
def test_detectors_never_raise_and_spans_lie_inside(text: str) -> None:
    for issue in check(text):
        assert 0 <= issue.span.start <= issue.span.end <= len(text)
        assert issue.text == text[issue.span.start : issue.span.end]
        if issue.fix is not None:
            for edit in issue.fix.edits:
                assert 0 <= edit.span.start <= edit.span.end <= len(text)


@SETTINGS
@given(TEXT)
def test_fixing_twice_equals_fixing_once_and_leaves_no_safe_fix(text: str) -> None:
    once = fix_text(text, check, Applicability.SAFE).text
    assert fix_text(once, check, Applicability.SAFE).text == once
    assert not [i for i in check(once) if applicable(i, Applicability.SAFE)]
