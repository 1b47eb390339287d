"""The README's rule table is generated from the registry and must be current."""

from __future__ import annotations

from pathlib import Path

from mtqa.ruledocs import END, START, replace_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_rule_table_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    assert START in text and END in text
    assert replace_table(text) == text, "README rule table is stale: run `python tools/update_readme.py`"


def test_readme_quick_start_has_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "## Quick start" in text
    assert "mtqa check --example" in text
    assert "python -m pytest" in text
