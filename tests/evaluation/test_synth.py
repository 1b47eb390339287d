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


# Kinds that need quotes, brackets or a title before a name, which CLEAN does not have.
CLEAN_QUOTED = (
    "Talks in Geneva\n"
    'Addressing the UN General Assembly, Foreign Minister Walid al-Moualem called the war "almost over," '
    "and the Syrian army (backed by Russia) moved on.\n"
    "He said it was the 'final push'. The talks in Moscow and Geneva went on.\n"
)
CLEAN_FOR = {kind: CLEAN_QUOTED for kind in ("unbalanced_quote", "unbalanced_bracket", "quote_placement", "fragment")}
CLEAN_FOR["mixed_quotes"] = 'He called it "over", "done" and "finished" on Monday.\n'


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("kind", KINDS)
def test_each_injection_is_at_its_recorded_offsets(kind: str, seed: int) -> None:
    clean = CLEAN_FOR.get(kind, CLEAN)
    result = inject(clean, [kind], seed=seed)
    assert result.original == clean and not result.skipped
    (inj,) = result.injections
    assert inj.kind == kind and inj.expected_rule == EXPECTED_RULE[kind]
    text = result.corrupted[inj.span.start : inj.span.end]
    before = result.corrupted[: inj.span.start]
    assert len(result.corrupted) - len(clean) == len(inj.after) - len(inj.before)
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
    elif kind == "missing_space":
        assert regex.fullmatch(r"[\p{L}\p{N}]+[.!?,;]\p{L}+", text), text
        assert regex.sub(r"([.!?,;])", r"\1 ", text) in CLEAN or regex.sub(r"([.!?])", "\\1\n", text) in CLEAN
    elif kind == "space_before_punct":
        assert regex.fullmatch(r" [.,;:!?]", text) and regex.search(r"\p{L}$", before), text
    elif kind == "duplicated_run":
        copy = inj.after
        assert text.startswith(copy + copy[: len(copy)]) or text == copy + text[len(copy) :], text
        assert text[len(copy) :] in CLEAN and text not in CLEAN
    elif kind == "stray_punct":
        assert text in (".,", ". ,", ",.", ";."), text
    elif kind == "repeated_word":
        first, second = text.split(" ")
        assert first == second and f" {first} " in f" {CLEAN}"
    elif kind in ("unbalanced_quote", "unbalanced_bracket"):
        marks = "\"'“”‘’" if kind == "unbalanced_quote" else "()"
        assert sum(text.count(m) for m in marks) == 1 and len(result.corrupted) == len(clean) - 1, text
        assert text[0] in marks or text[-1] in marks, text
    elif kind == "quote_placement":
        assert regex.fullmatch(r"[.,][\"”’][.,]|[\"”’][.,][.,]", text), text
    elif kind == "fragment":
        assert regex.match(r"\p{L}+\. \p{Lu}", text) and text.replace(". ", " ", 1).rstrip(".,") in clean, text
    elif kind == "lowercase_start":
        if inj.variant == "stray full stop":
            assert regex.fullmatch(r"\. \p{Ll}+", text) and before[-1].islower(), text
        else:
            assert text[0].islower() and clean[inj.span.start : inj.span.end] == text[0].upper() + text[1:], text
    elif kind == "mixed_quotes":
        assert regex.fullmatch(r"“[^”]+”", text) and text[1:-1] in clean, text
    elif kind == "lowercased_name":
        assert text.islower() and clean[inj.span.start : inj.span.end] == text[0].upper() + text[1:], text


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
    "missing_space": "The talks failed. Officials left early\n",
    "space_before_punct": "The talks failed.\n",
    "duplicated_run": "a report by Alexander Ryumin\n",
    "stray_punct": "the talks failed, officials said\n",
    "repeated_word": "Talks at the summit\n",
    "preferred_spelling": "Officials in Kyiv said the talks failed.\n",
    "untranslated": "The talks failed.\n",
    "foreign_script": "Officials said talks with Branstad failed.\n",
    "boilerplate_multilingual": "The talks failed.\n",
    "offtopic": (
        "Parliament approved the budget\nThe vote came after a long debate about pensions and taxes in the chamber.\n"
        "The finance minister said the budget would cut the deficit by half within three years.\n"
    ),
    "unbalanced_quote": 'He called the war "almost over" on Monday.\n',
    "unbalanced_bracket": "The Syrian army (backed by Russia) moved on.\n",
    "quote_placement": 'He called the war "almost over," and left.\n',
    "fragment": "Addressing the Assembly, Foreign Minister Walid al-Moualem called for talks.\n",
    "lowercase_start": "The talks failed. The minister left early.\n",
    "lowercased_name": "The talks in Moscow failed.\n",
    "mixed_quotes": 'He called it "over", "done" and "finished" on Monday.\n',
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
        assert hits, f"{code} missed {result.corrupted[inj.span.start : inj.span.end]!r} in {result.corrupted!r}"


def test_language_and_boilerplate_injections() -> None:
    """The kinds of N201, L101, L102, B101 (multilingual) and B102 put what they say where they say."""
    from mtqa.synth import FOREIGN_SENTENCES, MULTILINGUAL_BOILERPLATE_LINES, OFFTOPIC_TEASERS

    for seed in range(8):
        (inj,) = inject(CLEAN, ["preferred_spelling"], seed=seed).injections
        assert (inj.before, inj.after) == ("Kyiv", "Kiev")
        result = inject(CLEAN, ["untranslated"], seed=seed)
        (inj,) = result.injections
        text = result.corrupted[inj.span.start : inj.span.end]
        assert text in FOREIGN_SENTENCES[inj.variant] and result.corrupted.replace(" " + text, "", 1) == CLEAN
        result = inject(CLEAN, ["foreign_script"], seed=seed)
        (inj,) = result.injections
        text = result.corrupted[inj.span.start : inj.span.end]
        assert not text.isascii() and text not in CLEAN
        result = inject(CLEAN, ["boilerplate_multilingual"], seed=seed)
        (inj,) = result.injections
        assert result.corrupted[inj.span.start : inj.span.end] in MULTILINGUAL_BOILERPLATE_LINES
        result = inject(CLEAN, ["offtopic"], seed=seed)
        (inj,) = result.injections
        teaser = result.corrupted[inj.span.start : inj.span.end]  # with its cue when on one line
        assert any(teaser.endswith(t) for t in OFFTOPIC_TEASERS)
