"""The character edit tagger's labels, tokenizer and windows (plain Python, no model)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from mtqa.corrector.tagger import (
    APPENDS,
    DELETE,
    KEEP,
    LOWER,
    CharTokenizer,
    Tagged,
    apply_labels,
    derive_labels,
    windows,
)
from mtqa.corrector.train import LOCAL_KINDS, Group, held_out, make_pair, units
from tests.corrector.tiny import SENTENCES


def test_labels_of_each_artefact_kind() -> None:
    labels = derive_labels("Talks with BlinkenHe canceled.", "Talks with Blinken. He canceled.")
    assert labels is not None and labels[17] == "APPEND_. " and labels.count(KEEP) == len(labels) - 1
    labels = derive_labels("Lavrov, Because of it", "Lavrov, because of it")
    assert labels is not None and labels[8] == LOWER
    labels = derive_labels("collected by Efe. .", "collected by Efe.")
    assert labels is not None and labels[-2:] == [DELETE, DELETE]
    labels = derive_labels("See also\u00a0 Cuba", "See also Cuba")
    assert labels is not None and labels.count(DELETE) == 1


def test_unrepresentable_differences_give_none() -> None:
    assert derive_labels("Blinken", "Blinkin") is None  # a renamed person is not an edit the tagger has
    assert derive_labels("abc", "Xabc") is None  # nothing can be inserted before the first character
    assert derive_labels("a b", "a --- b") is None  # not one of the APPEND_ strings


@pytest.mark.parametrize("seed", range(5))
def test_derived_labels_restore_every_synthetic_pair(seed: int) -> None:
    rng = random.Random(seed)
    pool = units([Group("t", SENTENCES)])
    for _ in range(40):
        pair = make_pair(rng.choice(pool), rng, p_clean=0.1, kinds=LOCAL_KINDS)
        labels = derive_labels(pair.corrupted, pair.clean)
        assert labels is not None, pair
        assert apply_labels(pair.corrupted, labels) == pair.clean


def test_threshold_drops_unsure_edits() -> None:
    tagged = Tagged("ab", ("DELETE", f"APPEND_{APPENDS[1]}"), (0.4, 0.9))
    assert tagged.corrected(0.0) == "b. "
    assert tagged.corrected(0.5) == "ab. "
    assert tagged.corrected(0.95) == "ab"
    assert tagged.confidence(0.5) == 0.9 and tagged.confidence(0.95) is None


@pytest.mark.parametrize("length", [0, 1, 95, 96, 97, 200, 1000])
def test_windows_give_every_character_exactly_one_label(length: int) -> None:
    covered = [0] * length
    for start, end, keep_from, keep_to in windows(length, 96):
        assert end - start <= 96 and start <= keep_from <= keep_to <= end
        for i in range(keep_from, keep_to):
            covered[i] += 1
    assert covered == [1] * length


def test_char_tokenizer_round_trip(tmp_path: Path) -> None:
    tok = CharTokenizer.build(["Ünïcode – “quoted”"], max_length=64)
    tok.save(tmp_path)
    again = CharTokenizer.load(tmp_path)
    assert again == tok
    ids = again.encode("aÜ\u4e2d")
    assert ids[0] > 1 and ids[1] > 1 and ids[2] == 1  # unseen characters are [UNK]


def test_held_out_split_is_stable() -> None:
    groups = [Group(f"doc{i}", ("x",)) for i in range(200)]
    first = [held_out(g, 12) for g in groups]
    assert first == [held_out(g, 12) for g in groups]
    assert 10 <= sum(first) <= 40
