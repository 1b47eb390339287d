"""Selecting rules by code, prefix and name."""

from __future__ import annotations

import pytest

from mtqa.rules import Selection, UnknownRuleError, all_rules, resolve


def codes(selection: Selection) -> set[str]:
    return {r.code for r in selection.rules()}


def test_code_and_name_resolve_to_the_same_rule() -> None:
    for rule in all_rules():
        assert resolve(rule.code) is rule
        assert resolve(rule.name) is rule
        assert resolve(rule.code.lower()) is rule


def test_prefix_selection_and_more_specific_ignore_wins() -> None:
    everything = codes(Selection(preview=True))
    p_rules = {c for c in everything if c.startswith("P")}
    assert codes(Selection(("P",), preview=True)) == p_rules
    assert codes(Selection(("ALL",), ("P",), preview=True)) == everything - p_rules
    assert codes(Selection(("P101",), ("P",))) == {"P101"}
    assert codes(Selection(("doubled-punctuation",))) == {"P101"}


def test_unknown_selector_is_an_error() -> None:
    with pytest.raises(UnknownRuleError):
        Selection(("Z999",)).rules()
    with pytest.raises(UnknownRuleError):
        resolve("no-such-rule")
