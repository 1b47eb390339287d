"""Every rule documents itself with the sections DESIGN.md names, and its metadata is complete."""

from __future__ import annotations

import re

import pytest

from mtqa.detectors.base import DOC_SECTIONS, Detector
from mtqa.rules import all_rules

RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_docstring_has_every_section(rule: type[Detector]) -> None:
    sections = rule.doc_sections()
    missing = [s for s in DOC_SECTIONS if not sections.get(s)]
    assert not missing, f"{rule.code} docstring lacks sections: {missing}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_metadata(rule: type[Detector]) -> None:
    assert re.fullmatch(r"[A-Z]\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.summary and not rule.summary.endswith(".")
    assert rule.mqm, f"{rule.code} names no MQM category"


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
