"""Punctuation rules (family P)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from mtqa.detectors.base import Context, Detector, segment_span
from mtqa.document import Segment
from mtqa.issue import Issue, Severity
from mtqa.rules import register
from mtqa.span import Applicability, Fix, Span

# A mark, optional horizontal space, the same mark again. Full stops are handled apart
# because three or more of them (spaced or not) are an ellipsis.
_DOUBLED = regex.compile(r"([,;:])[ \t\u00a0]*\1")
_PERIOD_RUN = regex.compile(r"\.(?:[ \t\u00a0]*\.)+")
_NAMES = {",": "comma", ";": "semicolon", ":": "colon", ".": "full stop"}


@register
class DoubledPunctuation(Detector):
    """A punctuation mark repeated by mistake: "Efe. .", "however,, the", "note:: see".

    What it flags:
        Two full stops, commas, semicolons or colons in a row, with or without spaces
        between them. Machine translation and HTML scraping leave these behind when a
        sentence-final mark is added to text that already had one.

    Why it matters:
        A doubled mark is the most visible sign of unedited machine output; readers
        notice it at once.

    Example:
        "indicated in the data collected by Efe. ." -> "indicated in the data collected by Efe."

    Leaves alone:
        Ellipses of three or more full stops ("...", ". . ."); relative paths and ranges
        ("../data", "1..5"); "!!" and "?!" (emphatic, a style matter); "::" in code or
        IPv6 addresses (no space around it and a letter or digit on both sides).

    Fix safety:
        SAFE: the second mark and the space before it are deleted. The fix changes no
        word and applying it twice changes nothing more.

    Settings:
        None.

    Measured precision:
        Not yet measured on the shared data (preview of the catalogue issue).
    """

    code = "P101"
    name = "doubled-punctuation"
    summary = "The same punctuation mark twice in a row"
    severity = Severity.ERROR
    category = "punctuation"
    mqm = "Fluency/Punctuation"
    fixable = True

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        text = unit.text
        for m in _PERIOD_RUN.finditer(text):
            if m.group().count(".") != 2 or _is_path_or_range(text, m.start(), m.end()):
                continue
            yield self._issue(ctx, unit, m.start(), m.end(), ".")
        for m in _DOUBLED.finditer(text):
            mark = m.group(1)
            if mark == ":" and m.group() == "::" and _word_char(text, m.start() - 1) and _word_char(text, m.end()):
                continue
            yield self._issue(ctx, unit, m.start(), m.end(), mark)

    def _issue(self, ctx: Context, seg: Segment, start: int, end: int, mark: str) -> Issue:
        span = segment_span(seg, start, end)
        fix = Fix.replace(Span(span.start + 1, span.end), "", Applicability.SAFE, f"Remove the second {_NAMES[mark]}")
        return self.issue(ctx, span, f"doubled {_NAMES[mark]} {seg.text[start:end]!r}", segment=seg, fix=fix)


def _word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _is_path_or_range(text: str, start: int, end: int) -> bool:
    """'../x', 'a/..', '1..5': two dots that belong to a path or a numeric range."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return after in "/\\" or before in "/\\" or (before.isdigit() and after.isdigit())
