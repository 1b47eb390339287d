"""The whitespace-delimited chunk around an offset: what several rules inspect to tell prose
from a URL, a path or code before flagging a mark inside it."""

from __future__ import annotations


def chunk_at(text: str, i: int) -> tuple[int, int]:
    """(start, end) of the whitespace-delimited stretch of ``text`` around offset ``i``."""
    start = i
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = i
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
