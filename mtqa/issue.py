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

    def fix_preview(self, text: str) -> tuple[str, str]:
        """The document text around this issue before and after its fix ('BlinkenHe', 'Blinken. He').

        The window covers the issue's span and every edit of the fix, so a reader sees the
        change in place; ``text`` is the whole document the issue belongs to.
        """
        if self.fix is None:
            return self.text, self.text
        start = min(self.span.start, self.fix.span.start)
        end = max(self.span.end, self.fix.span.end)
        growth = sum(len(e.replacement) - len(e.span) for e in self.fix.edits)
        return text[start:end], self.fix.apply(text)[start : end + growth]
