"""Gold evaluation on a temporary directory: loading, recall per type, flags outside gold, negatives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import need_shared

from mtqa.evaluation.common import TYPE_RULES, rules_for_type
from mtqa.evaluation.gold import GoldFormatError, evaluate_gold, load_gold

A = "Here is one BAD word and a fine one.\nAnd BAD again, BAD thrice.\n"
B = "Nothing wrong here at all.\nBut BAD at the end.\n"


def write_dir(tmp_path: Path, gold: list[dict], negatives: list[dict] | None = None) -> Path:
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(B, encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold) + "\n", encoding="utf-8")
    if negatives is not None:
        (tmp_path / "negatives.jsonl").write_text("\n".join(json.dumps(n) for n in negatives) + "\n", encoding="utf-8")
    return tmp_path


GOLD = [
    {"file": "a.txt", "type": "marker", "rules": ["Z901"], "text": "BAD", "start": 12, "end": 15, "level": "must"},
    {"file": "a.txt", "type": "marker", "rules": ["Z901"], "text": "fine", "level": "should"},  # located by text
    {"file": "b.txt", "type": "marker", "rules": ["Z901"], "text": "BAD", "start": 31, "end": 34, "level": "must"},
    {"file": "sub/b.txt", "type": "merged_token", "text": "Nothing", "start": 0, "end": 7, "level": "should"},
]


def test_recall_per_type_and_level(tmp_path: Path, engine) -> None:
    result = evaluate_gold(write_dir(tmp_path, GOLD), engine)
    assert result.files == 2 and result.words == len(A.split()) + len(B.split())
    assert result.level("must") == (2, 2)
    assert result.level("should") == (0, 2)  # "fine" is not flagged; W101 is not in this engine
    found = {(s.gold.file, s.gold.text): s.found_by for s in result.spans}
    assert found[("a.txt", "BAD")] == ("Z901",)
    assert found[("sub/b.txt", "BAD")] == ("Z901",)
    assert found[("sub/b.txt", "Nothing")] == ()
    types = {(row["type"], row["level"]): (row["found"], row["spans"]) for row in result.to_dict()["types"]}
    assert types == {("marker", "must"): (2, 2), ("marker", "should"): (0, 1), ("merged_token", "should"): (0, 1)}


def test_flags_on_gold_and_outside_gold(tmp_path: Path, engine) -> None:
    result = evaluate_gold(write_dir(tmp_path, GOLD), engine)
    (rule,) = result.rules
    # four flags: the two gold BADs, and "BAD again" / "BAD thrice", other occurrences of a gold span's
    # exact text (gold files mark the first occurrence only), so on its gold too
    assert (rule.flags, rule.on_own_gold, rule.on_other_gold, rule.outside) == (4, 4, 0, 0)

    other = tmp_path / "other"
    other.mkdir()
    gold = [dict(GOLD[0], text="word", start=16, end=20), *GOLD[1:]]  # the first BAD no longer gold
    result = evaluate_gold(write_dir(other, gold), engine)
    (rule,) = result.rules
    assert (rule.flags, rule.on_own_gold, rule.outside) == (4, 1, 3)
    assert result.to_dict()["outside_per_1000_words"] == pytest.approx(3000 / result.words)
    assert {o.text for o in result.outside} == {"BAD"}


def test_negatives_are_judged(tmp_path: Path, engine) -> None:
    negatives = [
        {"file": "a.txt", "text": "BAD again", "start": 41, "end": 50},
        {"file": "a.txt", "text": "fine", "note": "not flagged"},
        {"file": "a.txt", "text": "BAD thrice", "rules": ["C"]},  # judged against the C family only
    ]
    result = evaluate_gold(write_dir(tmp_path, GOLD, negatives), engine)
    assert [n.flagged_by for n in result.negatives] == [("Z901",), (), ()]
    assert result.negatives_flagged == 1


def test_single_file_needs_no_file_field(tmp_path: Path, engine) -> None:
    (tmp_path / "only.txt").write_text("a BAD b\n", encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text(json.dumps({"type": "x", "text": "BAD", "start": 2, "end": 5}) + "\n")
    result = evaluate_gold(tmp_path, engine)
    assert result.spans[0].gold.rules is None  # an unknown type: any rule may claim it
    assert result.level("must") == (1, 1)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"file": "a.txt", "type": "x", "text": "BAD", "start": 0, "end": 3}, "is 'Her', not 'BAD'"),
        ({"type": "x", "text": "BAD", "start": 12, "end": 15}, "no 'file' field"),
        ({"file": "c.txt", "type": "x", "text": "BAD"}, "not found"),
        ({"file": "a.txt", "type": "x", "text": "absent"}, "does not occur"),
        ({"file": "a.txt", "text": "BAD"}, "missing 'type'"),
    ],
)
def test_bad_gold_entries_name_file_and_line(tmp_path: Path, entry: dict, message: str) -> None:
    write_dir(tmp_path, [entry])
    with pytest.raises(GoldFormatError, match=message) as info:
        load_gold(tmp_path)
    assert "gold.jsonl:1" in str(info.value)


def test_type_table() -> None:
    assert rules_for_type("merged_token") == ("W101", "W105")
    assert rules_for_type("comma_capital") == ("C101", "C102")
    assert rules_for_type("something new") is None
    assert set(TYPE_RULES) >= {"boilerplate", "spacing", "fragment", "quote", "preferred_spelling", "fluency"}


def test_shared_seed_loads() -> None:
    seed = need_shared("seed")
    gold = load_gold(seed)
    assert len(gold.texts) == 1 and len(gold.gold) == 20 and len(gold.negatives) == 5
    text = next(iter(gold.texts.values()))
    for g in gold.gold:
        assert text[g.span.start : g.span.end] == g.text
