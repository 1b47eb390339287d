"""Applying fixes: non-overlapping batches, re-checking, convergence, atomic writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mtqa.fixes import FixError, atomic_write, fix_text, non_overlapping
from mtqa.issue import Issue, Severity
from mtqa.span import Applicability, Fix, Span


def issue_with(fix: Fix) -> Issue:
    return Issue("P101", "doubled-punctuation", "m", fix.span, "", Severity.ERROR, "punctuation", fix=fix)


def delete_doubled_commas(text: str) -> list[Issue]:
    """A toy rule: each ',,' loses one comma (overlapping matches in ',,,')."""
    return [
        issue_with(Fix.replace(Span(i, i + 1), "", Applicability.SAFE, "drop comma"))
        for i in range(len(text) - 1)
        if text[i : i + 2] == ",,"
    ]


def test_overlapping_fixes_converge_over_passes() -> None:
    outcome = fix_text("a,,,,b", delete_doubled_commas)
    assert outcome.text == "a,b"
    assert outcome.passes >= 2


def test_non_overlapping_picks_disjoint_edits() -> None:
    fixes = [
        ("X", Fix.replace(Span(0, 3), "", Applicability.SAFE, "a")),
        ("X", Fix.replace(Span(2, 4), "", Applicability.SAFE, "b")),
        ("X", Fix.replace(Span(5, 6), "", Applicability.SAFE, "c")),
    ]
    assert [f.title for _, f in non_overlapping(fixes)] == ["a", "c"]


def test_unsafe_fixes_need_unsafe_level() -> None:
    def rule(text: str) -> list[Issue]:
        i = text.find("Because")
        return [issue_with(Fix.replace(Span(i, i + 1), "b", Applicability.UNSAFE, "lower"))] if i >= 0 else []

    assert fix_text("x, Because", rule).text == "x, Because"
    assert fix_text("x, Because", rule, Applicability.UNSAFE).text == "x, because"


def test_display_fixes_never_apply() -> None:
    def rule(text: str) -> list[Issue]:
        return [issue_with(Fix.replace(Span(0, 1), "Z", Applicability.DISPLAY, "show"))] if text[0] != "Z" else []

    assert fix_text("abc", rule, Applicability.UNSAFE).text == "abc"


def test_fixes_that_undo_each_other_raise() -> None:
    def flip(text: str) -> list[Issue]:
        return [issue_with(Fix.replace(Span(0, 1), "b" if text[0] == "a" else "a", Applicability.SAFE, "flip"))]

    with pytest.raises(FixError):
        fix_text("abc", flip)


def test_atomic_write_keeps_permissions_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o640)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


def test_atomic_write_of_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "report.html"
        atomic_write(path, b"<html>")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
