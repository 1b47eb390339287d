"""Acceptance on the real article the project started from (../shared/data/seed).

Every ``must`` gold span is overlapped by an issue of a rule mapped to its type,
and no negative span is flagged by a casing, spacing, quote, punctuation,
boilerplate or fragment rule. Skips where ../shared is absent (a user's clone).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.document import Document
from mtqa.engine import Engine
from mtqa.fixes import fix_text
from mtqa.span import Applicability, Span

SEED = Path(__file__).resolve().parents[3] / "shared" / "data" / "seed"
pytestmark = pytest.mark.skipif(not SEED.is_dir(), reason=f"shared seed data not found at {SEED} (only CI has it)")

#: gold type -> rule codes that may claim it
RULES_FOR_TYPE = {
    "merged_token": {"W101"},
    "comma_capital": {"C101", "C102"},
    "stray_capital": {"C102", "C101"},
    "translit_inconsistency": {"N101"},
    "double_punct": {"P101", "P102"},
    "boilerplate": {"B101", "B102"},
    "spacing": {"W102"},
    "fragment": {"F101"},
    "quote": {"P301", "P201"},
    "preferred_spelling": {"N201"},
}
#: rule families whose flags on a negative span are false positives (names and model judged apart)
JUDGED_ON_NEGATIVES = ("W", "P", "C", "B", "F")


def load_jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (SEED / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed() -> tuple[str, list]:
    text = (SEED / "blinken-lavrov.en.txt").read_text(encoding="utf-8")
    issues = Engine().check_document(Document.from_text(text, id="seed"))
    return text, issues


def test_gold_offsets_match_the_file(seed) -> None:
    text, _ = seed
    for gold in load_jsonl("gold.jsonl") + load_jsonl("negatives.jsonl"):
        assert text[gold["start"] : gold["end"]] == gold["text"]


@pytest.mark.parametrize(
    "gold",
    [g for g in load_jsonl("gold.jsonl") if g["level"] == "must"] if SEED.is_dir() else [],
    ids=lambda g: f"{g['type']}:{g['text'][:20]}",
)
def test_every_must_span_is_flagged(seed, gold: dict) -> None:
    _, issues = seed
    span = Span(gold["start"], gold["end"])
    hits = [i for i in issues if i.code in RULES_FOR_TYPE[gold["type"]] and i.span.overlaps(span)]
    assert hits, f"{gold['type']} {gold['text']!r} at {span} not flagged"


def test_no_negative_is_flagged(seed) -> None:
    _, issues = seed
    for neg in load_jsonl("negatives.jsonl"):
        span = Span(neg["start"], neg["end"])
        wrong = [i for i in issues if i.code.startswith(JUDGED_ON_NEGATIVES) and i.span.overlaps(span)]
        assert not wrong, f"negative {neg['text']!r} flagged by {[(i.code, i.text) for i in wrong]}"


def test_exact_spans_of_the_headline_artefacts(seed) -> None:
    _text, issues = seed
    spans = {(i.code, i.text, i.span.start) for i in issues}
    assert ("W101", "BlinkenHe", 202) in spans
    assert ("W101", "LuganskIn", 1768) in spans
    assert ("C101", "Because", 306) in spans
    assert ("C101", "As", 1066) in spans
    assert ("C102", "Dialogue", 606) in spans
    assert ("C102", "Regarding", 1446) in spans
    assert ("W102", "\u00a0 ", 1843) in spans
    blinkin = [i for i in issues if i.code == "N101"]
    assert {i.text for i in blinkin} == {"Blinkin"} and len(blinkin) == 3
    assert all(len(i.related) == 3 for i in blinkin)


def test_safe_fixes_change_only_the_doubled_period_and_the_spacing(seed) -> None:
    text, _ = seed
    engine = Engine()
    outcome = fix_text(text, lambda t: engine.check_document(Document.from_text(t)), Applicability.SAFE)
    expected = text.replace("Efe. .", "Efe.").replace("See also\u00a0 ", "See also ")
    assert outcome.text == expected


def test_should_spans_of_fragments_and_quotes(seed) -> None:
    """The fragments and the spliced quotation of the `should` level, with their exact spans and fixes."""
    text, issues = seed
    found = {(i.code, i.text, i.span.start): i for i in issues}
    lavrov = found[("F101", "Minister. Sergey Lavrov,", 281)]
    kuleba = found[("F101", "minister. Dmitriy Kuleba.", 877)]
    assert ("P301", "same “and", 1299) in found
    assert lavrov.fix.apply(text)[281:312] == "Minister Sergey Lavrov, Because"  # a formal title: no stop
    assert kuleba.fix.apply(text)[877:902] == "minister, Dmitriy Kuleba."  # a role: a comma
    for gold in load_jsonl("gold.jsonl"):
        if gold["level"] == "should" and gold["type"] in ("fragment", "quote"):
            span = Span(gold["start"], gold["end"])
            assert any(i.code in RULES_FOR_TYPE[gold["type"]] and i.span.overlaps(span) for i in issues), gold
