"""Shared helpers of the evaluation tests: a marker rule whose flags are known in advance."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import regex

from mtqa.detectors.base import Context, Detector, NoSettings, segment_span
from mtqa.document import Segment
from mtqa.engine import Engine, PreparedRule
from mtqa.issue import Issue, Severity

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
_BAD = regex.compile(r"\bBAD\b")


class Marker(Detector):
    """Flags every word "BAD": a rule whose flags the tests know in advance (never registered)."""

    code = "Z901"
    name = "test-marker"
    summary = "The word BAD"
    category = "test"
    mqm = "Fluency/Spelling"

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        for m in _BAD.finditer(unit.text):
            yield self.issue(ctx, segment_span(unit, m.start(), m.end()), "BAD", segment=unit)


def marker_engine() -> Engine:
    """An engine that runs only the marker rule, whatever rules are registered."""
    engine = Engine()
    engine.rules = (PreparedRule(Marker(), NoSettings(), Severity.WARNING),)
    return engine


@pytest.fixture
def engine() -> Engine:
    return marker_engine()


def need_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (only the project's CI has ../shared)")
    return path
