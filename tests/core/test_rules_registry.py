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


def test_rule_order_does_not_depend_on_import_order() -> None:
    """The rule table (and `mtqa rules`) lists shipped rules in module order, whichever
    detector module a program imported first."""
    import subprocess
    import sys

    script = "import {}\nfrom mtqa.rules import all_rules\nprint(' '.join(r.code for r in all_rules()))"
    plain = subprocess.run([sys.executable, "-c", script.format("mtqa")], capture_output=True, text=True, check=True)
    names_first = subprocess.run(
        [sys.executable, "-c", script.format("mtqa.detectors.names")], capture_output=True, text=True, check=True
    )
    assert names_first.stdout == plain.stdout and plain.stdout.startswith("W101")
