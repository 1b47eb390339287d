"""Severity and Issue: what a detector says about a span of a document."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from mtqa.span import Fix, Span


class Severity(StrEnum):
    """Ordered INFO < WARNING < ERROR; ``--fail-on`` compares against this order."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r}; expected info, warning or error") from None


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding, anchored to a span of the document's text.

    ``text`` is the matched text, kept so that reports and baselines need not re-read
    the document. ``related`` holds other spans that explain this one (for example the
    other spellings of a name). ``data`` carries JSON-serialisable extras.
    """

    code: str
    name: str
    message: str
    span: Span
    text: str
    severity: Severity
    category: str
    mqm: str = ""
    document: str = ""
    segment: int | None = None
    fix: Fix | None = None
    alternatives: tuple[Fix, ...] = ()
    related: tuple[Span, ...] = ()
    confidence: float | None = None
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.document, self.span.start, self.span.end, self.code)
