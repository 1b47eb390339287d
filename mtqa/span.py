"""Spans, edits and fixes: the coordinate system every other module speaks.

Every position in mtqa is a half-open pair of Python code-point offsets into one
document string. Lines and columns are derived only when printing, so that a span
never goes stale when the same document is rendered in another format.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A half-open ``[start, end)`` range of code points."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def shift(self, offset: int) -> Span:
        """The same span moved by ``offset``: used to lift segment spans into document spans."""
        return Span(self.start + offset, self.end + offset)

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share a code point, or an empty span touches the other."""
        if self.start == self.end or other.start == other.end:
            return other.start <= self.start <= other.end or self.start <= other.start <= self.end
        return self.start < other.end and other.start < self.end

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


class Applicability(StrEnum):
    """How safe a fix is to apply without a human looking at it.

    SAFE fixes are typographic and idempotent; UNSAFE ones are very likely right but
    may change a name or the meaning; DISPLAY fixes are shown and never applied.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display"

    @property
    def rank(self) -> int:
        return {"safe": 0, "unsafe": 1, "display": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of ``span`` with ``replacement`` (an insertion when the span is empty)."""

    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """One coherent correction: all its edits are applied together or not at all."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str

    @property
    def span(self) -> Span:
        """The smallest span covering every edit."""
        return Span(min(e.span.start for e in self.edits), max(e.span.end for e in self.edits))

    def apply(self, text: str) -> str:
        """The text with this fix's edits applied (edits must not overlap each other)."""
        out = text
        for edit in sorted(self.edits, key=lambda e: e.span.start, reverse=True):
            out = out[: edit.span.start] + edit.replacement + out[edit.span.end :]
        return out

    @classmethod
    def replace(cls, span: Span, replacement: str, applicability: Applicability, title: str) -> Fix:
        return cls((Edit(span, replacement),), applicability, title)
