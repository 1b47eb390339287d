"""Code inside prose: which paragraphs of a document are code, and where inline code spans are.

Quote, bracket and casing rules read prose. README-style documents (Markdown, reStructuredText)
mix prose with code blocks and inline code, where unbalanced brackets, straight quotes and
lower-case sentence starts are normal. These helpers let those rules skip code; plain news
text has none of these signs and loses nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

import regex

from mtqa.detectors.memo import per_document
from mtqa.document import Segment

_FENCE = regex.compile(r"^\s*(?:```|~~~)")
_PROMPT = regex.compile(r"^\s*(?:>>> |In \[\d*\]:)")
_SHELL = regex.compile(r"^\s*(?:\.\.\. |\$ |% )")
_TECHNICAL = regex.compile(r"(?m)^\s*(?:```|~~~|>>>)|::\s*$|^\.\. [a-z-]+::")
# The standard library's engine: counting a plain character class in every paragraph is a
# third of the time it takes the regex module.
_SYMBOL = re.compile(r"[{}\[\]();=<>\\|]")
# Inline code: `x`, ``x`` (Markdown and reStructuredText).
INLINE_CODE = regex.compile(r"(`{1,3})(?!`)[^`\n]+?\1")


def _symbol_dense(text: str) -> bool:
    """A line of code: outside inline code spans, four or more code symbols, one character in
    ten or more ("x = f(a[0]) {", not "- [varLib] Fixed ``scaleUpem`` (#4097,")."""
    count = len(_SYMBOL.findall(text))
    if count < 4:
        return False
    stripped = mask_inline_code(text).strip()
    count = len(_SYMBOL.findall(stripped))
    return count >= 4 and count * 10 >= len(stripped)


@per_document()
def code_segments(segments: tuple[Segment, ...]) -> frozenset[int]:
    """Indexes of the segments that are code: fenced blocks, ">>>" prompts, lines dense with code
    symbols, and, in a document that shows code elsewhere (a fence, a prompt, an RST "::"
    block), indented lines and "$ " or "... " lines."""
    if not segments:
        return frozenset()
    # The segments' texts joined by line breaks, searched once for the marks below: each
    # segment that holds one is found by its end offset (``ends[k]``: one past its text's end).
    joined = "\n".join(seg.text for seg in segments)
    ends = list(accumulate(len(seg.text) + 1 for seg in segments))
    if any(_TECHNICAL.search(segments[k].text) for k in _holding(joined, ends, _TECHNICAL_MARKS)):
        return _code_lines(segments, segments, True)
    # Not technical, so no fence either (a fence is technical): only the lines with a backtick,
    # a prompt or four code symbols can be code, and one pass over the document finds them.
    picked = _holding(joined, ends, ("`", ">>>"))
    shape = joined.encode("ascii", "replace").translate(_SYMBOL_TABLE)
    i = shape.find(b"#")
    while i != -1:
        k = bisect_right(ends, i)
        end = ends[k]
        if shape.count(b"#", i, end) >= 4:
            picked.add(k)
        i = shape.find(b"#", end)
    return _code_lines(segments, [segments[k] for k in sorted(picked)], False)


# What ``_TECHNICAL`` needs in a segment (the test before the pattern).
_TECHNICAL_MARKS = ("```", "~~~", ">>>", "::", ".. ")
# The code symbols of ``_SYMBOL`` read "#", everything else a space (none of them is outside ASCII).
_SYMBOL_TABLE = bytes(35 if chr(c) in "{}[]();=<>\\|" else 32 for c in range(256))


def _holding(joined: str, ends: list[int], needles: tuple[str, ...]) -> set[int]:
    """The positions of the segments whose text holds one of ``needles`` (none holds a line break)."""
    picked: set[int] = set()
    for needle in needles:
        i = joined.find(needle)
        while i != -1:
            k = bisect_right(ends, i)
            picked.add(k)
            i = joined.find(needle, ends[k])
    return picked


def _code_lines(segments: tuple[Segment, ...], among: Sequence[Segment], technical: bool) -> frozenset[int]:
    """The code segments of ``among`` (every segment that may be code, in order)."""
    code: set[int] = set()
    fenced = False
    for seg in among:
        text = seg.text
        if not technical and not fenced and "`" not in text and ">>>" not in text and len(_SYMBOL.findall(text)) < 4:
            continue  # plain prose: nothing below can match
        if _FENCE.match(text):
            code.add(seg.index)
            fenced = not fenced
            continue
        indented = text.startswith(("    ", "\t"))
        if fenced or _PROMPT.match(text) or _symbol_dense(text) or (technical and (indented or _SHELL.match(text))):
            code.add(seg.index)
    return frozenset(code)


def mask_inline_code(text: str) -> str:
    """``text`` with every inline code span replaced by underscores (same length, so offsets
    still hold; an underscore is neither a space nor a letter, so no word seems to start or end
    a sentence next to the code)."""
    if "`" not in text:
        return text
    return INLINE_CODE.sub(lambda m: "_" * len(m.group()), text)


# Signs that a document shows code: `inline code`, call(), snake_case, ::, ->, =>, braces, tags,
# shell and Python prompts. Camel case in such a text is far more often an identifier than glue.
_SHOWS_CODE = regex.compile(
    r"`[^`\s]+`|\w\(\)|\b\p{Ll}+_\p{Ll}+|::|->|=>|[{}]|</?\p{Ll}+[ >/]|^[ \t]*(?:\$ \p{Ll}|>>> )",
    regex.MULTILINE,
)


# What each sign of ``_SHOWS_CODE`` holds: a text with none of them shows no code, and costs a few
# C-level substring scans instead of the pattern's (far slower) one.
_SHOWS_CODE_MARKS = ("`", "()", "_", "::", "->", "=>", "{", "}", "<", "$ ", ">>> ")


@lru_cache(maxsize=16)
def shows_code(document: str) -> bool:
    """True when the document shows code (a README, a changelog, software strings)."""
    if not any(mark in document for mark in _SHOWS_CODE_MARKS):
        return False
    return _SHOWS_CODE.search(document) is not None
