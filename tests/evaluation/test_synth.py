"""Synthetic artefacts: injections sit at their recorded offsets, are deterministic, and their rules find them."""

from __future__ import annotations

import itertools

import pytest
import regex

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection, all_rules
from mtqa.synth import BOILERPLATE_LINES, EXPECTED_RULE, KINDS, canonical_kind, inject, sites

CLEAN = (
    "US Secretary of State Anthony Blinken met Sergey Lavrov in Geneva\n"
    "The talks between Blinken and Lavrov lasted three hours, because both sides wanted a dialogue "
    "solution to the crisis. The two ministers agreed to meet again next month.\n"
    "Officials said that Blinken would travel to Kyiv on Thursday, and that Lavrov would return to Moscow.\n"
)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("kind", KINDS)
def test_each_injection_is_at_its_recorded_offsets(kind: str, seed: int) -> None:
    result = inject(CLEAN, [kind], seed=seed)
    assert result.original == CLEAN and not result.skipped
    (inj,) = result.injections
    assert inj.kind == kind and inj.expected_rule == EXPECTED_RULE[kind]
    text = result.corrupted[inj.span.start : inj.span.end]
    before = result.corrupted[: inj.span.start]
    assert len(result.corrupted) - len(CLEAN) == len(inj.after) - len(inj.before)
    if kind == "merged_token":
        assert regex.fullmatch(r"\p{L}+\p{Ll}\p{Lu}\p{Ll}+", text), text
        assert text not in CLEAN
    elif kind == "double_punct":
        assert regex.fullmatch(r"\. \.|\.\.|,,", text), text
    elif kind == "spacing":
        assert text in ("  ", "\u00a0 ", " \u00a0")
    elif kind == "comma_capital":
        assert before.endswith(", ") and text[0].isupper() and text.lower() in CLEAN
    elif kind == "stray_capital":
        assert regex.search(r"\p{Ll} $", before) and text[0].isupper() and text[1:].islower()
        assert f" {text.lower()}" in CLEAN
    elif kind == "translit_inconsistency":
        names = [w for w in regex.findall(r"\p{Lu}\p{Ll}{4,}", CLEAN) if len(w) == len(text)]
        original = next(w for w in names if sum(a != b for a, b in zip(w, text, strict=True)) == 1)
        assert text not in CLEAN and original in result.corrupted  # the other mentions keep the spelling
    elif kind == "boilerplate":
        assert text in BOILERPLATE_LINES and result.corrupted.endswith(f"\n\n{text}\n")
        assert result.corrupted.startswith(CLEAN)


def test_all_kinds_at_once_keep_clear_of_each_other() -> None:
    result = inject(CLEAN, KINDS, seed=3)
    spans = [i.span for i in result.injections]
    assert len(spans) == len(KINDS) - len(result.skipped)
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start
    for inj in result.injections:  # offsets were shifted correctly through the later edits
        assert result.corrupted[inj.span.start : inj.span.end] not in ("", None)
        if inj.kind == "boilerplate":
            assert result.corrupted[inj.span.start : inj.span.end] in BOILERPLATE_LINES


def test_same_seed_same_result_and_seeds_differ() -> None:
    assert inject(CLEAN, KINDS, seed=7) == inject(CLEAN, KINDS, seed=7)
    assert inject(CLEAN, KINDS, seed="file:1") == inject(CLEAN, KINDS, seed="file:1")
    assert len({inject(CLEAN, KINDS, seed=s).corrupted for s in range(10)}) > 5


def test_kinds_without_a_site_are_skipped() -> None:
    result = inject("ok\n", ["comma_capital", "translit_inconsistency", "boilerplate"], seed=0)
    assert result.skipped == ("comma_capital", "translit_inconsistency")
    assert [i.kind for i in result.injections] == ["boilerplate"]
    assert sites("Nothing to see here", "comma_capital") == 0


def test_aliases_and_unknown_kinds() -> None:
    assert canonical_kind("name_variant") == "translit_inconsistency"
    assert canonical_kind("irregular-whitespace") == "spacing"
    assert canonical_kind("doubled_punct") == "double_punct"
    with pytest.raises(ValueError, match="unknown artefact kind"):
        canonical_kind("typo")


def test_no_site_inside_a_multi_word_name_or_after_an_abbreviation() -> None:
    text = "Speaking to the United Nations General Assembly, Dr. Smith and Mr. Jones left.\n"
    for seed in range(30):
        result = inject(text, ["merged_token"], seed=seed)
        for inj in result.injections:
            token = result.corrupted[inj.span.start : inj.span.end]
            assert token not in ("UnitedNations", "NationsGeneral", "GeneralAssembly", "DrSmith", "MrJones")


# Texts with a single natural site for the kind, so that the test does not depend on which site a seed picks.
FOUND_BY_RULE = {
    "merged_token": "Blinken spoke to reporters. He left early.\n",
    "double_punct": "The data were collected by Efe.\n",
    "spacing": "See also Cuba\n",
    "comma_capital": "The talks failed, because the minister left early.\n",
    "stray_capital": "Officials finding dialogue solution.\n",
    "translit_inconsistency": (
        "Anthony Blinken met Sergey Lavrov. Blinken said the talks failed. Later, Blinken left.\n"
    ),
    "boilerplate": "The talks failed.\n",
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_found_by_its_rule(kind: str) -> None:
    code = EXPECTED_RULE[kind]
    if code not in {r.code for r in all_rules()}:
        pytest.skip(f"{code} is not registered yet: nothing to find {kind} with")
    engine = Engine(RunOptions(selection=Selection(select=(code,), preview=True)))
    for seed in range(5):
        result = inject(FOUND_BY_RULE[kind], [kind], seed=seed)
        (inj,) = result.injections
        issues = engine.check_document(Document.from_text(result.corrupted))
        hits = [i for i in issues if i.code == code and i.span.overlaps(inj.span)]
        assert hits, f"{code} missed {result.corrupted[inj.span.start:inj.span.end]!r} in {result.corrupted!r}"
